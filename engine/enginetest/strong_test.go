package enginetest

import (
	"encoding/csv"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

var (
	strongOut = flag.String("strong", "", "write a five-year log's Strong export to this file (to time `spotter import` on it)")
	strongEnd = flag.String("strong.end", DefaultEnd.String(), "the last day of the log -strong writes, YYYY-MM-DD")
)

// TestWriteStrongCSV writes a file for timing the binary; it runs only when
// asked:
//
//	go test ./engine/enginetest -run TestWriteStrongCSV -args -strong=/tmp/long.csv -strong.end=2026-12-03
func TestWriteStrongCSV(t *testing.T) {
	if *strongOut == "" {
		t.Skip("no -strong file to write")
	}
	end, err := engine.ParseDate(*strongEnd)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*strongOut, StrongCSV(Generate(Config{Seed: 1, End: end})), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStrongCSVLayout checks the export is Strong's 10-column layout: the
// header, ten fields a row, set orders 1.., W, D or F, weights and reps
// with a decimal, RPE from 6 to 10.
func TestStrongCSVLayout(t *testing.T) {
	l := Generate(Config{Seed: 4, Years: 1})
	data := StrongCSV(l)
	if !strings.HasPrefix(string(data), StrongHeader+"\n") {
		t.Fatalf("header %q, want %q", strings.SplitN(string(data), "\n", 2)[0], StrongHeader)
	}
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(l.Sets) {
		t.Fatalf("%d rows for %d sets", len(recs)-1, len(l.Sets))
	}
	orders := map[string]int{}
	for i, r := range recs[1:] {
		if len(r) != 10 || len(r[0]) != len("2006-01-02 15:04:05") || !strings.Contains(r[5], ".") || !strings.HasSuffix(r[6], ".0") {
			t.Fatalf("row %d: %q", i+1, r)
		}
		if _, err := strconv.Atoi(r[4]); err == nil {
			orders["n"]++
		} else {
			orders[r[4]]++
		}
		if r[9] != "" {
			if rpe, err := strconv.ParseFloat(r[9], 64); err != nil || rpe < 6 || rpe > 10 {
				t.Fatalf("row %d: RPE %q", i+1, r[9])
			}
		}
	}
	for _, o := range []string{"n", "W", "D", "F"} {
		if orders[o] == 0 {
			t.Errorf("no set order %q among %v", o, orders)
		}
	}
}
