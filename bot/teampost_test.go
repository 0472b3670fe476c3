package bot_test

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// fakePoster is a TeamPoster that keeps what it is asked to send.
type fakePoster struct {
	mu    sync.Mutex
	posts []fakePost
	fail  error // when set, PostTeam answers with it and sends nothing
	// die, when set, ends the caller's goroutine inside PostTeam: a replica
	// that died between claiming a post and sending it.
	die bool
}

type fakePost struct {
	channel string
	reply   bot.Reply
}

func (p *fakePoster) PostTeam(_ context.Context, channel string, r bot.Reply) (string, error) {
	p.mu.Lock()
	die := p.die
	p.mu.Unlock()
	if die {
		runtime.Goexit()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		return "", p.fail
	}
	p.posts = append(p.posts, fakePost{channel, r})
	return "m" + strconv.Itoa(len(p.posts)), nil
}

func (p *fakePoster) sent() []fakePost {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]fakePost(nil), p.posts...)
}

// mustPostTeams runs the scheduler's call and checks how many posts went out and failed.
func mustPostTeams(t *testing.T, b *bot.Bot, p bot.TeamPoster, at time.Time, wantSent, wantFailed int) {
	t.Helper()
	sent, failed, err := b.PostTeams(context.Background(), "discord", p, at)
	if sent != wantSent || failed != wantFailed || (err != nil) != (wantFailed > 0) {
		t.Errorf("PostTeams at %s = %d sent, %d failed (%v); want %d sent, %d failed", at, sent, failed, err, wantSent, wantFailed)
	}
}

func TestTeamPostDueOncePerDay(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			b := bot.New(st)
			c := &chat{t: t, b: b, now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}
			c.say(dc, "/team setup <#555> 07:30 Europe/Berlin", &bot.Server{ID: "g1", Manager: true})
			at := time.Date(2026, 3, 10, 6, 30, 0, 0, time.UTC) // 07:30 in Berlin
			p := &fakePoster{}
			mustPostTeams(t, b, p, at.Add(-time.Minute), 0, 0) // 07:29: not yet
			mustPostTeams(t, b, p, at, 1, 0)
			mustPostTeams(t, b, p, at.Add(time.Hour), 0, 0)                            // sent: not again that day
			mustPostTeams(t, b, p, at.Add(24*time.Hour+3*time.Hour+time.Minute), 0, 0) // over three hours late: that day is skipped
			ps := p.sent()
			if len(ps) != 1 || ps[0].channel != "555" || !strings.Contains(ps[0].reply.Text, "Tuesday 2026-03-10") ||
				!strings.Contains(ps[0].reply.Text, "No one checked in yet.") {
				t.Fatalf("posts = %+v, want one for 2026-03-10 in 555, no one checked in", ps)
			}
			var labels []string
			for _, row := range ps[0].reply.Buttons {
				for _, bt := range row {
					labels = append(labels, bt.Label)
				}
			}
			if got := strings.Join(labels, ","); got != "Ready,OK,Fatigued,Details…" {
				t.Errorf("buttons = %s, want Ready,OK,Fatigued,Details…", got)
			}
		})
	}
}

func TestTeamPostClaimedOnceAcrossReplicas(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			// Two replicas: two bots on one database.
			replicas := []*bot.Bot{bot.New(st), bot.New(st)}
			c := &chat{t: t, b: replicas[0], now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}
			c.say(dc, "/team setup <#555> 07:30 Europe/Berlin", &bot.Server{ID: "g1", Manager: true})
			at := time.Date(2026, 3, 10, 6, 30, 0, 0, time.UTC)
			p := &fakePoster{}
			var wg sync.WaitGroup
			for k := 0; k < 8; k++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, _, err := replicas[k%2].PostTeams(context.Background(), "discord", p, at); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if ps := p.sent(); len(ps) != 1 || !strings.Contains(ps[0].reply.Text, "2026-03-10") {
				t.Fatalf("posts = %+v, want exactly one for 2026-03-10", ps)
			}

			// The next day a replica claims the post and dies before sending
			// it: nobody else posts at once, but after the stale time.
			next := at.Add(24 * time.Hour)
			dead := &fakePoster{die: true}
			done := make(chan struct{})
			go func() { defer close(done); replicas[1].PostTeams(context.Background(), "discord", dead, next) }()
			<-done
			mustPostTeams(t, replicas[0], p, next.Add(time.Minute), 0, 0)
			mustPostTeams(t, replicas[0], p, next.Add(3*time.Minute), 1, 0)
			if ps := p.sent(); len(ps) != 2 || !strings.Contains(ps[1].reply.Text, "2026-03-11") {
				t.Errorf("posts = %+v, want the one of 2026-03-11 taken over", ps)
			}
		})
	}
}

func TestTeamPostFailedIsRetried(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			b := bot.New(st)
			c := &chat{t: t, b: b, now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}
			c.say(dc, "/team setup <#555> 07:30 Europe/Berlin", &bot.Server{ID: "g1", Manager: true})
			at := time.Date(2026, 3, 10, 6, 30, 0, 0, time.UTC)
			refused := errors.New("channel refused the post")
			p := &fakePoster{fail: refused}
			sent, failed, err := b.PostTeams(context.Background(), "discord", p, at)
			if sent != 0 || failed != 1 || !errors.Is(err, refused) {
				t.Fatalf("PostTeams with a failing poster = %d sent, %d failed (%v); want 0, 1 and the poster's error", sent, failed, err)
			}
			// Released: the next call (a minute later) sends it.
			p.mu.Lock()
			p.fail = nil
			p.mu.Unlock()
			mustPostTeams(t, b, p, at.Add(time.Minute), 1, 0)
			mustPostTeams(t, b, p, at.Add(2*time.Minute), 0, 0)
			if ps := p.sent(); len(ps) != 1 {
				t.Errorf("%d posts, want 1", len(ps))
			}
		})
	}
}

// A tap on a sent post answers with the edit that shows the post's new
// counts; the adapter edits only what it is given.
func TestTeamTapUpdatesPost(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			b := bot.New(st)
			srv := &bot.Server{ID: "g1", ChannelID: "555", Manager: true}
			c := &chat{t: t, b: b, now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}
			c.say(dc, "/team setup <#555> 07:30 Europe/Berlin", srv)
			p := &fakePoster{}
			mustPostTeams(t, b, p, time.Date(2026, 3, 10, 6, 30, 0, 0, time.UTC), 1, 0)
			tap := func(id bot.Identity, data string) bot.Reply {
				t.Helper()
				r, err := b.Handle(context.Background(), bot.Message{Identity: id, ChatID: "555", Group: true, Server: srv, Callback: true,
					Text: data, ReceivedAt: time.Date(2026, 3, 10, 7, 0, 0, 0, time.UTC)})
				if err != nil {
					t.Fatalf("%s: %v", data, err)
				}
				return r
			}
			post := p.sent()[0].reply
			ready, fatigued := post.Buttons[0][0].Data, post.Buttons[0][2].Data
			r := tap(dc, ready)
			if r.Update == nil || r.Update.ChannelID != "555" || r.Update.MessageID != "m1" || !strings.Contains(r.Update.Reply.Text, "1 checked in, 0 fatigued.") {
				t.Fatalf("tap Ready: update = %+v, want message m1 in 555 with 1 checked in, 0 fatigued", r.Update)
			}
			if len(r.Update.Reply.Buttons) != 1 || len(r.Update.Reply.Buttons[0]) != 4 {
				t.Errorf("updated post buttons = %+v, want the post's four", r.Update.Reply.Buttons)
			}
			other := bot.Identity{Platform: "discord", UserID: "201", Name: "bo"}
			if r := tap(other, fatigued); r.Update == nil || !strings.Contains(r.Update.Reply.Text, "2 checked in, 1 fatigued.") {
				t.Errorf("tap Fatigued: update = %+v, want 2 checked in, 1 fatigued", r.Update)
			}
			// A day whose post was never sent has nothing to update.
			if r := tap(dc, "/team checkin 2026-03-09 ready"); r.Update != nil || !strings.Contains(r.Text, "Checked in for 2026-03-09") {
				t.Errorf("tap for an unsent day = %q, update %+v; want checked in, no update", r.Text, r.Update)
			}
			// Nothing but a team check-in updates a post.
			if r := tap(dc, "/checkin sleep good"); r.Update != nil {
				t.Errorf("/checkin: update = %+v, want none", r.Update)
			}
		})
	}
}
