package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spotterbot/spotter/bot"
)

const exportUsage = "usage: spotter export --user NAME [-o FILE] [--db DSN]"

// runExport is spotter export: a console user's whole log as the CSV
// /export sends in chat.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	user := fs.String("user", "", "whose log to export (the console user of spotter chat); required")
	out := fs.String("o", "", "write the CSV to this file (default: standard output)")
	dsn := dbFlag(fs, getenv)
	rest, err := parseInterleaved(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q; %s", rest[0], exportUsage)}
	}
	if *user == "" {
		return usageError{"spotter export needs --user NAME: whose log to export (the NAME of spotter chat --user NAME).\n" + exportUsage}
	}
	b, st, err := openBot(ctx, *dsn, getenv, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := mustHaveUser(ctx, st, *user); err != nil {
		return err
	}
	reply, err := b.Handle(ctx, bot.Message{Identity: consoleIdentity(*user), ChatID: *user, Text: "/export", CommandLine: true, ReceivedAt: time.Now()})
	if err != nil {
		fmt.Fprintln(stderr, reply.Text)
		return err
	}
	if reply.File == nil {
		fmt.Fprintln(stderr, reply.Text)
		return nil
	}
	if *out == "" {
		_, err := stdout.Write(reply.File.Data)
		fmt.Fprintln(stderr, reply.Text)
		return err
	}
	if err := os.WriteFile(*out, reply.File.Data, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nWritten to %s.\n", reply.Text, *out)
	return nil
}
