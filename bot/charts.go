package bot

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/chart"
	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

const chartExample = "/chart squat"

func (b *Bot) chart(r *request) (Reply, error) {
	if isBodyWord(r.args) {
		return b.bodyChart(r)
	}
	known, err := r.tx.Lifts(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("lifts: %w", err)
	}
	yours := ""
	if len(known) > 0 {
		shown := known
		if len(shown) > 15 {
			shown = append(shown[:15:15], "...")
		}
		yours = " Your lifts: " + strings.Join(shown, ", ") + "."
	}
	if strings.TrimSpace(r.args) == "" {
		return Reply{}, &InputError{Problem: "Which lift?" + yours, Example: chartExample}
	}
	lift, err := resolveLift(r, r.args)
	if err != nil {
		return Reply{}, err
	}
	if !contains(known, lift) {
		// An app's name for it, as an import reply showed: "Squat (Barbell)".
		if mapped, _ := workoutcsv.MapLift(r.args); contains(known, mapped) {
			lift = mapped
		}
	}
	h, err := r.tx.History(r.user.ID, lift, allTime, allTime)
	if err != nil {
		return Reply{}, fmt.Errorf("history: %w", err)
	}
	if len(h.Sets) == 0 {
		return Reply{Text: fmt.Sprintf("No %s sets yet, so no chart.%s", lift, yours)}, nil
	}
	d := chart.Build(h, lift, r.user.Units, engine.ReadinessOf)
	if len(d.Points) == 0 {
		return Reply{Text: fmt.Sprintf("No e1RM for %s yet: a chart needs working sets with a load (warm-ups, drop sets and plain bodyweight sets have none).", lift)}, nil
	}
	png, err := chart.Render(d)
	if err != nil {
		return Reply{}, fmt.Errorf("render chart: %w", err)
	}
	best := d.Points[0]
	prs, inDeload := 0, 0
	for _, p := range d.Points {
		if p.E1RM > best.E1RM {
			best = p
		}
		if p.PR {
			prs++
		}
		if p.Deload {
			inDeload++
		}
	}
	first, last := d.Points[0].Date, d.Points[len(d.Points)-1].Date
	text := fmt.Sprintf("%s e1RM, %s to %s: %s, best %s %s on %s, %s.", lift, first, last,
		plural(len(d.Points), "session", "sessions"), engine.FormatNumber(roundTenth(best.E1RM)), d.Unit, best.Date,
		plural(prs, "personal record", "personal records"))
	if inDeload > 0 {
		text += fmt.Sprintf(" Shaded: deload weeks (%s in them, left out of the trend).", plural(inDeload, "session", "sessions"))
	}
	text += " Strip below: readiness on each check-in day"
	if _, through := d.Span(); through > last {
		text += fmt.Sprintf(", through %s", through)
	}
	text += "."
	return Reply{Text: text, Image: png, ImageName: chartFileName(lift, r.today)}, nil
}

func roundTenth(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }
