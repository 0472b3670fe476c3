package chart

import (
	"bytes"
	"image/png"
	"math"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestBodyPointsConvert(t *testing.T) {
	d := engine.NewDate(2026, 1, 5)
	bws := []engine.BodyWeight{{Date: d, Weight: engine.NewLoad(80, engine.Kg)}, {Date: d.AddDays(3), Weight: engine.NewLoad(180, engine.Lb)}}
	for _, tc := range []struct {
		u    engine.Unit
		want []float64
	}{
		{engine.Kg, []float64{80, 180 * engine.KgPerLb}},
		{engine.Lb, []float64{80 / engine.KgPerLb, 180}},
	} {
		got := BodyPoints(bws, tc.u)
		for i, p := range got {
			if math.Abs(p.Weight-tc.want[i]) > 1e-9 || p.Date != bws[i].Date {
				t.Errorf("%s point %d: got %v, want %v on %s", tc.u, i, p, tc.want[i], bws[i].Date)
			}
		}
	}
}

func TestRenderBody(t *testing.T) {
	d := engine.NewDate(2026, 1, 5)
	if _, err := RenderBody(nil, engine.Kg); err == nil {
		t.Error("no points: got a chart, want an error")
	}
	for _, n := range []int{1, 2, 400} {
		pts := make([]BodyPoint, n)
		for i := range pts {
			pts[i] = BodyPoint{Date: d.AddDays(i), Weight: 80 + math.Sin(float64(i)/9)}
		}
		b, err := RenderBody(pts, engine.Kg)
		if err != nil {
			t.Fatalf("%d points: %v", n, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%d points: not a PNG: %v", n, err)
		}
		if r := img.Bounds(); r.Dx() != Width || r.Dy() != Height {
			t.Errorf("%d points: got %dx%d, want %dx%d", n, r.Dx(), r.Dy(), Width, Height)
		}
		if !hasColour(img, dotColor, 0, Height) {
			t.Errorf("%d points: no weigh-in dot drawn", n)
		}
	}
}
