package bot

import (
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

// TestAdviceLine renders verdict values as one summary line each: the words
// come from the bot, every number from the Verdict.
func TestAdviceLine(t *testing.T) {
	tests := []struct {
		name string
		v    engine.Verdict
		u    engine.Unit
		want string
	}{
		{"push with back-offs", engine.Verdict{Lift: "deadlift", Kind: engine.Push, Rule: engine.RuleProgressing, E1RM: 193.6,
			Trend: engine.TrendProgressing, Change: 0.081,
			Next: &engine.Next{Sets: 1, Reps: 5, Load: 172.5, RIR: 2, Lever: "load", Backoff: &engine.Backoff{Sets: 2, Reps: 5, Load: 152.5}}},
			engine.Kg, "PUSH deadlift: progressing. e1RM 193.6 kg (+8%). Next: 1x5 at 172.5 kg + 2x5 at 152.5 kg"},
		{"pounds", engine.Verdict{Lift: "bench", Kind: engine.Hold, Rule: engine.RuleOtherwise, E1RM: 100, Trend: engine.TrendDown, Change: -0.062,
			Next: &engine.Next{Sets: 3, Reps: 5, Load: 185, RIR: 2}},
			engine.Lb, "HOLD bench: hold and watch. e1RM 220.5 lb (-6%). Next: 3x5 at 185 lb"},
		{"bodyweight", engine.Verdict{Lift: "pull-up", Kind: engine.Push, Rule: engine.RuleStalledClean, E1RM: 10, Trend: engine.TrendStalled,
			Next: &engine.Next{Sets: 4, Reps: 8, Load: 0, Bodyweight: true, RIR: 2, Lever: "reps"}},
			engine.Kg, "PUSH pull-up: stalled: push one lever. e1RM 10.0 kg (flat). Next: 4x8 at bw"},
		{"a whole-body deload's own session", engine.Verdict{Lift: "squat", Kind: engine.Deload, Rule: engine.RulePlannedDeload, E1RM: 140,
			Trend: engine.TrendProgressing, LoadStep: true, WholeBody: true,
			Next: &engine.Next{Sets: 2, Reps: 5, Load: 80, RIR: 4, Lever: "deload"}},
			engine.Kg, "DELOAD squat: planned deload. e1RM 140.0 kg (load up). Deload: 2x5 at 80 kg"},
		{"insufficient uses the engine's count", engine.Verdict{Lift: "row", Kind: engine.Hold, Rule: engine.RuleInsufficient,
			Reason: engine.Reason{Kind: engine.ReasonInsufficient, N: 2}, Trend: engine.TrendInsufficient},
			engine.Kg, "HOLD row: 2 more comparable sessions needed."},
		{"returning shows no trend figure", engine.Verdict{Lift: "curl", Kind: engine.Hold, Rule: engine.RuleReturning, E1RM: 40,
			Trend: engine.TrendProgressing, Change: 0.05, Next: &engine.Next{Sets: 3, Reps: 10, Load: 27.5, RIR: 1}},
			engine.Kg, "HOLD curl: returning: ramp back. e1RM 40.0 kg. Next: 3x10 at 27.5 kg"},
	}
	for _, tt := range tests {
		if got := adviceLine(tt.v, tt.u); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestAdviceSummaryButtons: a button per lift, at most 20, none with data
// over Telegram's 64 bytes; the deload headline once.
func TestAdviceSummaryButtons(t *testing.T) {
	var vs []engine.Verdict
	for i := 0; i < 25; i++ {
		vs = append(vs, engine.Verdict{Lift: "lift " + string(rune('a'+i)), Kind: engine.Deload, Rule: engine.RulePlannedDeload, WholeBody: true,
			Readiness: []engine.Fact{{Kind: engine.FactNoCheckin}}})
	}
	vs = append(vs, engine.Verdict{Lift: "a lift with a very long name that goes on and on past sixty-four bytes", Kind: engine.Hold, Rule: engine.RuleOtherwise})
	r := adviceSummary(vs, engine.PlanStatus{Due: true, Lines: []engine.PlanLine{{Kind: engine.PlanWeek, Weeks: 6,
		Anchor: engine.Anchor{Kind: engine.AnchorFirstLog, From: engine.NewDate(2026, 10, 5)}}}}, engine.Kg)
	n := 0
	for _, row := range r.Buttons {
		for _, b := range row {
			n++
			if len(b.Data) > buttonDataMax {
				t.Errorf("button %q data is %d bytes", b.Label, len(b.Data))
			}
		}
		if len(row) > adviceButtonRow {
			t.Errorf("a row of %d buttons", len(row))
		}
	}
	if n != adviceButtons {
		t.Errorf("got %d buttons, want %d", n, adviceButtons)
	}
	if c := countSubstr(r.Text, "A planned deload is due"); c != 1 {
		t.Errorf("the deload headline %d times, want once:\n%s", c, r.Text)
	}
}

func countSubstr(s, sub string) int { return strings.Count(s, sub) }
