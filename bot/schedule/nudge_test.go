package schedule

import (
	"context"

	"fmt"
	"github.com/spotterbot/spotter/bot"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/engine"
)

// kindOf names a scheduled message by its first line.
func kindOf(text string) string {
	switch l := firstLine(text); {
	case strings.HasPrefix(l, "Good morning!"):
		return "poll"
	case strings.HasPrefix(l, "A planned deload is due today."):
		return "deload"
	case strings.HasPrefix(l, "Reminder: your planned deload"):
		return "deload again"
	case strings.HasPrefix(l, "Your deload week is over"):
		return "ease-back"
	case strings.HasPrefix(l, "Reminder: Your deload week is over"):
		return "ease-back again"
	}
	return "unknown: " + text
}

// deloadDue is the day the planned deload falls due in mustDeloadEnv: an
// intermediate lifter (every 6 weeks) who started logging 42 days before.
var (
	firstLog  = engine.NewDate(2026, 4, 29)
	deloadDue = firstLog.AddDays(42) // 2026-06-10
)

// mustDeloadEnv is a lifter with six weeks of squat and bench on record and
// a 07:30 UTC poll, on the day before the planned deload is due.
func mustDeloadEnv(t *testing.T, backend string) *env {
	t.Helper()
	e := mustEnv(t, backend, at(deloadDue.AddDays(-1), 6, 0))
	for d := firstLog; d < deloadDue; d = d.AddDays(2) {
		e.say(fmt.Sprintf("/log %s squat 100x5x3 rir2", d))
		e.say(fmt.Sprintf("/log %s bench 70x5x3 rir2", d))
	}
	e.say("/settings poll 07:30")
	return e
}

func at(d engine.Date, h, m int) time.Time {
	return d.Time().Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// pollDay moves to 07:31 UTC on d and returns the kinds of the messages sent.
func (e *env) pollDay(d engine.Date) ([]string, []sentMsg) {
	e.t.Helper()
	before := len(e.notes.all())
	e.advance(at(d, 7, 31))
	got := e.notes.all()[before:]
	var kinds []string
	for _, m := range got {
		kinds = append(kinds, kindOf(m.Reply.Text))
	}
	return kinds, got
}

func (e *env) mustKinds(d engine.Date, got []string, want ...string) {
	e.t.Helper()
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		var jobs []string
		for _, j := range e.jobs(rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateCompleted, rivertype.JobStateDiscarded, rivertype.JobStateCancelled) {
			jobs = append(jobs, fmt.Sprintf("%d %s %s %s %v", j.ID, j.State, j.ScheduledAt.UTC().Format(time.RFC3339), j.EncodedArgs, j.Errors))
		}
		e.t.Fatalf("%s: got %q, want %q\njobs:\n%s\nlog:\n%s", d, got, want, strings.Join(jobs, "\n"), e.logs.String())
	}
}

func TestDeloadNudge(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		for _, answer := range []string{"start", "skip", "none"} {
			t.Run(backend+"/"+answer, func(t *testing.T) {
				t.Parallel()
				e := mustDeloadEnv(t, backend)
				kinds, _ := e.pollDay(deloadDue.AddDays(-1))
				e.mustKinds(deloadDue.AddDays(-1), kinds, "poll")

				kinds, got := e.pollDay(deloadDue)
				e.mustKinds(deloadDue, kinds, "deload", "poll")
				n := got[0].Reply
				for _, want := range []string{"squat 2 sets of 5 at 70 kg", "bench 2 sets of 5 at 50 kg", "RIR 4 or more"} {
					if !strings.Contains(n.Text, want) {
						t.Errorf("nudge %q, want it to contain %q", n.Text, want)
					}
				}
				if len(n.Buttons) != 1 || len(n.Buttons[0]) != 2 ||
					n.Buttons[0][0].Label != "Start deload" || n.Buttons[0][0].Data != "/deload now" ||
					n.Buttons[0][1].Label != "Skip this one" || n.Buttons[0][1].Data != "/deload skip" {
					t.Fatalf("nudge buttons %+v, want Start deload (/deload now) and Skip this one (/deload skip)", n.Buttons)
				}

				switch answer {
				case "start":
					// The tap arrives as the button's Data (the Telegram fake,
					// telegramtest, is on the telegram branch; bot.Handle is what it calls).
					r := e.tap(n.Buttons[0][0].Data)
					if !strings.Contains(r.Text, "Deload week started: 2026-06-10 to 2026-06-16") {
						t.Fatalf("Start deload: got %q", r.Text)
					}
					// In the deload week: polls only (the jump over days 2-5 drops their polls).
					for _, d := range []engine.Date{deloadDue.AddDays(1), deloadDue.AddDays(6)} {
						kinds, _ := e.pollDay(d)
						e.mustKinds(d, kinds, "poll")
					}
					end := deloadDue.AddDays(7)
					kinds, got := e.pollDay(end)
					e.mustKinds(end, kinds, "ease-back", "poll")
					eb := got[0].Reply.Text
					for _, want := range []string{"(2026-06-10 to 2026-06-16)", "- squat: work at 92.5 kg (90-95% of 100 kg)", "- bench: work at 65 kg (90-95% of 70 kg)"} {
						if !strings.Contains(eb, want) {
							t.Errorf("ease-back nudge %q, want it to contain %q", eb, want)
						}
					}
					kinds, _ = e.pollDay(end.AddDays(1))
					e.mustKinds(end.AddDays(1), kinds, "poll")
					// Nothing logged since: repeated once, two days later.
					kinds, _ = e.pollDay(end.AddDays(2))
					e.mustKinds(end.AddDays(2), kinds, "ease-back again", "poll")
					for d := end.AddDays(3); d <= end.AddDays(4); d++ {
						kinds, _ := e.pollDay(d)
						e.mustKinds(d, kinds, "poll")
					}
				case "skip":
					r := e.tap(n.Buttons[0][1].Data)
					if !strings.Contains(r.Text, "Skipped the planned deload of 2026-06-10") {
						t.Fatalf("Skip this one: got %q", r.Text)
					}
					for d := deloadDue.AddDays(1); d <= deloadDue.AddDays(3); d++ {
						kinds, _ := e.pollDay(d)
						e.mustKinds(d, kinds, "poll")
					}
				case "none":
					kinds, _ := e.pollDay(deloadDue.AddDays(1))
					e.mustKinds(deloadDue.AddDays(1), kinds, "poll")
					kinds, got := e.pollDay(deloadDue.AddDays(2))
					e.mustKinds(deloadDue.AddDays(2), kinds, "deload again", "poll")
					if !strings.Contains(got[0].Reply.Text, "due since 2026-06-10") || len(got[0].Reply.Buttons) != 1 {
						t.Errorf("repeat %q with buttons %+v, want the due day and the buttons", got[0].Reply.Text, got[0].Reply.Buttons)
					}
					for d := deloadDue.AddDays(3); d <= deloadDue.AddDays(4); d++ {
						kinds, _ := e.pollDay(d)
						e.mustKinds(d, kinds, "poll")
					}
				}
			})
		}
	}
}

// TestEaseBackAnswered: a session logged after the ease-back nudge answers
// it, so it is not repeated.
func TestEaseBackAnswered(t *testing.T) {
	t.Parallel()
	e := mustDeloadEnv(t, "sqlite")
	e.pollDay(deloadDue)
	e.tap("/deload now")
	end := deloadDue.AddDays(7)
	e.advance(at(end, 6, 0))
	kinds, _ := e.pollDay(end)
	e.mustKinds(end, kinds, "ease-back", "poll")
	e.clock.Set(at(end.AddDays(1), 18, 0))
	e.say("/log squat 92.5x5x3 rir2")
	for d := end.AddDays(1); d <= end.AddDays(3); d++ {
		kinds, _ := e.pollDay(d)
		e.mustKinds(d, kinds, "poll")
	}
}

// A process that dies after recording the day's messages and before sending
// them must not lose them: the retry (or the next poll) sends them, once.
func TestMessagesRecordedButNeverSentGoOut(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustDeloadEnv(t, backend)
			kinds, _ := e.pollDay(deloadDue.AddDays(-1))
			e.mustKinds(deloadDue.AddDays(-1), kinds, "poll")

			// The dying process: it recorded the deload nudge and the poll, and sent nothing.
			var uid int64
			if err := e.st.Do(context.Background(), func(tx bot.Tx) error {
				u, err := tx.UserFor(alice, bot.User{})
				uid = u.ID
				return err
			}); err != nil {
				t.Fatal(err)
			}
			d, err := e.bot.Daily(context.Background(), bot.Slot{UserID: uid, Day: deloadDue, PollTime: "07:30", TZ: "UTC"}, at(deloadDue, 7, 30))
			if err != nil || len(d.Messages) != 2 {
				t.Fatalf("the dying process's Daily: %d messages, %v; want the deload nudge and the poll", len(d.Messages), err)
			}

			kinds, _ = e.pollDay(deloadDue)
			e.mustKinds(deloadDue, kinds, "deload", "poll")
			kinds, _ = e.pollDay(deloadDue.AddDays(1))
			e.mustKinds(deloadDue.AddDays(1), kinds, "poll")
			kinds, _ = e.pollDay(deloadDue.AddDays(2))
			e.mustKinds(deloadDue.AddDays(2), kinds, "deload again", "poll")
		})
	}
}
