package chart

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

// history builds n sessions of a lift, every `every` days from start, with
// e1RM climbing by step kg per session and a wobble, a deload every
// deloadEvery weeks (0 = none), and a check-in every day.
func history(lift string, start engine.Date, n, every int, base, step float64, deloadEvery int) engine.History {
	var h engine.History
	for i := 0; i < n; i++ {
		d := start.AddDays(i * every)
		load := base + step*float64(i) + 4*math.Sin(float64(i)/2)
		h.Sets = append(h.Sets,
			engine.Set{Lift: lift, Date: d, Seq: 0, Load: engine.NewLoad(load*0.5, engine.Kg), Reps: 5, Kind: engine.Warmup},
			engine.Set{Lift: lift, Date: d, Seq: 1, Load: engine.NewLoad(load, engine.Kg), Reps: 5, RIR: 2, HasRIR: true},
			engine.Set{Lift: lift, Date: d, Seq: 2, Load: engine.NewLoad(load*0.8, engine.Kg), Reps: 8, Kind: engine.Drop},
		)
	}
	last := start.AddDays((n - 1) * every)
	if deloadEvery > 0 {
		for d := start.AddDays(7 * deloadEvery); d < last; d = d.AddDays(7 * deloadEvery) {
			h.Deloads = append(h.Deloads, engine.DeloadPeriod{Start: d, End: d.AddDays(6), Planned: true})
		}
	}
	for d := start; d <= last; d++ {
		h.Checkins = append(h.Checkins, engine.Checkin{Date: d, Sleep: engine.SleepGood})
	}
	return h
}

// fakeReadiness marks every 9th day strained and every 4th with one flag, so
// the strip's three colours all appear (engine.ReadinessOf is tested in engine).
func fakeReadiness(h engine.History, d engine.Date) engine.DayReadiness {
	switch {
	case int(d)%9 == 0:
		return engine.DayReadiness{Date: d, Flags: []engine.DayFlag{{Kind: engine.FlagSleep}, {Kind: engine.FlagSoreness}}, Strained: true}
	case int(d)%4 == 0:
		return engine.DayReadiness{Date: d, Flags: []engine.DayFlag{{Kind: engine.FlagSleep}}}
	}
	return engine.DayReadiness{Date: d}
}

func mustRender(t *testing.T, d Data, name string) []byte {
	t.Helper()
	b, err := Render(d)
	if err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	if dir := os.Getenv("CHART_DIR"); dir != "" { // to look at them: CHART_DIR=/tmp/charts go test ./bot/chart
		if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func TestRenderSizes(t *testing.T) {
	start := engine.NewDate(2025, 1, 6)
	for _, tc := range []struct {
		name      string
		h         engine.History
		unit      engine.Unit
		points    int
		deloadPts int
	}{
		{"one-session", history("squat", start, 1, 3, 100, 0, 0), engine.Kg, 1, 0},
		{"three-months", history("squat", start, 26, 3, 100, 0.8, 6), engine.Kg, 26, 3},
		{"five-years-lb", history("deadlift", engine.NewDate(2020, 1, 1), 500, 4, 140, 0.12, 8), engine.Lb, 500, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lift := tc.h.Sets[0].Lift
			d := Build(tc.h, lift, tc.unit, fakeReadiness)
			if len(d.Points) != tc.points {
				t.Fatalf("got %d points, want %d", len(d.Points), tc.points)
			}
			if tc.deloadPts > 0 {
				n := 0
				for _, p := range d.Points {
					if p.Deload {
						n++
					}
				}
				if n != tc.deloadPts {
					t.Errorf("got %d sessions in deload weeks, want %d", n, tc.deloadPts)
				}
			}
			b := mustRender(t, d, tc.name)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if format != "png" || cfg.Width != Width || cfg.Height != Height {
				t.Errorf("got %s %dx%d, want png %dx%d", format, cfg.Width, cfg.Height, Width, Height)
			}
			if tc.name != "three-months" {
				return // decoding every pixel is slow under -race; once is enough
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode pixels: %v", err)
			}
			// The readiness strip must show a strained day's red somewhere in
			// the bottom 150 pixels, and the plot above must not.
			if !hasColour(img, strained, Height-150, Height) {
				t.Errorf("no strained-day mark in the readiness strip")
			}
			if hasColour(img, strained, 0, Height-150) {
				t.Errorf("strained-day red above the readiness strip")
			}
		})
	}
}

func hasColour(img image.Image, c interface{ RGBA() (r, g, b, a uint32) }, y0, y1 int) bool {
	wr, wg, wb, _ := c.RGBA()
	for y := y0; y < y1; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 == wr>>8 && g>>8 == wg>>8 && b>>8 == wb>>8 {
				return true
			}
		}
	}
	return false
}

func TestBuildScoresLikeTheEngine(t *testing.T) {
	d0 := engine.NewDate(2025, 3, 3)
	h := engine.History{
		Sets: []engine.Set{
			{Lift: "squat", Date: d0, Load: engine.NewLoad(60, engine.Kg), Reps: 5, Kind: engine.Warmup},
			{Lift: "squat", Date: d0, Seq: 1, Load: engine.NewLoad(100, engine.Kg), Reps: 5, RIR: 2, HasRIR: true},
			{Lift: "squat", Date: d0.AddDays(3), Load: engine.NewLoad(140, engine.Kg), Reps: 8, Kind: engine.Drop},
			{Lift: "squat", Date: d0.AddDays(3), Seq: 1, Load: engine.NewLoad(105, engine.Kg), Reps: 5, RIR: 2, HasRIR: true},
			{Lift: "squat", Date: d0.AddDays(7), Load: engine.NewLoad(70, engine.Kg), Reps: 5, RIR: 5, HasRIR: true},
			{Lift: "squat", Date: d0.AddDays(10), Load: engine.NewLoad(105, engine.Kg), Reps: 5, RIR: 2, HasRIR: true},
			{Lift: "bench", Date: d0, Load: engine.NewLoad(300, engine.Kg), Reps: 5},
			{Lift: "squat", Date: d0.AddDays(12), Bodyweight: true, Load: engine.Load{Unit: engine.Kg}, Reps: 20},
		},
		Deloads: []engine.DeloadPeriod{{Start: d0.AddDays(7), End: d0.AddDays(9)}, {Start: d0.AddDays(40), End: d0.AddDays(40), Skipped: true}},
	}
	d := Build(h, "squat", engine.Kg, nil)
	want := []struct {
		date       engine.Date
		pr, deload bool
	}{{d0, false, false}, {d0.AddDays(3), true, false}, {d0.AddDays(7), false, true}, {d0.AddDays(10), false, false}}
	if len(d.Points) != len(want) {
		t.Fatalf("got %d points %+v, want %d", len(d.Points), d.Points, len(want))
	}
	for i, w := range want {
		p := d.Points[i]
		if p.Date != w.date || p.PR != w.pr || p.Deload != w.deload {
			t.Errorf("point %d: got %+v, want date %s pr %v deload %v", i, p, w.date, w.pr, w.deload)
		}
	}
	e, _ := engine.SetE1RM(h.Sets[1])
	if math.Abs(d.Points[0].E1RM-e) > 1e-9 {
		t.Errorf("got e1RM %v, want the engine's %v", d.Points[0].E1RM, e)
	}
	if len(d.Deloads) != 1 {
		t.Errorf("got %d deloads, want 1 (the skipped one is not shaded)", len(d.Deloads))
	}
	// The trend leaves the deload session out: three points, not four.
	if got := Trend(d.Points); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("got trend %v, want one line through 3 points", got)
	}
	lb := Build(h, "squat", engine.Lb, nil)
	if got, want := lb.Points[0].E1RM, e/engine.KgPerLb; math.Abs(got-want) > 1e-9 {
		t.Errorf("lb chart: got %v, want %v", got, want)
	}
}

func TestTrendBreaksAtLongGaps(t *testing.T) {
	d0 := engine.NewDate(2024, 1, 1)
	var pts []Point
	for _, day := range []int{0, 3, 7, 10, 200, 203, 206, 300} {
		pts = append(pts, Point{Date: d0.AddDays(day), E1RM: 100 + float64(day)/10})
	}
	got := Trend(pts)
	// Span 300 days: window ±15 days, a break after gaps over 30 days. The
	// lone session on day 300 draws no line.
	if len(got) != 2 || len(got[0]) != 4 || len(got[1]) != 3 {
		t.Errorf("got segments %v, want 4 points then 3", got)
	}
}

// On a steady climb the trend goes through the sessions, at the ends too,
// instead of lagging below them; with noise it runs through the middle.
func TestTrendFollowsASteadyClimb(t *testing.T) {
	d0 := engine.NewDate(2026, 8, 3)
	var pts []Point
	for i := 0; i < 30; i++ {
		pts = append(pts, Point{Date: d0.AddDays(i*3 + i%2), E1RM: 100 + 0.4*float64(i*3+i%2)})
	}
	segs := Trend(pts)
	if len(segs) != 1 || len(segs[0]) != len(pts) {
		t.Fatalf("got %d segments, want one through %d points", len(segs), len(pts))
	}
	for i, xy := range segs[0] {
		if math.Abs(xy.Y-pts[i].E1RM) > 0.01 {
			t.Errorf("session %d (%s): got trend %.2f, want %.2f (on the line)", i, pts[i].Date, xy.Y, pts[i].E1RM)
		}
	}
	// Noisy climb: about as many sessions above the line as below, at the
	// end as well as overall.
	var noisy []Point
	for i := 0; i < 40; i++ {
		noisy = append(noisy, Point{Date: d0.AddDays(i * 2), E1RM: 100 + 0.5*float64(i*2) + 3*math.Sin(float64(i)*1.7)})
	}
	segs = Trend(noisy)
	above, aboveLast10 := 0, 0
	for i, xy := range segs[0] {
		if noisy[i].E1RM > xy.Y {
			above++
			if i >= 30 {
				aboveLast10++
			}
		}
	}
	if above < 12 || above > 28 || aboveLast10 > 8 {
		t.Errorf("got %d of 40 sessions above the trend (%d of the last 10), want about half", above, aboveLast10)
	}
}

// Check-ins after the last session are on the strip, and the chart's span
// reaches them.
func TestReadinessRunsThroughTheLastCheckin(t *testing.T) {
	d0 := engine.NewDate(2026, 10, 26)
	h := history("squat", d0, 10, 2, 100, 1, 0) // sessions to 11-13, check-ins daily to 11-13
	for d := d0.AddDays(19); d <= engine.NewDate(2026, 11, 22); d++ {
		h.Checkins = append(h.Checkins, engine.Checkin{Date: d, Sleep: engine.SleepPoor})
	}
	d := Build(h, "squat", engine.Kg, fakeReadiness)
	if n := len(d.Readiness); n != 28 {
		t.Errorf("got %d readiness days, want 28 (2026-10-26 to 2026-11-22)", n)
	}
	first, last := d.Span()
	if first != d0 || last != engine.NewDate(2026, 11, 22) {
		t.Errorf("got span %s to %s, want 2026-10-26 to 2026-11-22", first, last)
	}
	mustRender(t, d, "checkins-after-sessions")
}

func TestRenderRefusesNoPoints(t *testing.T) {
	d := Build(engine.History{Sets: []engine.Set{{Lift: "squat", Reps: 5, Kind: engine.Warmup, Load: engine.NewLoad(60, engine.Kg)}}}, "squat", engine.Kg, nil)
	if len(d.Points) != 0 {
		t.Fatalf("got %d points from warm-ups only, want 0", len(d.Points))
	}
	if _, err := Render(d); err == nil {
		t.Error("got no error rendering an empty chart")
	}
}

func TestDateTicksStayFew(t *testing.T) {
	for _, days := range []int{2, 7, 20, 60, 200, 400, 1000, 2000, 4000} {
		lo := x(engine.NewDate(2024, 1, 1))
		hi := lo + float64(days)*86400
		ticks := dateTicks{}.Ticks(lo, hi)
		if len(ticks) == 0 || len(ticks) > 6 {
			t.Errorf("%d days: got %d ticks, want 1 to 6", days, len(ticks))
		}
		for _, tk := range ticks {
			if tk.Value < lo || tk.Value > hi {
				t.Errorf("%d days: tick %q outside the range", days, tk.Label)
			}
		}
	}
}
