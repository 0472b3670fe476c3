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
)

const importUsage = "usage: spotter import FILE --user NAME [--unit kg|lb] [--db DSN]\n       spotter import --undo-last --user NAME [--db DSN]"

// runImport is spotter import: a CSV file read into a console user's log,
// as /import does in chat, with progress on stderr; --undo-last takes the
// latest import back.
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
