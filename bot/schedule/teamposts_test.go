package schedule

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/bot"
)

// teamRecorder is a notifier that also posts to teams (as the Discord adapter).
type teamRecorder struct {
	recorder
	mu    sync.Mutex
	posts []string // channel: text
}

func (r *teamRecorder) PostTeam(_ context.Context, channel string, rep bot.Reply) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.posts = append(r.posts, channel+": "+rep.Text)
	return "m1", nil
}

func (r *teamRecorder) sent() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.posts...)
}

// The daily team post is a River job: the scheduler runs the bot's
// PostTeams for each platform whose notifier posts to teams, and counts
// what went out.
func TestTeamPostsJob(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 1, 0, 0, time.UTC))
			owner := bot.Identity{Platform: "console", UserID: "owner", Name: "owner"}
			r, err := e.bot.Handle(context.Background(), bot.Message{Identity: owner, ChatID: "555", Group: true,
				Server: &bot.Server{ID: "g1", ChannelID: "555", Manager: true}, Text: "/team setup 555 06:00 UTC"})
			if err != nil || !strings.HasPrefix(r.Text, "This server is a Spotter team.") {
				t.Fatalf("team setup = %q, %v", r.Text, err)
			}
			// One process with the team poster: River's leader runs the
			// periodic job only from its own configuration.
			e.stop(e.sched)
			poster := &teamRecorder{}
			e.start("posts", Paced(poster, rate.NewLimiter(rate.Inf, 1))) // paced, still a team poster
			deadline := time.Now().Add(20 * time.Second)
			for len(poster.sent()) == 0 && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			ps := poster.sent()
			if len(ps) != 1 || !strings.HasPrefix(ps[0], "555: Daily check-in, Wednesday 2026-06-10.") {
				t.Fatalf("posts = %q, want one for 2026-06-10 in 555", ps)
			}
			for e.seen.counts()["console/team_post/sent"] != 1 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if got := e.seen.counts(); got["console/team_post/sent"] != 1 {
				t.Errorf("observed %v, want console/team_post/sent 1", got)
			}
		})
	}
}
