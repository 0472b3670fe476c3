// Package chart draws a lift's progress as a PNG for /chart: the e1RM of
// each session over time with a trend line, personal records marked, deload
// weeks shaded and left out of the trend, and a strip of daily readiness
// below. It is sized for a phone: one column, large type, few ticks.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/spotterbot/spotter/engine"
)

// The image is 1200 x 1000 pixels: Telegram shows photos up to 1280 px on a
// side, and a phone shows it about 400 points wide, so type is set at 30 px
// and more to stay readable at a third of its size.
const (
	Width  = 1200
	Height = 1000
)

// Trend is the line drawn through the sessions outside deload weeks: at
// each such session, the value of a least-squares line fitted to the
// sessions within half a window either side (a moving linear fit). A moving
// mean would lag a steady climb wherever the window is one-sided, at the
// ends most, drawing every recent session above the line; a line fitted to
// a straight climb goes through it. The window grows with the span shown (at
// least 4 weeks, a tenth of the span) so a five-year chart shows the years'
// shape, not every week's noise. The line breaks where the lift was not
// trained for longer than the window: a straight line across months without
// data would claim a trend nobody saw.
func Trend(points []Point) []plotter.XYs {
	var use []Point
	for _, p := range points {
		if !p.Deload {
			use = append(use, p)
		}
	}
	if len(use) < 2 {
		return nil
	}
	span := int(use[len(use)-1].Date - use[0].Date)
	half := max(14, span/20)
	var out []plotter.XYs
	var seg plotter.XYs
	for i, p := range use {
		if i > 0 && int(p.Date-use[i-1].Date) > 2*half {
			if len(seg) > 1 {
				out = append(out, seg)
			}
			seg = nil
		}
		seg = append(seg, plotter.XY{X: x(p.Date), Y: fitAt(use, p.Date, half)})
	}
	if len(seg) > 1 {
		out = append(out, seg)
	}
	return out
}

// fitAt is the least-squares line through the points within half days of
// day d, evaluated at d; the mean when fewer than three points (or a single
// day) leave the slope undetermined.
func fitAt(pts []Point, d engine.Date, half int) float64 {
	var n, sx, sy, sxx, sxy float64
	for _, q := range pts {
		dx := float64(q.Date - d)
		if math.Abs(dx) > float64(half) {
			continue
		}
		n++
		sx += dx
		sy += q.E1RM
		sxx += dx * dx
		sxy += dx * q.E1RM
	}
	mean := sy / n
	den := n*sxx - sx*sx
	if n < 3 || den < 1e-9 {
		return mean
	}
	slope := (n*sxy - sx*sy) / den
	// x is measured from d, so the line's value at d is its intercept.
	return (sy - slope*sx) / n
}

// x places a day on the time axis (Unix seconds at noon, so a day's dot sits
// in the middle of its day).
func x(d engine.Date) float64 { return float64(int64(d)*86400 + 43200) }

var (
	ink       = color.RGBA{0x21, 0x21, 0x21, 0xff}
	dotColor  = color.RGBA{0x15, 0x65, 0xc0, 0xff}
	dimDot    = color.RGBA{0x9e, 0x9e, 0x9e, 0xff}
	trendCol  = color.RGBA{0xef, 0x6c, 0x00, 0xff}
	prColor   = color.RGBA{0xc6, 0x28, 0x28, 0xff}
	shade     = color.NRGBA{0xb0, 0xbe, 0xc5, 0x80}
	okColor   = color.RGBA{0x43, 0xa0, 0x47, 0xff}
	flagColor = color.RGBA{0xff, 0xb3, 0x00, 0xff}
	strained  = color.RGBA{0xd3, 0x2f, 0x2f, 0xff}
	gridColor = color.RGBA{0xe0, 0xe0, 0xe0, 0xff}
)

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// Render draws d as a Width x Height PNG. It needs at least one point.
func Render(d Data) ([]byte, error) {
	if len(d.Points) == 0 {
		return nil, errors.New("chart: no sessions to draw")
	}
	first, last := d.Span()
	lo, hi := first, last
	pad := max(3, int(hi-lo)/30)
	lo, hi = lo.AddDays(-pad), hi.AddDays(pad)

	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: session e1RM\n%s to %s", titleCase(d.Lift), first, last)
	p.Title.TextStyle.Font = sans(40)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = 16
	p.X.Label.Text = ""
	p.Y.Label.Text = fmt.Sprintf("e1RM (%s)", d.Unit)
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
	for _, pt := range d.Points {
		ymin, ymax = math.Min(ymin, pt.E1RM), math.Max(ymax, pt.E1RM)
	}
	rng := math.Max(ymax-ymin, math.Max(ymax*0.05, 1))
	p.Y.Min = math.Max(0, ymin-rng*0.15)
	p.Y.Max = ymax + rng*0.45 // headroom for the legend
	p.Y.Tick.Marker = yTicks{}

	grid := plotter.NewGrid()
	grid.Vertical.Color = gridColor
	grid.Horizontal.Color = gridColor
	grid.Vertical.Width, grid.Horizontal.Width = 1.5, 1.5
	p.Add(grid)

	var shaded bool
	for _, dl := range d.Deloads {
		if dl.End < lo || dl.Start > hi {
			continue
		}
		x0, x1 := x(dl.Start)-43200, x(dl.End)+43200
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: p.Y.Min}, {X: x1, Y: p.Y.Min}, {X: x1, Y: p.Y.Max}, {X: x0, Y: p.Y.Max}})
		if err != nil {
			return nil, fmt.Errorf("deload shade: %w", err)
		}
		poly.Color = shade
		poly.LineStyle.Width = 0
		p.Add(poly)
		if !shaded {
			p.Legend.Add("deload week (not in trend)", poly)
			shaded = true
		}
	}

	var norm, dim, prs plotter.XYs
	for _, pt := range d.Points {
		xy := plotter.XY{X: x(pt.Date), Y: pt.E1RM}
		if pt.Deload {
			dim = append(dim, xy)
		} else {
			norm = append(norm, xy)
		}
		if pt.PR {
			prs = append(prs, xy)
		}
	}
	radius := vg.Length(9)
	if len(d.Points) > 150 {
		radius = 6 // years of sessions: smaller dots stay apart
	}
	for i, seg := range Trend(d.Points) {
		line, err := plotter.NewLine(seg)
		if err != nil {
			return nil, fmt.Errorf("trend: %w", err)
		}
		line.Color = trendCol
		line.Width = 5
		p.Add(line)
		if i == 0 {
			p.Legend.Add("trend", line)
		}
	}
	if len(norm) > 0 {
		sc, err := plotter.NewScatter(norm)
		if err != nil {
			return nil, fmt.Errorf("sessions: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: dotColor, Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add("session", sc)
	}
	if len(dim) > 0 {
		sc, err := plotter.NewScatter(dim)
		if err != nil {
			return nil, fmt.Errorf("deload sessions: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: dimDot, Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add("session in a deload week", sc)
	}
	if len(prs) > 0 {
		sc, err := plotter.NewScatter(prs)
		if err != nil {
			return nil, fmt.Errorf("records: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: prColor, Radius: radius + 7, Shape: draw.PyramidGlyph{}}
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("personal record (%d)", len(prs)), sc)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font = sans(28)
	p.Legend.ThumbnailWidth = 40
	p.Legend.XOffs, p.Legend.YOffs = 12, -8
	p.Legend.Padding = 6

	img := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(img)
	const strip = 150 // readiness strip at the bottom, in pixels
	top := draw.Crop(dc, 10, -30, strip, -10)
	p.Draw(top)
	if err := drawReadiness(p, top, draw.Crop(dc, 10, -30, 10, -(Height-strip+10)), d, lo, hi); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// drawReadiness draws one mark per check-in day under the plot, on the
// plot's time axis: green no flags, amber one flag, red strained (two or more).
func drawReadiness(p *plot.Plot, plotArea, c draw.Canvas, d Data, lo, hi engine.Date) error {
	da := p.DataCanvas(plotArea)
	trX, _ := p.Transforms(&da)
	label := draw.TextStyle{Color: ink, Font: sans(28), Handler: p.TextHandler, XAlign: draw.XLeft, YAlign: draw.YTop}
	barTop := c.Max.Y - 52
	barBot := c.Min.Y + 8
	nStrained := 0
	for _, r := range d.Readiness {
		if r.Strained {
			nStrained++
		}
	}
	// One mark per day while a day is at least 5 px wide; over longer spans
	// days are pooled so marks do not overlap.
	dayW := trX(x(lo)+86400) - trX(x(lo))
	per := 1
	for dayW*vg.Length(per) < 5 {
		per++
	}
	title := "Readiness by check-in day:"
	if per > 1 {
		title = fmt.Sprintf("Readiness, %d days per mark:", per)
	}
	if len(d.Readiness) == 0 {
		title = "Readiness: no check-ins in this period (/checkin)"
	}
	c.FillText(label, vg.Point{X: da.Min.X, Y: c.Max.Y}, title)
	if len(d.Readiness) > 0 {
		x := da.Min.X + label.Width(title) + 20
		for _, k := range []struct {
			col  color.Color
			text string
		}{{okColor, "ok"}, {flagColor, "1 flag"}, {strained, fmt.Sprintf("strained (%d)", nStrained)}} {
			c.FillPolygon(k.col, box(x, c.Max.Y-30, x+24, c.Max.Y-6))
			x += 32
			c.FillText(label, vg.Point{X: x, Y: c.Max.Y}, k.text)
			x += label.Width(k.text) + 24
		}
	}
	// Frame the strip on the same x range as the plot.
	c.FillPolygon(color.RGBA{0xf5, 0xf5, 0xf5, 0xff}, box(da.Min.X, barBot, da.Max.X, barTop))
	type bucket struct{ n, flagged, strained int }
	buckets := map[int]*bucket{}
	for _, r := range d.Readiness {
		if r.Date < lo || r.Date > hi {
			continue
		}
		k := int(r.Date-lo) / per
		b := buckets[k]
		if b == nil {
			b = &bucket{}
			buckets[k] = b
		}
		b.n++
		if r.Flags > 0 {
			b.flagged++
		}
		if r.Strained {
			b.strained++
		}
	}
	for k, b := range buckets {
		// A pooled bucket counts as strained when 2 of 7 days or more were
		// (the engine's "strained days in the last 7" reads the same way).
		col := okColor
		tall := false
		switch {
		case per == 1 && b.strained > 0, per > 1 && 7*b.strained >= 2*b.n:
			col, tall = strained, true
		case per == 1 && b.flagged > 0, per > 1 && 7*b.flagged >= 2*b.n:
			col = flagColor
		}
		x0 := trX(x(lo.AddDays(k*per)) - 43200)
		x1 := trX(x(lo.AddDays(k*per+per-1)) + 43200)
		if per == 1 {
			cx := (x0 + x1) / 2
			w := min(max(dayW*0.8, 5), 24)
			x0, x1 = cx-w/2, cx+w/2
		}
		h1 := barTop
		if !tall {
			h1 = barBot + (barTop-barBot)*0.6 // strained marks stand taller
		}
		c.FillPolygon(col, box(x0, barBot, x1, h1))
	}
	return nil
}

func box(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}
