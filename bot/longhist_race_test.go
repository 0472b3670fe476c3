//go:build race

package bot_test

// longHistoryYears is how much of a generated history the long-history
// tests import. Under the race detector (CI) it is two years, about 7,000
// sets, layoff and all: five take over 10 s there on SQLite, where the
// import and the two snapshots of every row run ten times slower.
const longHistoryYears = 2
