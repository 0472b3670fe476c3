package schedule

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// /forget also removes the user's scheduled jobs: River keeps them in its
// own table, with the user id inside the job's arguments.
func TestForgetRemovesScheduledJobs(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
			e.say("/settings poll 07:30")
			bob := bot.Identity{Platform: "console", UserID: "bob", Name: "bob"}
			if _, err := e.bot.Handle(context.Background(), bot.Message{Identity: bob, Text: "/settings poll 08:00", ReceivedAt: e.clock.Now()}); err != nil {
				t.Fatal(err)
			}
			if n := len(e.jobs()); n != 2 {
				t.Fatalf("got %d poll jobs, want 2 (alice and bob)", n)
			}
			e.say("/forget")
			if r := e.say("DELETE"); !strings.Contains(strings.ToLower(r.Text), "deleted") {
				t.Fatalf("forget reply %q", r.Text)
			}
			jobs := e.jobs()
			if len(jobs) != 1 || !strings.Contains(string(jobs[0].EncodedArgs), `"tz"`) {
				t.Fatalf("got jobs %v after /forget, want only bob's", jobs)
			}
			var args struct {
				UserID int64 `json:"user_id"`
			}
			if err := jsonUnmarshal(jobs[0].EncodedArgs, &args); err != nil {
				t.Fatal(err)
			}
			bu, err := userOf(e, bob)
			if err != nil || args.UserID != bu {
				t.Fatalf("the job left is user %d's, want bob's (%d, %v)", args.UserID, bu, err)
			}
		})
	}
}

// Periodic work (the Discord team posts) runs on River's leader.
func TestPeriodicRuns(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
			var runs atomic.Int32
			s, err := New(context.Background(), Config{
				DB: e.st, DSN: e.dsn, Bot: e.bot, Notifiers: Registry{"console": e.notes},
				Periodic: []Periodic{{Name: "team-posts", Queue: "console", Every: time.Hour,
					Run: func(ctx context.Context, now time.Time) error { runs.Add(1); return nil }}},
				FetchPollInterval: 50 * time.Millisecond, testOnly: true, ID: "periodic-" + backend,
			})
			if err != nil {
				t.Fatal(err)
			}
			e.all = append(e.all, s)
			if err := s.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for runs.Load() == 0 && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if runs.Load() == 0 {
				t.Fatal("the periodic job did not run on start")
			}
			if _, err := New(context.Background(), Config{DB: e.st, DSN: e.dsn, Bot: e.bot,
				Periodic: []Periodic{{Name: "x", Every: 0, Run: func(context.Context, time.Time) error { return nil }}}}); err == nil {
				t.Error("a periodic job without an interval was accepted")
			}
		})
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// userOf returns the Spotter user id behind an identity.
func userOf(e *env, id bot.Identity) (int64, error) {
	var uid int64
	err := e.st.Do(context.Background(), func(tx bot.Tx) error {
		u, err := tx.UserFor(id, bot.User{})
		uid = u.ID
		return err
	})
	return uid, err
}
