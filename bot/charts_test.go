package bot_test

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // image.DecodeConfig reads the chart
	"testing"

	"github.com/spotterbot/spotter/storage/storagetest"
)

func TestChart(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	mustContain(t, h.send("ann", "/chart", false).Text, "Which lift?", "Example: /chart squat")
	mustContain(t, h.send("ann", "/chart squat", false).Text, "No squat sets yet, so no chart.")
	h.send("ann", "/log 2026-11-01 squat w60x5", false)
	mustContain(t, h.send("ann", "/chart squat", false).Text, "No e1RM for squat yet")
	for i, l := range []string{"100x5 rir2", "102.5x5 rir2", "105x5 rir1", "100x5 rir3"} {
		h.send("ann", fmt.Sprintf("/log 2026-11-%02d squat %s", 3+3*i, l), false)
	}
	h.send("ann", "/checkin 2026-11-09 sleep poor soreness high", false)
	r := h.send("ann", "/chart sq", false)
	if r.Image == nil {
		t.Fatalf("got no image: %q", r.Text)
	}
	mustContain(t, r.Text, "squat e1RM, 2026-11-03 to 2026-11-12: 4 sessions", "2 personal records")
	cfg, format, err := image.DecodeConfig(bytes.NewReader(r.Image))
	if err != nil || format != "png" || cfg.Width != 1200 || cfg.Height != 1000 {
		t.Errorf("got %s %dx%d (%v), want a 1200x1000 png", format, cfg.Width, cfg.Height, err)
	}
	mustContain(t, r.Text, " kg on 2026-11-12")
	if got, want := r.ImageName, "chart-squat-2026-11-20.png"; got != want {
		t.Errorf("chart named %q, want %q", got, want)
	}
	// A check-in after the last session: the strip runs through it.
	h.send("ann", "/checkin 2026-11-16 sleep good", false)
	mustContain(t, h.send("ann", "/chart squat", false).Text, "Strip below: readiness on each check-in day, through 2026-11-16.")
}

func TestChartTakesAppNames(t *testing.T) {
	st := storagetest.Open(t, storagetest.SQLite)
	h := newHarness(t, st)
	h.send("ann", "/import", false, fixture(t, "hevy-lbs.csv"))
	r := h.send("ann", "/chart Incline Bench Press (Barbell)", false)
	if r.Image == nil {
		t.Fatalf("got %q, want the incline bench chart", r.Text)
	}
	mustContain(t, r.Text, "incline bench e1RM, 2024-08-10 to 2024-08-14: 2 sessions", " kg on ")
}
