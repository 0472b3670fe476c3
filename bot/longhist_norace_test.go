//go:build !race

package bot_test

// longHistoryYears is how much of a generated history the long-history
// tests import: five years (about 18,000 sets), as a lifter moving from
// Strong brings them.
const longHistoryYears = 5
