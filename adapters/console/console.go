// Package console runs the bot on standard input and output: one message per
// line in, each reply followed by a blank line out. It is the same bot as on
// Telegram and Discord; buttons are listed as [Label] and can be typed.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// Handler is the bot as the console needs it.
type Handler interface {
	Handle(ctx context.Context, m bot.Message) (bot.Reply, error)
}

// Console is one user's conversation on a terminal.
type Console struct {
	h      Handler
	user   string
	out    io.Writer
	mu     sync.Mutex // one reply or nudge printed at a time
	now    func() time.Time
	files  string // folder for images and files the bot sends
	logger *slog.Logger
}

// New returns a console for user writing to out. Files the bot sends (charts,
// exports) are saved in dir.
func New(h Handler, user string, out io.Writer, dir string) *Console {
	return &Console{h: h, user: user, out: out, now: time.Now, files: dir, logger: slog.Default()}
}

// SetClock sets the clock that stamps each message (tests replay dated conversations).
func (c *Console) SetClock(now func() time.Time) { c.now = now }

// Identity is the console user's identity.
func (c *Console) Identity() bot.Identity {
	return bot.Identity{Platform: "console", UserID: c.user, Name: c.user}
}

// Run reads lines until in ends or ctx is cancelled.
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		m := bot.Message{Identity: c.Identity(), ChatID: c.user, Text: line, FilesByPath: true, CommandLine: true, ReceivedAt: c.now()}
		if att, text, err := attachment(line); err != nil {
			c.print(bot.Reply{Text: err.Error()})
			continue
		} else if att != nil {
			m.Text, m.Attachments = text, []bot.Attachment{*att}
		}
		reply, err := c.h.Handle(ctx, m)
		if err != nil {
			c.logger.Error("console message", "err", err)
		}
		c.print(reply)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	return nil
}

// reImport matches "/import [kg|lb] PATH": the unit word, when given, goes
// to the bot with the command; the rest of the line is the file's path
// (paths may hold spaces).
var reImport = regexp.MustCompile(`(?i)^(/import)(?:@\S+)?(?:\s+(kg|lbs?))?\s+(\S.*)$`)

// reNotPath is an argument of /import that is not a file: a unit alone, or undo.
var reNotPath = regexp.MustCompile(`(?i)^(kg|lbs?|undo)$`)

// importPathExample is what a console user types to import a file.
const importPathExample = "/import ~/Downloads/strong.csv (or /import lb ~/Downloads/strong.csv for a file in pounds that does not say its unit)"

// attachment reads "/import [kg|lb] PATH" as an import with the file
// attached; it returns the text for the bot ("/import" or "/import lb").
// A bare "/import" or "/import lb" goes to the bot as typed, which asks for
// the file.
func attachment(line string) (*bot.Attachment, string, error) {
	m := reImport.FindStringSubmatch(line)
	if m == nil {
		return nil, line, nil
	}
	text, path := m[1], strings.TrimSpace(m[3])
	if m[2] == "" && reNotPath.MatchString(path) {
		return nil, line, nil // "/import lb" without a file (the bot asks for one), or "/import undo"
	}
	if m[2] != "" {
		text += " " + strings.ToLower(m[2])
	}
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[1:])
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		why := "it could not be read"
		var pe *os.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			why = "there is no such file"
		case errors.Is(err, fs.ErrPermission):
			why = "permission denied"
		case errors.As(err, &pe) && errors.Is(pe.Err, syscall.EISDIR):
			why = "it is a folder, not a file"
		}
		return nil, "", fmt.Errorf("I could not read %s: %s. Give the path of the CSV export.\nExample: %s", path, why, importPathExample)
	}
	return &bot.Attachment{Name: filepath.Base(path), Data: data}, text, nil
}

// Notify prints a message the bot sends on its own (a scheduled poll or
// nudge) as it comes, between replies. It implements bot.Notifier; a message
// for anyone but this console's user cannot be shown here and is refused
// with bot.ErrUnreachable.
func (c *Console) Notify(ctx context.Context, to bot.Identity, r bot.Reply) error {
	if to.Platform != "console" || to.UserID != c.user {
		return fmt.Errorf("console of %q, message for another user: %w", c.user, bot.ErrUnreachable)
	}
	c.print(r)
	return nil
}

var _ bot.Notifier = (*Console)(nil)

func (c *Console) print(r bot.Reply) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	b.WriteString(r.Text)
	for _, row := range r.Buttons {
		b.WriteString("\n")
		for i, btn := range row {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "[%s]", btn.Label)
		}
	}
	if r.Image != nil {
		b.WriteString("\n" + c.save(r.ImageFileName(), r.Image))
	}
	if r.File != nil {
		b.WriteString("\n" + c.save(r.File.Name, r.File.Data))
	}
	b.WriteString("\n\n")
	io.WriteString(c.out, b.String())
}

// save writes a file the bot sent into the console's folder and says
// where. A file already there is never replaced: the name gets -2, -3, ...
// before its extension ("chart-squat-2026-12-04-2.png").
func (c *Console) save(name string, data []byte) string {
	name = filepath.Base(name)
	if name == "." || name == ".." || name == string(filepath.Separator) {
		name = "file"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; ; n++ {
		path := filepath.Join(c.files, name)
		if n > 1 {
			path = filepath.Join(c.files, fmt.Sprintf("%s-%d%s", stem, n, ext))
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && n < maxSuffix {
			continue
		}
		if err != nil {
			return fmt.Sprintf("(could not save %s: %v)", path, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			if rerr := os.Remove(path); rerr != nil { // a partial file is worse than none
				c.logger.Warn("remove partial file", "path", path, "err", rerr)
			}
			return fmt.Sprintf("(could not save %s: %v)", path, err)
		}
		return "Saved " + path
	}
}

// maxSuffix bounds the search for a free name (a folder full of
// chart-squat-2026-12-04-N.png is not worth scanning further).
const maxSuffix = 1000
