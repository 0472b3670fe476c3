package telegram_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/words/wordstest"
	"github.com/spotterbot/spotter/engine"
)

// TestVerdictOnTelegram: the render tests' verdict (bot/words/wordstest)
// arrives as HTML with the verdict word in bold and '&', '<', '>' escaped,
// reading as its words; the /advice summary has its buttons as an inline
// keyboard in the bot's rows, each opening that lift's advice.
func TestVerdictOnTelegram(t *testing.T) {
	srv := newServer(t)
	h := mustStart(t, srv, storagetestSQLite(t), nil)
	srv.Open(ann.ID) // ann pressed Start once
	to := bot.Identity{Platform: "telegram", UserID: strconv.FormatInt(ann.ID, 10)}
	if err := h.a.Notify(context.Background(), to, bot.VerdictReply(wordstest.Verdict())); err != nil {
		t.Fatal(err)
	}
	if err := h.a.Notify(context.Background(), to, bot.AdviceReply(wordstest.Verdicts(), wordstest.Plan(), engine.Kg)); err != nil {
		t.Fatal(err)
	}
	ms := mustMessages(t, srv, ann.ID, 2)
	verdict, summary := ms[0], ms[1]

	html := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(wordstest.Text)
	html = "<b>DELOAD</b>" + strings.TrimPrefix(html, "DELOAD")
	if verdict.ParseMode != string(models.ParseModeHTML) || verdict.Text != html {
		t.Errorf("/advice squat sent as %s:\n%s\nwant HTML:\n%s", verdict.ParseMode, verdict.Text, html)
	}
	if !strings.Contains(verdict.Text, "\nclean &amp; jerk &lt;hang&gt; 2 sets of 3 at 50 kg") {
		t.Errorf("the deload line of clean & jerk <hang> is not escaped: %s", verdict.Text)
	}
	if verdict.Plain() != wordstest.Text || len(verdict.Keyboard) != 0 {
		t.Errorf("/advice squat reads\n%s\nwith keyboard %v; want\n%s\nand no keyboard", verdict.Plain(), verdict.Keyboard, wordstest.Text)
	}

	if summary.Plain() != wordstest.Summary {
		t.Errorf("/advice reads\n%s\nwant\n%s", summary.Plain(), wordstest.Summary)
	}
	for _, lift := range []string{"squat", "bench", "deadlift", "overhead press", "clean & jerk <hang>"} {
		if !strings.Contains(summary.Text, "\n<b>DELOAD</b> "+strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(lift)+": fatigued.") {
			t.Errorf("/advice: %s's line is not in HTML with a bold verdict:\n%s", lift, summary.Text)
		}
	}
	var labels [][]string
	for _, row := range summary.Keyboard {
		var ls []string
		for _, b := range row {
			ls = append(ls, b.Text)
			if b.CallbackData != "/advice "+b.Text {
				t.Errorf("button %q sends %q, want /advice %s", b.Text, b.CallbackData, b.Text)
			}
		}
		labels = append(labels, ls)
	}
	if !reflect.DeepEqual(labels, wordstest.Buttons()) {
		t.Errorf("inline keyboard %q, want %q", labels, wordstest.Buttons())
	}
}
