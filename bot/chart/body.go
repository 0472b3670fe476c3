package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/spotterbot/spotter/engine"
)

// BodyPoint is one day's body weight in the chart's unit.
type BodyPoint struct {
	Date   engine.Date
	Weight float64
}

// BodyPoints converts weigh-ins (one a day, by date) to unit u.
func BodyPoints(bws []engine.BodyWeight, u engine.Unit) []BodyPoint {
	out := make([]BodyPoint, len(bws))
	for i, w := range bws {
		v := w.Weight.Kg()
		if u == engine.Lb {
			v /= engine.KgPerLb
		}
		out[i] = BodyPoint{Date: w.Date, Weight: v}
	}
	return out
}

// RenderBody draws body weight over time as a Width x Height PNG: a dot per
// weigh-in joined by a line, on the same date axis as a lift's chart. It
// needs at least one point.
func RenderBody(pts []BodyPoint, u engine.Unit) ([]byte, error) {
	if len(pts) == 0 {
		return nil, errors.New("chart: no body weight to draw")
	}
	first, last := pts[0].Date, pts[len(pts)-1].Date
	pad := max(3, int(last-first)/30)
	lo, hi := first.AddDays(-pad), last.AddDays(pad)

	p := plot.New()
	p.Title.Text = fmt.Sprintf("Body weight\n%s to %s", first, last)
	p.Title.TextStyle.Font = sans(40)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = 16
	p.Y.Label.Text = fmt.Sprintf("body weight (%s)", u)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(32)
		a.Tick.Label.Font = sans(30)
		a.LineStyle.Width = 2
		a.Tick.LineStyle.Width = 2
		a.Tick.Length = 10
	}
	p.X.Min, p.X.Max = x(lo)-43200, x(hi)+43200
	p.X.Tick.Marker = dateTicks{}
	ymin, ymax := math.Inf(1), math.Inf(-1)
	xys := make(plotter.XYs, len(pts))
	for i, pt := range pts {
		xys[i] = plotter.XY{X: x(pt.Date), Y: pt.Weight}
		ymin, ymax = math.Min(ymin, pt.Weight), math.Max(ymax, pt.Weight)
	}
	rng := math.Max(ymax-ymin, 2)
	p.Y.Min, p.Y.Max = math.Max(0, ymin-rng*0.25), ymax+rng*0.25
	p.Y.Tick.Marker = yTicks{}

	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = gridColor, gridColor
	grid.Vertical.Width, grid.Horizontal.Width = 1.5, 1.5
	p.Add(grid)
	if len(xys) > 1 {
		line, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("body weight line: %w", err)
		}
		line.Color = trendCol
		line.Width = 4
		p.Add(line)
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, fmt.Errorf("body weights: %w", err)
	}
	radius := vg.Length(9)
	if len(pts) > 150 {
		radius = 5
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: dotColor, Radius: radius, Shape: draw.CircleGlyph{}}
	p.Add(sc)

	img := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.Crop(draw.New(img), 10, -30, 10, -10))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
