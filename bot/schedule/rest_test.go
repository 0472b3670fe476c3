package schedule

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
)

// restStart is a Monday morning at the gym.
var restStart = time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)

// mustRestTexts checks the messages delivered since before.
func (e *env) mustRestTexts(before int, want ...string) {
	e.t.Helper()
	var got []string
	for _, m := range e.notes.all()[before:] {
		if m.To != alice {
			e.t.Errorf("delivered to %+v, want alice", m.To)
		}
		got = append(got, m.Reply.Text)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		e.t.Fatalf("at %s: got %q, want %q\nlog:\n%s", e.clock.Now().Format(time.TimeOnly), got, want, e.logs.String())
	}
}

func (e *env) restJobs(states ...rivertype.JobState) int {
	e.t.Helper()
	n := 0
	for _, j := range e.jobs(states...) {
		if j.Kind == (restArgs{}).Kind() {
			n++
		}
	}
	return n
}

// "Rest over" comes once, at the time asked for, with the controllable clock.
func TestRestTimer(t *testing.T) {
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			e := mustEnv(t, backend, restStart)
			if r := e.say("/rest 3m"); !strings.HasPrefix(r.Text, "Rest timer: 3:00, over at 18:03:00.") {
				t.Fatalf("/rest 3m: got %q", r.Text)
			}
			e.advance(restStart.Add(2*time.Minute + 59*time.Second))
			e.mustRestTexts(0)
			e.advance(restStart.Add(3 * time.Minute))
			e.mustRestTexts(0, "Rest over (3:00).")
			e.advance(restStart.Add(20 * time.Minute))
			e.mustRestTexts(0, "Rest over (3:00).")
			if r := e.say("/rest"); !strings.HasPrefix(r.Text, "No rest timer running.") {
				t.Errorf("/rest after it: got %q, want none running", r.Text)
			}
		})
	}
}

// A /rest delivered twice (the same platform message id) starts one timer;
// a new /rest replaces the running one, /rest off stops it, and with the
// timer on a /log with rest starts one that names the lift.
func TestRestTimerOnceOffAndReplaced(t *testing.T) {
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			e := mustEnv(t, backend, restStart)
			ctx := context.Background()
			m := bot.Message{Identity: alice, ChatID: "alice", Ref: "m-1", Text: "/rest 90s", ReceivedAt: restStart}
			for range 2 {
				if _, err := e.bot.Handle(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			if n := e.restJobs(rivertype.JobStateScheduled, rivertype.JobStateAvailable); n != 1 {
				t.Fatalf("got %d rest jobs for one message sent twice, want 1", n)
			}
			e.advance(restStart.Add(90 * time.Second))
			e.mustRestTexts(0, "Rest over (1:30).")

			// Replaced: only the second comes.
			e.clock.Set(restStart.Add(5 * time.Minute))
			e.say("/rest 3m")
			e.say("/rest 1m squat")
			e.advance(restStart.Add(6 * time.Minute))
			e.mustRestTexts(1, "Rest over (1:00). Next: squat.")
			e.advance(restStart.Add(9 * time.Minute))
			e.mustRestTexts(1, "Rest over (1:00). Next: squat.")

			// Stopped: nothing comes.
			e.clock.Set(restStart.Add(10 * time.Minute))
			e.say("/rest 2m")
			if r := e.say("/rest off"); !strings.HasPrefix(r.Text, "Rest timer stopped") {
				t.Fatalf("/rest off: got %q", r.Text)
			}
			e.advance(restStart.Add(13 * time.Minute))
			e.mustRestTexts(2)

			// /log with rest: only with the timer on.
			e.clock.Set(restStart.Add(15 * time.Minute))
			e.say("/log squat 100x5 rir2 rest 2m")
			e.advance(restStart.Add(18 * time.Minute))
			e.mustRestTexts(2)
			e.say("/settings timer on")
			if r := e.say("/log squat 100x5 rir2 rest 2m"); !strings.Contains(r.Text, "Rest timer: 2:00") {
				t.Fatalf("/log with the timer on: got %q", r.Text)
			}
			e.advance(restStart.Add(20 * time.Minute))
			e.mustRestTexts(2, "Rest over (2:00). Next: squat.")
			if n := e.restJobs(rivertype.JobStateCompleted); n != 5 {
				t.Errorf("got %d rest jobs completed, want 5 (one a timer started)", n)
			}
		})
	}
}

// A failed delivery is tried again (once delivered, not again); a "Rest
// over" far later than its time (the service was down) is dropped.
func TestRestTimerRetriedAndLate(t *testing.T) {
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			e := mustEnv(t, backend, restStart)
			e.notes.mu.Lock()
			e.notes.fail = []error{errTransient}
			e.notes.mu.Unlock()
			e.say("/rest 1m")
			e.advance(restStart.Add(time.Minute))
			e.mustRestTexts(0)
			// (River makes a retry due within seconds available at once.)
			if n := e.restJobs(rivertype.JobStateRetryable, rivertype.JobStateAvailable); n != 1 {
				t.Fatalf("got %d rest jobs to retry after a failed delivery, want 1", n)
			}
			e.advance(restStart.Add(2 * time.Minute))
			e.mustRestTexts(0, "Rest over (1:00).")
			e.advance(restStart.Add(4 * time.Minute))
			e.mustRestTexts(0, "Rest over (1:00).")

			e.clock.Set(restStart.Add(10 * time.Minute))
			e.say("/rest 30s")
			e.advance(restStart.Add(20 * time.Minute)) // down all that while
			e.mustRestTexts(1)
			if r := e.say("/rest"); !strings.HasPrefix(r.Text, "No rest timer running.") {
				t.Errorf("/rest after a dropped one: got %q, want none running", r.Text)
			}
		})
	}
}
