package schedule

import (
	"context"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// teamPostKind is the kind of a team post for the Observer.
const teamPostKind = "team_post"

// teamPostsEvery is how often the team posts due are looked for: a post
// comes at most this late after its time.
const teamPostsEvery = time.Minute

// teamPosts is the periodic work that sends the daily team posts of each
// platform whose notifier also posts to teams (bot.TeamPoster: Discord),
// on that platform's queue so that only a process connected to it works it.
// The bot decides which are due and claims each before it is sent, so a
// second leader running the job again sends nothing twice.
func teamPosts(s *Scheduler) []Periodic {
	var out []Periodic
	for platform, n := range s.cfg.Notifiers {
		p, ok := n.(bot.TeamPoster)
		if !ok {
			continue
		}
		out = append(out, Periodic{Name: platform + "-team-posts", Queue: platform, Every: teamPostsEvery,
			Run: func(ctx context.Context, now time.Time) error {
				sent, failed, err := s.cfg.Bot.PostTeams(ctx, platform, p, now)
				for range sent {
					s.cfg.Observer.Scheduled(platform, teamPostKind, "sent")
				}
				for range failed {
					s.cfg.Observer.Scheduled(platform, teamPostKind, "failed")
				}
				return err
			}})
	}
	return out
}
