// Package schedule sends what Spotter says on its own: the daily readiness
// poll and the planned-deload nudges, at each user's local poll time, exactly
// once. It keeps one River job per user and day in Spotter's own database
// (riverpgxv5 on PostgreSQL, riversqlite on the embedded SQLite), unique by
// its arguments, so restarts and extra replicas cannot double a message; each
// job, when worked, plans the next day's. What a poll says is the bot's
// business (bot.Daily); how it reaches the user is a bot.Notifier per platform.
// The daily team posts are a periodic job per platform whose notifier is
// also a bot.TeamPoster (teamposts.go): bot.PostTeams decides, claims and
// records; the poster sends.
package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// Bot builds and records the messages of a daily poll (implemented by *bot.Bot).
type Bot interface {
	Daily(ctx context.Context, s bot.Slot, now time.Time) (bot.Daily, error)
	Unsend(ctx context.Context, userID int64, m bot.Outgoing) error
	Delivered(ctx context.Context, userID int64, m bot.Outgoing) error
	// RestOver and RestDone build and end a rest timer's "Rest over" (rest.go).
	RestOver(ctx context.Context, userID, seq int64, now time.Time) (bot.RestNotice, error)
	RestDone(ctx context.Context, userID, seq int64) error
	// PostTeams sends the platform's team posts due at now through p and
	// records what became of them (teamposts.go).
	PostTeams(ctx context.Context, platform string, p bot.TeamPoster, now time.Time) (sent, failed int, err error)
}

// Database is Spotter's store as the scheduler needs it (implemented by
// *storage.Store): River shares its database.
type Database interface {
	Dialect() string // "postgres" or "sqlite"
	// SQL is the handle gorm uses; River's SQLite driver shares it.
	SQL() (*sql.DB, error)
	// PollUsers pages through users with a daily poll, by id.
	PollUsers(ctx context.Context, after int64, limit int) ([]bot.PollUser, error)
}

// Registry maps a platform ("telegram", "discord", "console") to the notifier
// that delivers there. The scheduler works the jobs of exactly these
// platforms, so a process without Telegram never takes a Telegram user's poll.
type Registry map[string]bot.Notifier

// Config is what New needs.
type Config struct {
	DB  Database
	DSN string // the PostgreSQL URL River's pgx pool connects to; unused on SQLite
	Bot Bot
	// Notifiers are the platforms this process delivers to. Empty: the
	// scheduler only plans jobs, another process works them.
	Notifiers Registry
	Logger    *slog.Logger
	// IDs hides user ids in the log; the install's, as the bot's (zero: a
	// key random to this process).
	IDs bot.IDHasher
	// Clock replaces the wall clock, also inside River (tests). Nil: real time.
	Clock rivertype.TimeGenerator
	// FetchPollInterval is how often River looks for due jobs when it was not
	// told of one (default 1 s); a poll comes at most this late.
	FetchPollInterval time.Duration
	// MaxWorkers is the number of jobs worked at once per platform (default
	// 50 on PostgreSQL, 4 on SQLite). Sends wait for the notifier's rate
	// limiter, so this bounds how many wait at once.
	MaxWorkers int
	// ID names this process to River (leader election, job attempts); default random.
	ID string
	// Periodic is recurring work run on River's elected leader (re-planning
	// polls). The team posts of a notifier that is also a bot.TeamPoster are
	// added on their own (teamposts.go).
	Periodic []Periodic
	// Observer counts the scheduled messages delivered (metrics); none when nil.
	Observer Observer

	testOnly bool // River's TestOnly: no start-up jitter
}

// riverClient is the part of *river.Client[TTx] used here, whatever the
// driver's transaction type.
type riverClient interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
	Stopped() <-chan struct{}
}

// Scheduler plans and works the daily polls.
type Scheduler struct {
	cfg    Config
	log    *slog.Logger
	client riverClient
	pool   *pgxpool.Pool // PostgreSQL only
	fresh  bool          // River's tables were created by New: Start backfills
	// stopping quiets River's cancellation errors during Stop (stopQuiet).
	stopping atomic.Bool
}

var (
	_ bot.Scheduler     = (*Scheduler)(nil)
	_ bot.RestScheduler = (*Scheduler)(nil)
)

// New connects River to cfg.DB, bringing River's tables up to date, and
// returns a scheduler that is not started yet.
func New(ctx context.Context, cfg Config) (*Scheduler, error) {
	if cfg.DB == nil || cfg.Bot == nil {
		return nil, errors.New("schedule: Config needs DB and Bot")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	if cfg.FetchPollInterval <= 0 {
		cfg.FetchPollInterval = time.Second
	}
	postgres := cfg.DB.Dialect() == "postgres"
	if cfg.MaxWorkers <= 0 {
		cfg.MaxWorkers = 4
		if postgres {
			cfg.MaxWorkers = 50
		}
	}
	s := &Scheduler{cfg: cfg, log: cfg.Logger.With("component", "schedule")}
	s.cfg.Periodic = append(append([]Periodic(nil), cfg.Periodic...), teamPosts(s)...)
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &dailyWorker{s: s}); err != nil {
		return nil, fmt.Errorf("schedule: register worker: %w", err)
	}
	rc := &river.Config{
		ID:                cfg.ID,
		Logger:            slog.New(stopQuiet{next: cfg.Logger.Handler(), stopping: &s.stopping}).With("component", "river"),
		Workers:           workers,
		FetchPollInterval: cfg.FetchPollInterval,
		FetchCooldown:     min(cfg.FetchPollInterval, 100*time.Millisecond),
		JobTimeout:        jobTimeout,
		// A poll is worth little late: few attempts, and the worker drops one
		// whose day has passed anyway.
		MaxAttempts: 5,
		TestOnly:    cfg.testOnly,
	}
	if err := river.AddWorkerSafely(workers, &restWorker{s: s}); err != nil {
		return nil, fmt.Errorf("schedule: register worker: %w", err)
	}
	if err := addPeriodic(s, workers, rc); err != nil {
		return nil, err
	}
	rc.Test.Time = cfg.Clock
	if cfg.testOnly {
		// River's job rescuer measures "stuck" against the real clock, not
		// Test.Time (v0.49.0): with a fake clock every running job would look
		// hours old.
		rc.RescueStuckJobsAfter = 50 * 365 * 24 * time.Hour
	}
	if len(cfg.Notifiers) > 0 {
		rc.Queues = map[string]river.QueueConfig{}
		for platform := range cfg.Notifiers {
			if !reQueue.MatchString(platform) {
				return nil, fmt.Errorf("schedule: platform name %q cannot be a River queue", platform)
			}
			rc.Queues[platform] = river.QueueConfig{MaxWorkers: cfg.MaxWorkers}
		}
	}
	var err error
	if postgres {
		err = s.openPostgres(ctx, rc)
	} else {
		err = s.openSQLite(ctx, rc)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// jobTimeout bounds one poll's work, including waits for the rate limiter.
const jobTimeout = 2 * time.Minute

var reQueue = regexp.MustCompile(`^[a-z0-9]+(?:[_-][a-z0-9]+)*$`)

// migrateLock is the PostgreSQL advisory lock key under which River's
// migrations run, so replicas starting together don't race (rivermigrate
// takes no lock of its own in v0.49.0).
const migrateLock = 0x5370_6f74 // "Spot"

func (s *Scheduler) openPostgres(ctx context.Context, rc *river.Config) error {
	if s.cfg.DSN == "" {
		return errors.New("schedule: PostgreSQL needs Config.DSN for River's pool")
	}
	pc, err := pgxpool.ParseConfig(s.cfg.DSN)
	if err != nil {
		return fmt.Errorf("schedule: River pool: %w", err)
	}
	if !strings.Contains(s.cfg.DSN, "pool_max_conns") {
		// Fetching, completing and electing need few connections; the
		// workers' own queries go through gorm's pool.
		pc.MaxConns = 10
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return fmt.Errorf("schedule: River pool: %w", err)
	}
	driver := riverpgxv5.New(pool)
	mig, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: s.log})
	if err != nil {
		pool.Close()
		return fmt.Errorf("schedule: River migrator: %w", err)
	}
	if err := s.migratePostgres(ctx, pool, mig); err != nil {
		pool.Close()
		return err
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		pool.Close()
		return fmt.Errorf("schedule: River client: %w", err)
	}
	s.client, s.pool = client, pool
	return nil
}

// migratePostgres runs River's migrations under a session advisory lock
// held on its own connection. (Not one transaction: migration 006 adds an
// enum value that PostgreSQL refuses to use in the transaction that added it.)
func (s *Scheduler) migratePostgres(ctx context.Context, pool *pgxpool.Pool, mig *rivermigrate.Migrator[pgx.Tx]) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("schedule: River migrations: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(migrateLock)); err != nil {
		return fmt.Errorf("schedule: lock for River migrations: %w", err)
	}
	defer func() {
		if _, err := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(migrateLock)); err != nil {
			s.log.Error("unlock after River migrations", "err", err)
		}
	}()
	res, err := mig.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("schedule: River migrations: %w", err)
	}
	s.fresh = createdJobs(res)
	return nil
}

func (s *Scheduler) openSQLite(ctx context.Context, rc *river.Config) error {
	db, err := s.cfg.DB.SQL()
	if err != nil {
		return fmt.Errorf("schedule: database handle: %w", err)
	}
	driver := riversqlite.New(db)
	mig, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: s.log})
	if err != nil {
		return fmt.Errorf("schedule: River migrator: %w", err)
	}
	res, err := mig.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("schedule: River migrations: %w", err)
	}
	s.fresh = createdJobs(res)
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return fmt.Errorf("schedule: River client: %w", err)
	}
	s.client = client
	return nil
}

// createdJobs reports whether res created River's job table (migration 2,
// "initial_schema", on both drivers).
func createdJobs(res *rivermigrate.MigrateResult) bool {
	for _, v := range res.Versions {
		if v.Version == 2 {
			return true
		}
	}
	return false
}

// Start starts working due polls. When River's tables were new, it first
// plans a poll for every user who has a poll time (the chain of daily jobs
// starts at /settings poll; users who set one before River existed get theirs here).
func (s *Scheduler) Start(ctx context.Context) error {
	if s.fresh {
		n, err := s.Backfill(ctx)
		if err != nil {
			return err
		}
		s.fresh = false
		s.log.Info("planned polls for existing users", "users", n)
	}
	if len(s.cfg.Notifiers) == 0 {
		return nil // insert-only: another process works the jobs
	}
	// River stops through Stop (graceful, then cancelling what is left): a
	// cancelled start context would stop it abruptly, its services logging
	// errors as their work is cut off.
	if err := s.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("schedule: start River: %w", err)
	}
	return nil
}

// Stop waits for polls being sent to finish (until ctx ends) and releases
// River's connections.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.stopping.Store(true)
	var err error
	if len(s.cfg.Notifiers) > 0 {
		err = s.client.Stop(ctx)
		if err != nil && ctx.Err() != nil {
			// Out of patience: cancel the jobs still working, so a send in
			// flight ends (and is retried by River) before the pools close.
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = s.client.StopAndCancel(cctx)
			cancel()
		}
	}
	if s.pool != nil {
		s.pool.Close()
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("schedule: stop River: %w", err)
	}
	return nil
}

func (s *Scheduler) now() time.Time {
	if s.cfg.Clock != nil {
		return s.cfg.Clock.Now()
	}
	return time.Now()
}

// Reschedule plans u's next daily poll after a change of poll time or zone,
// delivered on via's platform: today's when its time is still ahead, else
// tomorrow's. A job planned for the old settings stays and does nothing when
// it comes (bot.Daily reports it stale); one for the same settings is not
// doubled.
func (s *Scheduler) Reschedule(ctx context.Context, u bot.User, via bot.Identity) error {
	if u.PollTime == "" {
		return nil
	}
	args, opts, err := s.next(u, via.Platform)
	if err != nil {
		return err
	}
	res, err := s.client.Insert(ctx, args, opts)
	if err != nil {
		return fmt.Errorf("schedule poll: %w", err)
	}
	s.log.Info("poll planned", "user", s.cfg.IDs.Hash(via), "day", args.Day, "at", opts.ScheduledAt.UTC().Format(time.RFC3339), "duplicate", res.UniqueSkippedAsDuplicate)
	return nil
}

// next is u's next poll from now on: today's if its time is still ahead.
func (s *Scheduler) next(u bot.User, platform string) (dailyArgs, *river.InsertOpts, error) {
	if !reQueue.MatchString(platform) {
		return dailyArgs{}, nil, fmt.Errorf("schedule poll: platform %q", platform)
	}
	now := s.now()
	loc := s.location(u.TZ)
	day := engine.DateOf(now.In(loc))
	a := dailyArgs{UserID: u.ID, Day: day.String(), PollTime: u.PollTime, TZ: u.TZ}
	t, err := a.at(loc)
	if err != nil {
		return dailyArgs{}, nil, err
	}
	if !t.After(now) {
		a.Day = day.AddDays(1).String()
		if t, err = a.at(loc); err != nil {
			return dailyArgs{}, nil, err
		}
	}
	return a, a.opts(platform, t, now), nil
}

// Backfill plans the next poll of every user with a poll time, in batches;
// polls already planned are not doubled. It returns the number of users.
func (s *Scheduler) Backfill(ctx context.Context) (int, error) {
	const page = 1000
	var after int64
	n := 0
	for {
		users, err := s.cfg.DB.PollUsers(ctx, after, page)
		if err != nil {
			return n, err
		}
		if len(users) == 0 {
			return n, nil
		}
		params := make([]river.InsertManyParams, 0, len(users))
		for _, pu := range users {
			after = pu.User.ID
			args, opts, err := s.next(pu.User, pu.Via.Platform)
			if err != nil {
				s.log.Warn("cannot plan poll", "user", s.cfg.IDs.Hash(pu.Via), "err", err)
				continue
			}
			params = append(params, river.InsertManyParams{Args: args, InsertOpts: opts})
		}
		if len(params) > 0 {
			if _, err := s.client.InsertMany(ctx, params); err != nil {
				return n, fmt.Errorf("plan polls: %w", err)
			}
		}
		n += len(params)
	}
}
