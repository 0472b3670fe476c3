package bot_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/console"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts")

// A transcript is a conversation typed into the console, one message per
// line. Lines starting with '@' are directives to the test:
//
//	@now 2026-11-23T08:00:00Z   the clock for the following messages
//	@user bob                   who types the following messages
//	@expect TEXT                the next reply must contain TEXT
//	@first TEXT                 the next reply's first line must start with TEXT
//
// Lines starting with "# " are comments. The output, golden under
// testdata/*.golden, shows each message after "> " and the console's reply.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			for _, f := range files {
				name := strings.TrimSuffix(f, ".txt")
				t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(name), func(t *testing.T) {
					t.Parallel()
					got := runTranscript(t, storagetest.Open(t, b), f)
					golden := name + ".golden"
					if *update && b.Name == "sqlite" {
						if err := os.WriteFile(golden, got, 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run with -update to create it)", err)
					}
					if !bytes.Equal(got, want) {
						t.Errorf("transcript %s differs from %s:\n%s", f, golden, diff(string(want), string(got)))
					}
				})
			}
		})
	}
}

func runTranscript(t *testing.T, st *storage.Store, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(st)
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	user := "alice"
	var out bytes.Buffer
	var expect, first []string
	dir := t.TempDir()
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.TrimSpace(line) == "", strings.HasPrefix(line, "# "):
			continue
		case strings.HasPrefix(line, "@now "):
			now, err = time.Parse(time.RFC3339, strings.TrimPrefix(line, "@now "))
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
			fmt.Fprintf(&out, "(now %s)\n\n", now.Format(time.RFC3339))
			continue
		case strings.HasPrefix(line, "@user "):
			user = strings.TrimPrefix(line, "@user ")
			fmt.Fprintf(&out, "(user %s)\n\n", user)
			continue
		case strings.HasPrefix(line, "@expect "):
			expect = append(expect, strings.TrimPrefix(line, "@expect "))
			continue
		case strings.HasPrefix(line, "@first "):
			first = append(first, strings.TrimPrefix(line, "@first "))
			continue
		}
		var reply bytes.Buffer
		c := console.New(b, user, &reply, dir)
		at := now
		c.SetClock(func() time.Time { return at })
		if err := c.Run(context.Background(), strings.NewReader(line+"\n")); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		r := reply.String()
		for _, e := range expect {
			if !strings.Contains(r, e) {
				t.Errorf("%s:%d: %q\n got reply:\n%s\nwant it to contain %q", path, i+1, line, r, e)
			}
		}
		for _, f := range first {
			if !strings.HasPrefix(r, f) {
				t.Errorf("%s:%d: %q\n got reply:\n%s\nwant it to start with %q", path, i+1, line, r, f)
			}
		}
		expect, first = nil, nil
		fmt.Fprintf(&out, "> %s\n%s", line, r)
		now = now.Add(time.Minute)
	}
	return out.Bytes()
}

// diff shows the first differing lines of two texts.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, a, b)
		}
	}
	return "(same lines, different bytes)"
}
