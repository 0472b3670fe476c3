package schedule

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// dailyArgs is one user's poll on one local day. Every field is part of the
// unique key: the same poll is never planned twice, while a poll planned
// under a poll time or zone the user has since changed is a different job
// (which then finds itself stale and does nothing).
type dailyArgs struct {
	UserID   int64  `json:"user_id" river:"unique"`
	Day      string `json:"day" river:"unique"`       // the user's local date, YYYY-MM-DD
	PollTime string `json:"poll_time" river:"unique"` // "07:30", local
	TZ       string `json:"tz" river:"unique"`        // IANA zone, as the user set it
}

func (dailyArgs) Kind() string { return "spotter_daily_poll" }

// opts inserts the poll due at into queue. A poll already due is inserted
// without ScheduledAt: River then makes it available at once, where any
// ScheduledAt (even a past one) waits for its job scheduler's next pass.
func (a dailyArgs) opts(queue string, at, now time.Time) *river.InsertOpts {
	o := &river.InsertOpts{Queue: queue, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	if at.After(now) {
		o.ScheduledAt = at
	}
	return o
}

// location is bot.User.Location: UTC for "" or an unknown name, from the
// bot's process-wide zone cache (loading tz data on every call cost 8% of
// CPU in BenchmarkDueMinute).
func (s *Scheduler) location(name string) *time.Location { return bot.User{TZ: name}.Location() }

// at is when the poll comes: the local wall time PollTime on Day (see slotTime).
func (a dailyArgs) at(loc *time.Location) (time.Time, error) {
	day, err := engine.ParseDate(a.Day)
	if err != nil {
		return time.Time{}, fmt.Errorf("poll day %q: %w", a.Day, err)
	}
	hh, mm, err := parseClock(a.PollTime)
	if err != nil {
		return time.Time{}, err
	}
	return slotTime(day, hh, mm, loc), nil
}

func (a dailyArgs) slot() (bot.Slot, error) {
	day, err := engine.ParseDate(a.Day)
	if err != nil {
		return bot.Slot{}, fmt.Errorf("poll day %q: %w", a.Day, err)
	}
	return bot.Slot{UserID: a.UserID, Day: day, PollTime: a.PollTime, TZ: a.TZ}, nil
}

// parseClock reads "07:30" (as /settings poll stores it).
func parseClock(s string) (hh, mm int, err error) {
	h, m, ok := strings.Cut(s, ":")
	if ok {
		hh, err = strconv.Atoi(h)
		if err == nil {
			mm, err = strconv.Atoi(m)
		}
	}
	if !ok || err != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, 0, fmt.Errorf("poll time %q is not HH:MM", s)
	}
	return hh, mm, nil
}

// slotTime is the instant of local wall time hh:mm on day d in loc, defined
// on daylight-saving days as calendars do (RFC 5545 3.3.5): a time that a
// spring-forward skips is read with the offset before the change (02:30 in
// Berlin on the last Sunday of March comes at 03:30 CEST), and a time that a
// fall-back repeats is its first occurrence. time.Date leaves both choices
// unspecified, and does pick differently by zone.
func slotTime(d engine.Date, hh, mm int, loc *time.Location) time.Time {
	y, mo, dd := d.Time().Date()
	wall := time.Date(y, mo, dd, hh, mm, 0, 0, time.UTC) // the wall clock, read as if UTC
	// The offsets in force two days either side; no zone changes twice in four days.
	_, before := wall.Add(-48 * time.Hour).In(loc).Zone()
	_, after := wall.Add(48 * time.Hour).In(loc).Zone()
	var best time.Time
	for _, off := range []int{before, after} {
		t := wall.Add(-time.Duration(off) * time.Second)
		ly, lmo, ld := t.In(loc).Date()
		lh, lm, _ := t.In(loc).Clock()
		if ly == y && lmo == mo && ld == dd && lh == hh && lm == mm && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if best.IsZero() { // in a gap
		best = wall.Add(-time.Duration(before) * time.Second)
	}
	return best.In(loc)
}

// dailyWorker works one poll.
type dailyWorker struct {
	river.WorkerDefaults[dailyArgs]
	s *Scheduler
}

func (w *dailyWorker) Timeout(*river.Job[dailyArgs]) time.Duration { return jobTimeout }

func (w *dailyWorker) Work(ctx context.Context, job *river.Job[dailyArgs]) error {
	return w.s.work(ctx, job.Args, job.Queue)
}

// work sends one poll: it drops a poll whose local day has passed (the
// service was down) and plans today's instead; otherwise it asks the bot for
// the day's messages (recorded as sent in the same step), plans the next
// day's poll, and delivers. A failed delivery is forgotten again (bot.Unsend)
// and the job retried; an unreachable user is not retried.
func (s *Scheduler) work(ctx context.Context, a dailyArgs, queue string) error {
	slot, err := a.slot()
	if err != nil {
		return river.JobCancel(err)
	}
	loc := s.location(a.TZ)
	due, err := a.at(loc)
	if err != nil {
		return river.JobCancel(err)
	}
	now := s.now()
	today := engine.DateOf(now.In(loc))
	switch {
	case slot.Day < today:
		s.log.Warn("dropped a poll from a previous day", "user_id", a.UserID, "day", a.Day, "today", today.String(), "due", due.UTC().Format(time.RFC3339))
		a.Day = today.String()
		return s.plan(ctx, a, queue)
	case now.Before(due):
		// Run early (a clock moved, or a retry was forced): wait for the time.
		return river.JobSnooze(due.Sub(now))
	}
	d, err := s.cfg.Bot.Daily(ctx, slot, now)
	if errors.Is(err, bot.ErrNotFound) {
		s.log.Info("poll for a user who is gone", "user_id", a.UserID)
		return nil
	}
	if err != nil {
		return fmt.Errorf("daily poll: %w", err)
	}
	if d.Stale {
		s.log.Debug("stale poll: settings changed", "user_id", a.UserID, "day", a.Day)
		return nil
	}
	// Plan tomorrow before delivering, so a delivery that keeps failing
	// cannot end the chain.
	nextArgs := a
	nextArgs.Day = slot.Day.AddDays(1).String()
	if err := s.plan(ctx, nextArgs, queue); err != nil {
		s.unsend(ctx, a.UserID, d.Messages)
		return err
	}
	return s.deliver(ctx, d, queue)
}

// plan inserts the poll a into queue (once: the job is unique by its args).
func (s *Scheduler) plan(ctx context.Context, a dailyArgs, queue string) error {
	t, err := a.at(s.location(a.TZ))
	if err != nil {
		return err
	}
	if _, err := s.client.Insert(ctx, a, a.opts(queue, t, s.now())); err != nil {
		return fmt.Errorf("plan poll for %s: %w", a.Day, err)
	}
	return nil
}

func (s *Scheduler) deliver(ctx context.Context, d bot.Daily, platform string) error {
	if len(d.Messages) == 0 {
		return nil
	}
	var to bot.Identity
	for _, id := range d.Identities {
		if id.Platform == platform {
			to = id
			break
		}
	}
	n := s.cfg.Notifiers[platform]
	if to.Platform == "" || n == nil {
		s.log.Warn("no way to deliver a poll", "user_id", d.User.ID, "platform", platform)
		s.confirm(ctx, d.User.ID, d.Messages) // as a blocked bot: not every day again
		return nil
	}
	for i, m := range d.Messages {
		err := n.Notify(ctx, to, m.Reply)
		s.observe(platform, m.Kind, err)
		if errors.Is(err, bot.ErrUnreachable) {
			// Counted as sent: a blocked bot is not retried every day.
			s.log.Info("user unreachable", "user", s.cfg.IDs.Hash(to), "kind", string(m.Kind), "err", err)
			s.confirm(ctx, d.User.ID, d.Messages[i:])
			return nil
		}
		if err != nil {
			s.unsend(ctx, d.User.ID, d.Messages[i:])
			return fmt.Errorf("deliver %s: %w", m.Kind, err)
		}
		s.log.Info("sent", "user", s.cfg.IDs.Hash(to), "kind", string(m.Kind))
		s.confirm(ctx, d.User.ID, d.Messages[i:i+1])
	}
	return nil
}

// confirm records that ms went out. Should that fail, the next day's poll
// sends them again: at least once.
func (s *Scheduler) confirm(ctx context.Context, userID int64, ms []bot.Outgoing) {
	for _, m := range ms {
		if err := s.cfg.Bot.Delivered(context.WithoutCancel(ctx), userID, m); err != nil {
			s.log.Error("confirm delivered message", "user_id", userID, "kind", string(m.Kind), "err", err)
		}
	}
}

func (s *Scheduler) unsend(ctx context.Context, userID int64, ms []bot.Outgoing) {
	for _, m := range ms {
		if err := s.cfg.Bot.Unsend(context.WithoutCancel(ctx), userID, m); err != nil {
			s.log.Error("forget undelivered message", "user_id", userID, "kind", string(m.Kind), "err", err)
		}
	}
}
