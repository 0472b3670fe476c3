package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/spotterbot/spotter/bot"
)

// restArgs is one rest timer's "Rest over" (/rest 3m). The user and the
// timer's sequence number are the unique key: a timer is planned once
// however often it is asked for; Due says when it is over.
type restArgs struct {
	UserID int64     `json:"user_id" river:"unique"`
	Seq    int64     `json:"seq" river:"unique"`
	Due    time.Time `json:"due"`
}

func (restArgs) Kind() string { return "spotter_rest_over" }

// restAttempts bounds a "Rest over"'s retries: it is worth little late (the
// bot drops one more than a few minutes late anyway).
const restAttempts = 3

// StartRest plans t's "Rest over" on via's platform.
func (s *Scheduler) StartRest(ctx context.Context, t bot.RestTimer, via bot.Identity) error {
	if !reQueue.MatchString(via.Platform) {
		return fmt.Errorf("schedule rest timer: platform %q", via.Platform)
	}
	a := restArgs{UserID: t.UserID, Seq: t.Seq, Due: t.Due.UTC()}
	o := &river.InsertOpts{Queue: via.Platform, MaxAttempts: restAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	if a.Due.After(s.now()) {
		o.ScheduledAt = a.Due
	}
	res, err := s.client.Insert(ctx, a, o)
	if err != nil {
		return fmt.Errorf("schedule rest timer: %w", err)
	}
	s.log.Debug("rest timer planned", "user", s.cfg.IDs.Hash(via), "at", a.Due.Format(time.RFC3339), "duplicate", res.UniqueSkippedAsDuplicate)
	return nil
}

type restWorker struct {
	river.WorkerDefaults[restArgs]
	s *Scheduler
}

func (w *restWorker) Timeout(*river.Job[restArgs]) time.Duration { return jobTimeout }

func (w *restWorker) Work(ctx context.Context, job *river.Job[restArgs]) error {
	return w.s.workRest(ctx, job.Args, job.Queue)
}

// workRest sends one "Rest over", unless the timer was stopped or replaced
// since (the bot says it is stale), and then ends the timer. A failed
// delivery is retried (a few times); an unreachable user is not.
func (s *Scheduler) workRest(ctx context.Context, a restArgs, platform string) error {
	now := s.now()
	if now.Before(a.Due) {
		return river.JobSnooze(a.Due.Sub(now))
	}
	n, err := s.cfg.Bot.RestOver(ctx, a.UserID, a.Seq, now)
	if errors.Is(err, bot.ErrNotFound) {
		return nil // the user is gone (/forget)
	}
	if err != nil {
		return fmt.Errorf("rest over: %w", err)
	}
	if n.Stale {
		return nil
	}
	var to bot.Identity
	for _, id := range n.Identities {
		if id.Platform == platform {
			to = id
			break
		}
	}
	notifier := s.cfg.Notifiers[platform]
	if to.Platform == "" || notifier == nil {
		s.log.Warn("no way to deliver a rest timer", "user_id", a.UserID, "platform", platform)
		return s.restDone(ctx, a)
	}
	err = notifier.Notify(ctx, to, n.Reply)
	s.observe(platform, bot.NudgeRest, err)
	if err != nil && !errors.Is(err, bot.ErrUnreachable) {
		return fmt.Errorf("deliver rest over: %w", err)
	}
	return s.restDone(ctx, a)
}

func (s *Scheduler) restDone(ctx context.Context, a restArgs) error {
	if err := s.cfg.Bot.RestDone(context.WithoutCancel(ctx), a.UserID, a.Seq); err != nil {
		// Sent, but still marked running: a retry would send it again.
		s.log.Error("end rest timer", "user_id", a.UserID, "err", err)
	}
	return nil
}
