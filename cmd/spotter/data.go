package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/storage"
)

// parseInterleaved parses flags that may come before or after the
// positional arguments ("import FILE --user ann" as well as
// "import --user ann FILE"); the standard flag package stops at the first
// positional one.
func parseInterleaved(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h is answered by run, on stdout; a mistake below, on stderr
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpRequested{fs}
			}
			helpRequested{fs}.print(stderr)
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// openBot opens the database and a bot on it for one command-line user.
func openBot(ctx context.Context, dsn string, getenv func(string) string, log *slog.Logger) (*bot.Bot, *storage.Store, error) {
	st, b, err := openStore(ctx, dsn, getenv, log)
	if err != nil {
		return nil, nil, err
	}
	return b, st, nil
}

// mustHaveUser returns "no user NAME" unless the console user NAME has an
// account. It creates none: any message to the bot would, and an export or
// an undo for a mistyped name should say so rather than make one.
func mustHaveUser(ctx context.Context, st *storage.Store, user string) error {
	found := false
	err := st.Do(ctx, func(tx bot.Tx) error {
		us, err := tx.UsersOf([]bot.Identity{consoleIdentity(user)})
		found = err == nil && len(us) == 1 && us[0].ID != 0
		return err
	})
	if err != nil {
		return fmt.Errorf("look up user %s: %w", user, err)
	}
	if !found {
		return fmt.Errorf("no user %s (NAME is who you chat as: spotter chat --user NAME)", user)
	}
	return nil
}

// consoleIdentity is the identity `spotter chat --user NAME` uses
// (adapters/console), so the command line and the console chat share one
// account.
func consoleIdentity(user string) bot.Identity {
	return bot.Identity{Platform: "console", UserID: user, Name: user}
}

const (
	importUsage = "usage: spotter import FILE --user NAME [--unit kg|lb] [--db DSN]\n       spotter import --undo-last --user NAME [--db DSN]"
	exportUsage = "usage: spotter export --user NAME [-o FILE] [--db DSN]"
)

func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	user := fs.String("user", "", "whose log to import into (the console user of spotter chat); required")
	undoLast := fs.Bool("undo-last", false, "remove NAME's latest import (one read in the wrong unit, say) instead of importing")
	unit := fs.String("unit", "", "kg or lb: the unit of a file that does not say (Strong's classic export); default the user's unit")
	dsn := dbFlag(fs, getenv)
	files, err := parseInterleaved(fs, args, stderr)
	if err != nil {
		return err
	}
	if *undoLast && (len(files) != 0 || *unit != "") {
		return usageError{"--undo-last takes no FILE and no --unit.\n" + importUsage}
	}
	if !*undoLast && len(files) != 1 {
		return usageError{importUsage}
	}
	// No default user: importing into $USER's or "me"'s log by accident
	// would put a whole history where nobody looks for it.
	if *user == "" {
		return usageError{"spotter import needs --user NAME: whose log to import into (the NAME of spotter chat --user NAME).\n" + importUsage}
	}
	if *undoLast {
		return undoLastImport(ctx, *dsn, *user, getenv, stdout, log)
	}
	if *unit != "" && *unit != "kg" && *unit != "lb" && *unit != "lbs" {
		return usageError{fmt.Sprintf("--unit %q: want kg or lb", *unit)}
	}
	fi, err := os.Stat(files[0])
	if err != nil {
		return err
	}
	if fi.Size() > workoutcsv.MaxBytes {
		return fmt.Errorf("%s is %.1f MB; spotter imports files up to %d MB: export a shorter period or split the file",
			files[0], float64(fi.Size())/(1<<20), workoutcsv.MaxBytes>>20)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	b, st, err := openBot(ctx, *dsn, getenv, log)
	if err != nil {
		return err
	}
	defer st.Close()
	p := &progressLine{w: stderr}
	text := "/import"
	if *unit != "" {
		text += " " + *unit
	}
	reply, err := b.Handle(bot.WithProgress(ctx, p.report), bot.Message{
		Identity: consoleIdentity(*user), ChatID: *user, Text: text, CommandLine: true, ReceivedAt: time.Now(),
		Attachments: []bot.Attachment{{Name: filepath.Base(files[0]), Data: data}},
	})
	p.end()
	fmt.Fprintln(stdout, reply.Text)
	if err != nil {
		return err
	}
	if hasUndo(reply) {
		// The Undo import button of a chat has no counterpart on a terminal.
		fmt.Fprintf(stdout, "To undo this import: spotter import --undo-last --user %s\n", *user)
	}
	if !p.done {
		return errors.New("nothing was imported")
	}
	return nil
}

func hasUndo(r bot.Reply) bool {
	for _, row := range r.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "/undo ") {
				return true
			}
		}
	}
	return false
}

// undoLastImport removes the user's latest import through the bot, as
// "/import undo" does in chat.
func undoLastImport(ctx context.Context, dsn, user string, getenv func(string) string, stdout io.Writer, log *slog.Logger) error {
	b, st, err := openBot(ctx, dsn, getenv, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := mustHaveUser(ctx, st, user); err != nil {
		return err
	}
	reply, err := b.Handle(ctx, bot.Message{Identity: consoleIdentity(user), ChatID: user, Text: "/import undo", CommandLine: true, ReceivedAt: time.Now()})
	fmt.Fprintln(stdout, reply.Text)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(reply.Text, "Removed ") {
		return errors.New("nothing was undone")
	}
	return nil
}

// progressLine keeps one line on stderr up to date while a big file is
// read and stored; small files print nothing.
type progressLine struct {
	w     io.Writer
	shown bool
	done  bool
	last  time.Time
}

// bigImport is the size from which progress is worth a line.
const bigImport = 2000

func (p *progressLine) report(stage string, done, total int) {
	switch stage {
	case "done":
		p.done = true
		return
	case "read":
		if done < bigImport {
			return
		}
		p.print(fmt.Sprintf("import: read %d rows", done), false)
	case "store":
		if total < bigImport {
			return
		}
		p.print(fmt.Sprintf("import: stored %d of %d sets (%d%%)", done, total, done*100/max(total, 1)), done == total)
	}
}

func (p *progressLine) print(s string, force bool) {
	now := time.Now()
	if !force && p.shown && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\r%-60s", s)
}

func (p *progressLine) end() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}

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
