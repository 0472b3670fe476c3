package schedule

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
)

// Observer is told what became of each scheduled message (*obs.Metrics).
type Observer interface {
	// Scheduled counts one message of kind ("poll", "deload", "easeback", "rest")
	// to platform by outcome: "sent", "failed" (the job is retried) or
	// "unreachable" (the user blocked the bot: not retried).
	Scheduled(platform, kind, outcome string)
}

type nopObserver struct{}

func (nopObserver) Scheduled(string, string, string) {}

func (s *Scheduler) observe(platform string, kind bot.NudgeKind, err error) {
	outcome := "sent"
	switch {
	case errors.Is(err, bot.ErrUnreachable):
		outcome = "unreachable"
	case err != nil:
		outcome = "failed"
	}
	s.cfg.Observer.Scheduled(platform, string(kind), outcome)
}

// JobCounts maps each of River's job states to its number of jobs, 0
// included: one GROUP BY over River's job table, for metrics at scrape time.
func (s *Scheduler) JobCounts(ctx context.Context) (map[string]int64, error) {
	db, err := s.cfg.DB.SQL()
	if err != nil {
		return nil, fmt.Errorf("count River jobs: %w", err)
	}
	rows, err := db.QueryContext(ctx, "SELECT CAST(state AS TEXT), COUNT(*) FROM river_job GROUP BY state")
	if err != nil {
		return nil, fmt.Errorf("count River jobs: %w", err)
	}
	defer rows.Close()
	out := make(map[string]int64, len(rivertype.JobStates()))
	for _, st := range rivertype.JobStates() {
		out[string(st)] = 0
	}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("count River jobs: %w", err)
		}
		out[state] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count River jobs: %w", err)
	}
	return out, nil
}

// Stopped is closed once River has stopped, after Start; nil before Start
// (a channel that never closes).
func (s *Scheduler) Stopped() <-chan struct{} { return s.client.Stopped() }
