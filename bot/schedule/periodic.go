package schedule

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Periodic is recurring work River runs on its elected leader's schedule,
// such as posting the team check-ins that are due. Run must be idempotent:
// River's periodic jobs are not durable, so a new leader may run one again.
type Periodic struct {
	Name  string        // unique; also the job's argument
	Queue string        // the platform queue whose process can do the work
	Every time.Duration // how often
	Run   func(ctx context.Context, now time.Time) error
}

type periodicArgs struct {
	Name string `json:"name"`
}

func (periodicArgs) Kind() string { return "spotter_periodic" }

type periodicWorker struct {
	river.WorkerDefaults[periodicArgs]
	s    *Scheduler
	runs map[string]Periodic
}

func (w *periodicWorker) Work(ctx context.Context, job *river.Job[periodicArgs]) error {
	p, ok := w.runs[job.Args.Name]
	if !ok {
		w.s.log.Warn("periodic job of an unknown name dropped", "name", job.Args.Name)
		return nil
	}
	if err := p.Run(ctx, w.s.now()); err != nil {
		return fmt.Errorf("periodic %s: %w", p.Name, err)
	}
	return nil
}

// addPeriodic registers cfg.Periodic with River's workers and periodic jobs.
func addPeriodic(s *Scheduler, workers *river.Workers, rc *river.Config) error {
	if len(s.cfg.Periodic) == 0 {
		return nil
	}
	w := &periodicWorker{s: s, runs: map[string]Periodic{}}
	for _, p := range s.cfg.Periodic {
		if p.Name == "" || p.Run == nil || p.Every <= 0 {
			return fmt.Errorf("schedule: periodic job needs a name, an interval and a func: %+v", p)
		}
		if _, dup := w.runs[p.Name]; dup {
			return fmt.Errorf("schedule: periodic job %q given twice", p.Name)
		}
		w.runs[p.Name] = p
		args, queue := periodicArgs{Name: p.Name}, p.Queue
		rc.PeriodicJobs = append(rc.PeriodicJobs, river.NewPeriodicJob(
			river.PeriodicInterval(p.Every),
			func() (river.JobArgs, *river.InsertOpts) {
				return args, &river.InsertOpts{Queue: queue, MaxAttempts: 1}
			},
			&river.PeriodicJobOpts{ID: p.Name, RunOnStart: true},
		))
	}
	return river.AddWorkerSafely(workers, w)
}
