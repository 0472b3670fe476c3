package chart

import (
	"math"
	"time"

	"github.com/spotterbot/spotter/engine"
	"gonum.org/v1/plot"
)

// Axis ticks sized for a phone: few dates, few round e1RM values.

// dateTicks labels the time axis with at most five dates at round steps.
type dateTicks struct{}

func (dateTicks) Ticks(lo, hi float64) []plot.Tick {
	t0 := time.Unix(int64(lo), 0).UTC()
	t1 := time.Unix(int64(hi), 0).UTC()
	days := t1.Sub(t0).Hours() / 24
	type step struct {
		days   int // for day steps
		months int
		format string
	}
	steps := []step{{1, 0, "Jan 2"}, {2, 0, "Jan 2"}, {7, 0, "Jan 2"}, {14, 0, "Jan 2"},
		{0, 1, "Jan 2006"}, {0, 2, "Jan 2006"}, {0, 3, "Jan 2006"}, {0, 6, "Jan 2006"}, {0, 12, "2006"}, {0, 24, "2006"}, {0, 60, "2006"}}
	pick := steps[len(steps)-1]
	for _, s := range steps {
		n := days / float64(s.days)
		if s.months > 0 {
			n = days / (30.44 * float64(s.months))
		}
		if n <= 5.2 {
			pick = s
			break
		}
	}
	var out []plot.Tick
	var t time.Time
	if pick.months == 0 {
		t = time.Date(t0.Year(), t0.Month(), t0.Day()+1, 0, 0, 0, 0, time.UTC)
		if pick.days == 7 || pick.days == 14 {
			for t.Weekday() != time.Monday {
				t = t.AddDate(0, 0, 1)
			}
		}
	} else {
		t = time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
		for (int(t.Month())-1)%min(pick.months, 12) != 0 {
			t = t.AddDate(0, 1, 0)
		}
		if pick.months >= 12 {
			t = time.Date(t0.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			for t.Year()%(pick.months/12) != 0 {
				t = t.AddDate(1, 0, 0)
			}
		}
	}
	for ; !t.After(t1); t = t.AddDate(0, pick.months, pick.days) {
		if t.Before(t0) {
			continue
		}
		v := float64(t.Unix())
		if pick.months == 0 {
			v += 43200 // a day's label sits under its dots, which are drawn at noon
		}
		if v > hi {
			break
		}
		out = append(out, plot.Tick{Value: v, Label: t.Format(pick.format)})
	}
	return out
}

// yTicks labels the e1RM axis with about five round values.
type yTicks struct{}

func (yTicks) Ticks(lo, hi float64) []plot.Tick {
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		out = append(out, plot.Tick{Value: v, Label: engine.FormatNumber(math.Round(v*10) / 10)})
	}
	return out
}
