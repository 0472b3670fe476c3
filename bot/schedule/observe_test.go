package schedule

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
)

// observed counts what the scheduler tells its Observer, as
// "platform/kind/outcome".
type observed struct {
	mu sync.Mutex
	n  map[string]int
}

func (o *observed) Scheduled(platform, kind, outcome string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.n == nil {
		o.n = map[string]int{}
	}
	o.n[platform+"/"+kind+"/"+outcome]++
}

func (o *observed) counts() map[string]int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.n)
}

func TestObserverJobCountsStopped(t *testing.T) {
	t.Parallel()
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			e := mustEnv(t, backend, time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC))
			e.say("/settings poll 07:30")
			e.notes.mu.Lock()
			e.notes.fail = []error{errTransient}
			e.notes.mu.Unlock()
			e.advance(time.Date(2026, 6, 10, 7, 31, 0, 0, time.UTC)) // failed
			e.advance(time.Date(2026, 6, 10, 7, 35, 0, 0, time.UTC)) // retried: sent
			e.notes.mu.Lock()
			e.notes.fail = []error{fmt.Errorf("blocked: %w", bot.ErrUnreachable)}
			e.notes.mu.Unlock()
			e.advance(time.Date(2026, 6, 11, 7, 31, 0, 0, time.UTC)) // unreachable
			e.advance(time.Date(2026, 6, 12, 7, 31, 0, 0, time.UTC)) // sent
			want := map[string]int{"console/poll/failed": 1, "console/poll/sent": 2, "console/poll/unreachable": 1}
			if got := e.seen.counts(); !maps.Equal(got, want) {
				t.Errorf("observed: got %v, want %v", got, want)
			}

			counts, err := e.sched.JobCounts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var states []string
			for _, s := range rivertype.JobStates() {
				states = append(states, string(s))
			}
			if got := slices.Sorted(maps.Keys(counts)); !slices.Equal(got, slices.Sorted(slices.Values(states))) {
				t.Errorf("JobCounts states: got %v, want every state %v", got, states)
			}
			// Each day's poll done, the next day's planned.
			if counts["completed"] < 3 || counts["scheduled"] != 1 {
				t.Errorf("JobCounts: got %v, want at least 3 completed and 1 scheduled", counts)
			}

			select {
			case <-e.sched.Stopped():
				t.Fatal("Stopped closed while running")
			default:
			}
			e.stop(e.sched)
			select {
			case <-e.sched.Stopped():
			case <-time.After(5 * time.Second):
				t.Error("Stopped not closed after Stop")
			}
		})
	}
}
