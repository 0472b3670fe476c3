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
	"syscall"
	"time"

	_ "time/tzdata" // time zones work on minimal images without a tz database

	"github.com/spotterbot/spotter/adapters/console"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/schedule"
	"github.com/spotterbot/spotter/storage"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "spotter:", err)
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usage = `Spotter: a chat bot that coaches strength athletes.

Usage:
  spotter chat [--user NAME] [--db DSN]   talk to the bot on this terminal (no token needed)
  spotter serve [--db DSN]                run the configured platforms (Telegram, Discord)
  spotter migrate [--db DSN]              create or upgrade the database schema
  spotter help                            this text

The database is SPOTTER_DB or --db: a postgres:// URL, or a SQLite file path
(default $XDG_DATA_HOME/spotter/spotter.db). SPOTTER_LOG_LEVEL sets the log level
(debug, info, warn, error; default warn for chat, info otherwise).`

// run is the whole program, with its environment passed in so tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{usage}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "chat":
		return runChat(ctx, rest, getenv, stdin, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, getenv, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q\n\n%s", cmd, usage)}
}

func newLogger(getenv func(string) string, w io.Writer, def slog.Level) *slog.Logger {
	lvl := def
	if v := getenv("SPOTTER_LOG_LEVEL"); v != "" {
		_ = lvl.UnmarshalText([]byte(v))
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lvl}))
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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func runChat(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	user := fs.String("user", defaultUser(getenv), "who you are in this conversation")
	dsn := dbFlag(fs, getenv)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	log := newLogger(getenv, stderr, slog.LevelWarn)
	slog.SetDefault(log)
	st, err := storage.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	b := bot.New(st, bot.WithLogger(log))
	dir, _ := os.Getwd()
	c := console.New(b, *user, stdout, dir)
	// Scheduled polls and nudges due while the console runs are printed as they come.
	sch, err := schedule.New(ctx, schedule.Config{DB: st, DSN: *dsn, Bot: b, Notifiers: schedule.Registry{"console": c}, Logger: log})
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
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
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

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dsn := dbFlag(fs, getenv)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	st, err := storage.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "Schema up to date (%s): %d tables.\n", st.Dialect(), len(st.Tables()))
	return nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	_ = dbFlag(fs, getenv)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if getenv("TELEGRAM_BOT_TOKEN") == "" && getenv("DISCORD_BOT_TOKEN") == "" {
		return errors.New("no platform configured: set TELEGRAM_BOT_TOKEN (and/or DISCORD_BOT_TOKEN and DISCORD_APP_ID), or try the bot on this terminal with `spotter chat`")
	}
	return errors.New("serve: platform adapters are not built yet")
}
