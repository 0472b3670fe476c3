package telegram

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestRejectionsAreLoggedAtMostOnceAMinute(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	lines := func() []string { return strings.FieldsFunc(buf.String(), func(r rune) bool { return r == '\n' }) }
	var r rejections
	t0 := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

	r.add(401, t0, log)
	if got := lines(); len(got) != 1 || !strings.Contains(got[0], `"rejected 1 webhook request (401: 1)"`) {
		t.Fatalf("after the first refusal: got %q, want one line at once", got)
	}
	statuses := []int{401, 413, 405, 400}
	for i := range 998 {
		r.add(statuses[i%4], t0.Add(time.Second+time.Duration(i)*50*time.Millisecond), log)
	}
	r.report(t0.Add(59*time.Second), log, false)
	if got := lines(); len(got) != 1 {
		t.Fatalf("998 more within the minute: got %d lines, want still 1: %q", len(got), got)
	}
	r.add(401, t0.Add(61*time.Second), log)
	got := lines()
	if len(got) != 2 || !strings.Contains(got[1], `"rejected 999 webhook requests in the last 1m0s (400: 249, 401: 251, 405: 249, 413: 250)"`) {
		t.Fatalf("a minute later: got %q, want a second line with the 999 since the first", got)
	}
	r.report(t0.Add(200*time.Second), log, true)
	if got := lines(); len(got) != 2 {
		t.Errorf("final report with nothing new: got %d lines, want 2", len(got))
	}
	snap := r.snapshot()
	if want := map[int]uint64{400: 249, 401: 252, 405: 249, 413: 250}; len(snap) != len(want) || snap[400] != want[400] || snap[401] != want[401] || snap[405] != want[405] || snap[413] != want[413] {
		t.Errorf("counts: got %v, want %v", snap, want)
	}
}
