package console

import (
	"bytes"
	"context"
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/words/wordstest"
	"github.com/spotterbot/spotter/engine"
)

// TestVerdictOnTheConsole: the render tests' verdict (bot/words/wordstest)
// prints as its words, and the /advice summary with a bracketed label per
// button, in the bot's rows.
func TestVerdictOnTheConsole(t *testing.T) {
	var out bytes.Buffer
	c := New(nil, "alice", &out, t.TempDir())
	if err := c.Notify(context.Background(), c.Identity(), bot.VerdictReply(wordstest.Verdict())); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), wordstest.Text+"\n\n"; got != want {
		t.Errorf("/advice squat printed\n%q\nwant\n%q", got, want)
	}
	out.Reset()
	r := bot.AdviceReply(wordstest.Verdicts(), wordstest.Plan(), engine.Kg)
	if err := c.Notify(context.Background(), c.Identity(), r); err != nil {
		t.Fatal(err)
	}
	want := wordstest.Summary + "\n[squat] [bench] [deadlift] [overhead press]\n[clean & jerk <hang>]\n\n"
	if got := out.String(); got != want {
		t.Errorf("/advice printed\n%q\nwant\n%q", got, want)
	}
}
