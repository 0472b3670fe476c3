// Command spotter runs the Spotter bot: `spotter chat` on the console,
// `spotter serve` on the configured platforms, `spotter migrate` for the schema.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	_ "time/tzdata" // time zones work on minimal images without a tz database

	"github.com/spotterbot/spotter/adapters/console"
	"github.com/spotterbot/spotter/adapters/discord"
	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/schedule"
	"github.com/spotterbot/spotter/storage"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A second Ctrl-C kills at once; the first one asks for a graceful stop.
	go func() { <-ctx.Done(); stop() }()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, errorText(err))
		os.Exit(exitCode(err))
	}
}

// usageError is a command line spotter cannot read; its text is printed as is.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// configError is a setting (an environment variable or a flag) with a value
// spotter does not take: like a usage error it stops start-up with exit code 2.
type configError struct{ msg string }

func (c configError) Error() string { return c.msg }

// exitCode is 2 for a usage or configuration error, 1 for any other failure.
func exitCode(err error) int {
	var u usageError
	var c configError
	if errors.As(err, &u) || errors.As(err, &c) {
		return 2
	}
	return 1
}

// errorText is what main prints on stderr for err.
func errorText(err error) string {
	var u usageError
	if errors.As(err, &u) {
		return err.Error()
	}
	return "spotter: " + err.Error()
}

const usage = `Spotter: a chat bot that coaches strength athletes.

Usage:
  spotter chat [--user NAME] [--db DSN]   talk to the bot on this terminal (no token needed)
  spotter serve [--db DSN]                run the configured platforms (Telegram, Discord)
  spotter migrate [--db DSN]              create or upgrade the database schema
  spotter migrate status [--db DSN]       the schema's applied and pending migrations
  spotter import FILE --user NAME [--unit kg|lb] [--db DSN]
                                          import a Strong, Hevy, FitNotes or Liftosaur CSV
                                          export (or a Spotter export) into NAME's log
  spotter export --user NAME [-o FILE] [--db DSN]
                                          write NAME's sets, check-ins and deloads as CSV
  spotter backup [--db DSN] FILE          copy a SQLite database to FILE, also while spotter
                                          runs (never over an existing FILE); for PostgreSQL,
                                          print the pg_dump command to run instead (exit 0)
  spotter health [--url URL]              exit 0 if the local spotter serve is ready (GET
                                          /readyz on 127.0.0.1 at SPOTTER_LISTEN's port,
                                          default 8080, answers 200 within 3 s), 1 with
                                          the reason on stderr if not;
                                          the Docker image's HEALTHCHECK
  spotter version                         the version, commit and Go version of this build
  spotter help [COMMAND]                  this text, or a command's (as spotter COMMAND -h)

The database is SPOTTER_DB or --db: a postgres:// URL, or a SQLite file path
(default $XDG_DATA_HOME/spotter/spotter.db).

Logs go to stderr. SPOTTER_LOG_LEVEL: debug, info, warn or error (default warn for chat,
import and export, info otherwise). SPOTTER_LOG_FORMAT: text (default) or json (one JSON
object a line). Any other value stops spotter with exit code 2.

Telegram (serve): TELEGRAM_BOT_TOKEN; TELEGRAM_API_URL (default https://api.telegram.org);
TELEGRAM_WEBHOOK_URL with TELEGRAM_WEBHOOK_SECRET for webhook mode, long polling otherwise.
TELEGRAM_RATE_LIMIT (--telegram-rate-limit) caps outbound messages: default (Telegram's
limits: 30/s overall, 1/s per private chat after a burst of 3, 20/min per group), N (N/s
overall; the per-chat limits stay) or off (no limit, for a self-hosted Bot API server).
serve listens on SPOTTER_LISTEN (default :8080) in every mode: /healthz, /readyz, /metrics
(Prometheus) and the webhook's path. SIGINT/SIGTERM stop gracefully.

Logs name users by a keyed hash, never by their platform id: SPOTTER_LOG_KEY is the key
(32+ hex digits or 16+ characters), else a random one kept in the database, the same for
every replica.`

// run is the whole program, with its environment passed in so tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := runCommand(ctx, args, getenv, stdin, stdout, stderr)
	var h helpRequested
	if errors.As(err, &h) {
		h.print(stdout)
		return nil
	}
	return err
}

func runCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{usage}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version", "--version":
		if err := parseFlags(flag.NewFlagSet("version", flag.ContinueOnError), rest, stderr); err != nil {
			return err
		}
		fmt.Fprintln(stdout, versionText(debug.ReadBuildInfo()))
		return nil
	case "help", "-h", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return runCommand(ctx, []string{rest[0], "-h"}, getenv, stdin, stdout, stderr)
		}
		fmt.Fprintln(stdout, usage)
		return nil
	}
	// Each command and its log level when SPOTTER_LOG_LEVEL is unset: the
	// terminal commands speak only when something is wrong, the others also
	// say what they do.
	var do func(log *slog.Logger) error
	level := slog.LevelInfo
	switch cmd {
	case "chat":
		level = slog.LevelWarn
		do = func(log *slog.Logger) error { return runChat(ctx, rest, getenv, stdin, stdout, stderr, log) }
	case "serve":
		do = func(log *slog.Logger) error { return runServe(ctx, rest, getenv, stdout, stderr, log) }
	case "migrate":
		do = func(log *slog.Logger) error { return runMigrate(ctx, rest, getenv, stdout, stderr, log) }
	case "import":
		level = slog.LevelWarn
		do = func(log *slog.Logger) error { return runImport(ctx, rest, getenv, stdout, stderr, log) }
	case "export":
		level = slog.LevelWarn
		do = func(log *slog.Logger) error { return runExport(ctx, rest, getenv, stdout, stderr, log) }
	case "backup":
		do = func(*slog.Logger) error { return runBackup(ctx, rest, getenv, stdout, stderr) }
	case "health":
		do = func(*slog.Logger) error { return runHealth(ctx, rest, getenv, stdout, stderr) }
	default:
		return usageError{fmt.Sprintf("unknown command %q\n\n%s", cmd, usage)}
	}
	// One logger for every subcommand, built before anything starts: a bad
	// SPOTTER_LOG_LEVEL or SPOTTER_LOG_FORMAT stops here.
	log, err := newLogger(getenv, stderr, level)
	if err != nil {
		return err
	}
	// storage and River log through the default logger where none is passed.
	slog.SetDefault(log)
	return do(log)
}

// openStore opens the database at dsn (migrating it) and builds the bot on
// it, naming users in the log under the install's key (b.IDs()).
func openStore(ctx context.Context, dsn string, getenv func(string) string, log *slog.Logger) (*storage.Store, *bot.Bot, error) {
	st, err := storage.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	key, err := logKey(ctx, getenv, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, bot.New(st, bot.WithLogger(log), bot.WithIDHasher(bot.NewIDHasher(key))), nil
}

func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("SPOTTER_DB")
	if def == "" {
		def = storage.DefaultPath(getenv)
	}
	return fs.String("db", def, "database: postgres:// URL or SQLite file (env SPOTTER_DB)")
}

func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h is answered by run, on stdout; a mistake below, on stderr
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpRequested{fs}
		}
		helpRequested{fs}.print(stderr)
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func runChat(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	user := fs.String("user", defaultUser(getenv), "who you are in this conversation")
	dsn := dbFlag(fs, getenv)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	st, b, err := openStore(ctx, *dsn, getenv, log)
	if err != nil {
		return err
	}
	defer st.Close()
	dir, _ := os.Getwd()
	c := console.New(b, *user, stdout, dir)
	// Scheduled polls and nudges due while the console runs are printed as they come.
	sch, err := schedule.New(ctx, schedule.Config{DB: st, DSN: *dsn, Bot: b, Notifiers: schedule.Registry{"console": c}, Logger: log, IDs: b.IDs()})
	if err != nil {
		return err
	}
	b.SetScheduler(sch)
	if err := sch.Start(ctx); err != nil {
		return err
	}
	defer stopScheduler(sch, log)
	if f, ok := stdin.(*os.File); ok && isTerminal(f) {
		fmt.Fprintf(stderr, "Spotter console as %q (database %s). Type /help; Ctrl-D quits.\n", *user, *dsn)
	}
	return c.Run(ctx, stdin)
}

// stopScheduler lets a poll being sent finish, for a few seconds at most.
func stopScheduler(sch *schedule.Scheduler, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := sch.Stop(ctx); err != nil {
		log.Warn("stop scheduler", "err", err)
	}
}

func defaultUser(getenv func(string) string) string {
	if u := getenv("USER"); u != "" {
		return u
	}
	return "me"
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	status := len(args) > 0 && args[0] == "status"
	if status {
		args = args[1:]
	}
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dsn := dbFlag(fs, getenv)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if status {
		return printSchemaStatus(ctx, *dsn, stdout)
	}
	st, err := storage.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	// River's tables too: schedule.New brings them up to date (without
	// workers, it only inserts, and nothing is started here).
	sch, err := schedule.New(ctx, schedule.Config{DB: st, DSN: *dsn, Bot: bot.New(st, bot.WithLogger(log)), Logger: log})
	if err != nil {
		return err
	}
	if err := sch.Stop(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Schema up to date (%s): %d tables, and River's job tables.\n", st.Dialect(), len(st.Tables()))
	return nil
}

// printSchemaStatus prints the schema's version and its applied and pending
// migrations, changing nothing (River's tables are not counted).
func printSchemaStatus(ctx context.Context, dsn string, stdout io.Writer) error {
	st, err := storage.Dial(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	switch {
	case s.Legacy:
		fmt.Fprintf(stdout, "Schema (%s): made before numbered migrations; `spotter migrate` records it as version 1.\n", st.Dialect())
	case len(s.Pending) == 0:
		fmt.Fprintf(stdout, "Schema (%s): version %d, up to date.\n", st.Dialect(), s.Version)
	default:
		fmt.Fprintf(stdout, "Schema (%s): version %d, %d pending; `spotter migrate` applies them.\n", st.Dialect(), s.Version, len(s.Pending))
	}
	for _, m := range s.Applied {
		name := m.Name
		if name == "" {
			name = fmt.Sprintf("version %d (from a newer Spotter)", m.Version)
		}
		fmt.Fprintf(stdout, "  applied  %s  %s\n", name, m.AppliedAt.UTC().Format(time.DateTime))
	}
	for _, m := range s.Pending {
		fmt.Fprintf(stdout, "  pending  %s\n", m.Name)
	}
	return nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	return serve(ctx, args, getenv, stderr, log, nil)
}

// serve is `spotter serve`. opened, when not nil, is given the store as soon
// as it is open (a test closes it to see /readyz fail).
func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, log *slog.Logger, opened func(*storage.Store)) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dsn := dbFlag(fs, getenv)
	tg, err := telegramFlags(fs, getenv)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if tg.Token == "" && getenv("DISCORD_BOT_TOKEN") == "" {
		return errors.New("no platform configured: set TELEGRAM_BOT_TOKEN (and/or DISCORD_BOT_TOKEN and DISCORD_APP_ID), or try the bot on this terminal with `spotter chat`")
	}
	// Settings first: a mistake stops serve before anything is bound or opened.
	if err := checkSettings(*tg, getenv); err != nil {
		return err
	}
	// One listener in every mode, up before the database so that the
	// probes answer while migrations run: probes, metrics, the webhook. Its
	// checks and series join as the parts they watch come up.
	web, err := listen(tg.Listen, log)
	if err != nil {
		return err
	}
	defer web.shutdown()
	st, b, err := openStore(ctx, *dsn, getenv, log)
	if err != nil {
		return err
	}
	defer st.Close()
	var inboxes []string
	if tg.Token != "" {
		inboxes = append(inboxes, telegram.Platform)
	}
	if getenv("DISCORD_BOT_TOKEN") != "" {
		inboxes = append(inboxes, discord.Platform)
	}
	if err := web.watchStore(st, inboxes...); err != nil {
		return err
	}
	if opened != nil {
		opened(st)
	}
	platforms := []func(context.Context) error{web.run}
	notifiers := schedule.Registry{}
	var periodic []schedule.Periodic
	dc, err := serveDiscord(getenv, b, st, tg.Replica, log, web.metrics.Platform(discord.Platform))
	if err != nil {
		return err
	}
	if dc != nil {
		web.ready("discord", func(context.Context) error { return dc.Ready() })
		platforms = append(platforms, dc.Run)
		// discordgo only reacts to 429s; scheduled sends keep under Discord's 50 requests/s.
		// The adapter also posts to teams (bot.TeamPoster): the scheduler
		// then runs the daily team posts on the discord queue.
		notifiers[discord.Platform] = schedule.Paced(dc, rate.NewLimiter(40, 40))
	}
	if tg.Token != "" {
		tg.Logger, tg.IDs = log, b.IDs()
		tg.Observer, tg.Mux = web.metrics.Platform(telegram.Platform), web.mux
		ta, err := telegram.New(*tg, b, st)
		if err != nil {
			return err
		}
		if err := web.watchTelegram(ta); err != nil {
			return err
		}
		platforms = append(platforms, ta.Run)
		notifiers[telegram.Platform] = ta
	}
	// Daily polls, deload nudges and team posts: River jobs in the same database.
	// Each poll plans the next; every 6 hours a pass re-plans any user whose
	// chain broke (a failed reschedule, a job discarded after its retries).
	var sch *schedule.Scheduler
	// On one queue, the same on every replica: Telegram's when it runs here.
	for _, platform := range []string{telegram.Platform, discord.Platform} {
		if notifiers[platform] == nil {
			continue
		}
		periodic = append(periodic, schedule.Periodic{Name: "replan-polls", Queue: platform, Every: 6 * time.Hour,
			Run: func(ctx context.Context, _ time.Time) error { _, err := sch.Backfill(ctx); return err }})
		break
	}
	sch, err = schedule.New(ctx, schedule.Config{DB: st, DSN: *dsn, Bot: b, Notifiers: notifiers, Periodic: periodic, Logger: log, IDs: b.IDs(), Observer: web.metrics})
	if err != nil {
		return err
	}
	b.SetScheduler(sch)
	if err := sch.Start(ctx); err != nil {
		return err
	}
	defer stopScheduler(sch, log)
	if err := web.watchScheduler(sch); err != nil {
		return err
	}
	return runAll(ctx, platforms)
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
