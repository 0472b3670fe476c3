package discord_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
)

// TestAdviceButtonsOpenEachLift: /advice without a lift is the short
// summary with a button per lift; a tap answers with that lift's evidence.
func TestAdviceButtonsOpenEachLift(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "606", Name: "gu"}
	today := time.Now()
	for _, lift := range []string{"squat", "bench"} {
		for k, load := range []string{"100x5", "100x5", "100x5"} {
			d := today.AddDate(0, 0, -3*(3-k)).Format("2006-01-02")
			mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, lift), dt.Opt("sets", 3, load), dt.Opt("effort", 3, "rir2"), dt.Opt("date", 3, d))))
		}
	}
	summary := mustFinal(t, h.inDM(u, 2, dt.Command("advice")))
	if !strings.HasPrefix(summary.Content, "Advice for 2 lifts.") || strings.Contains(summary.Content, "\n- ") {
		t.Fatalf("advice = %q, want the short summary", summary.Content)
	}
	for _, lift := range []string{"squat", "bench"} {
		got := mustFinal(t, h.inDM(u, 3, dt.Component(button(t, summary, lift).CustomID)))
		if !regexp.MustCompile(`^(PUSH|HOLD|DELOAD) `+lift+`:`).MatchString(got.Content) || !strings.Contains(got.Content, "\n- latest ") {
			t.Errorf("tap %s = %q, want its verdict with evidence", lift, got.Content)
		}
	}
}

// TestDidYouMeanButton: a typo in /log's lift asks first; the button logs
// the set under the lift it names.
func TestDidYouMeanButton(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "607", Name: "ha"}
	mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"))))
	q := mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "sqaut"), dt.Opt("sets", 3, "102.5x5"))))
	if !strings.Contains(q.Content, "Did you mean squat?") {
		t.Fatalf("typo = %q, want Did you mean squat?", q.Content)
	}
	got := mustFinal(t, h.inDM(u, 3, dt.Component(button(t, q, "squat").CustomID)))
	if !strings.HasPrefix(got.Content, "Logged squat: 1 set of 5 reps at 102.5 kg") {
		t.Errorf("after the tap = %q, want the set logged as squat", got.Content)
	}
	hist := mustFinal(t, h.inDM(u, 2, dt.Command("history")))
	if strings.Contains(hist.Content, "sqaut") || strings.Count(hist.Content, "squat") < 1 {
		t.Errorf("history = %q, want squat only", hist.Content)
	}
}
