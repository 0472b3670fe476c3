package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/engine/enginetest"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// longHistory is a lifter who imported years of Strong logs: the store, a
// bot on it, who they are, and the morning after their last session.
type longHistory struct {
	st  *storage.Store
	bot *bot.Bot
	id  bot.Identity
	log enginetest.Log
	at  time.Time
}

// importLongHistory imports a generated history's Strong export through
// /import, as the lifter would.
func importLongHistory(t testing.TB, st *storage.Store, years int) longHistory {
	t.Helper()
	log := enginetest.Generate(enginetest.Config{Seed: 1, Years: years})
	return importLog(t, st, log, enginetest.StrongCSV(log))
}

// importLog imports csv, the Strong export of log, and sets the clock to
// the morning after its last session.
func importLog(t testing.TB, st *storage.Store, log enginetest.Log, csv []byte) longHistory {
	t.Helper()
	h := longHistory{st: st, bot: bot.New(st, bot.WithLogger(slog.New(slog.DiscardHandler))),
		id: bot.Identity{Platform: "console", UserID: "longhist"}, log: log,
		at: log.Last.AddDays(1).Time().Add(8 * time.Hour)}
	r := h.send(t, "/import kg", bot.Attachment{Name: "strong.csv", Data: csv})
	if want := fmt.Sprintf("%d sets", len(log.Sets)); !strings.Contains(r, want) {
		t.Fatalf("/import replied:\n%s\nwant it to report %s", r, want)
	}
	return h
}

func (h longHistory) send(t testing.TB, text string, att ...bot.Attachment) string {
	t.Helper()
	r, err := h.bot.Handle(context.Background(), bot.Message{Identity: h.id, Text: text, ReceivedAt: h.at, Attachments: att})
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return r.Text
}

// TestLongHistory imports five years of a lifter's Strong logs and asks for
// advice. A coach reading the answer would expect a verdict for each lift of
// the last four weeks, each with its numbers, an e1RM that is never zero,
// and a mix of verdicts: a lifter training normally is not due a deload on
// everything at once.
func TestLongHistory(t *testing.T) {
	for _, b := range storagetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			h := importLongHistory(t, storagetest.Open(t, b), longHistoryYears)
			before := storagetest.Snapshot(t, h.st)
			advice := h.send(t, "/advice")
			details := map[string]string{}
			for _, line := range strings.Split(advice, "\n") {
				if m := verdictHead.FindStringSubmatch(line); m != nil {
					details[m[2]] = h.send(t, "/advice "+m[2])
				}
			}
			for _, cmd := range []string{"/advice dumbbell lateral raise", "/plan", "/history", "/history deadlift 5"} {
				h.send(t, cmd)
			}
			t.Run("advice is a read", func(t *testing.T) {
				if d := storagetest.Diff(before, storagetest.Snapshot(t, h.st), 20); d != "" {
					t.Errorf("/advice, /plan and /history changed the database:\n%s", d)
				}
				if again := h.send(t, "/advice"); again != advice {
					t.Errorf("asked twice, /advice answered differently:\n%s\n---\n%s", advice, again)
				}
			})
			t.Run("verdicts", func(t *testing.T) {
				checkVerdicts(t, h.log, advice, details)
			})
		})
	}
}

var (
	verdictHead = regexp.MustCompile(`^(PUSH|HOLD|DELOAD) (.+?)(:|$)`)
	// zeroE1RM is "e1RM 0" or a load of 0.0 kg or lb: never a real e1RM.
	zeroE1RM = regexp.MustCompile(`e1RM 0(\.0+)?([^0-9.]|$)|(^|[^0-9.])0\.0+ (kg|lb)`)
)

// checkVerdicts checks an /advice reply over a long log: the summary, one
// line per lift, fits one message; each lift's /advice LIFT is a verdict
// with its numbers.
func checkVerdicts(t *testing.T, log enginetest.Log, advice string, details map[string]string) {
	t.Helper()
	if n := len(advice); n > 4096 {
		t.Errorf("/advice is %d bytes, want one message of at most 4096", n)
	}
	today := log.Last.AddDays(1)
	want := map[string]bool{}
	for _, s := range log.Sets {
		if s.Date >= today.AddDays(-27) && s.Kind != engine.Warmup {
			want[s.Lift] = true
		}
	}
	kinds := map[string]int{}
	lines := 0
	for _, line := range strings.Split(advice, "\n") {
		m := verdictHead.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		lines++
		kinds[m[1]]++
		if !want[m[2]] {
			t.Errorf("a verdict for %q, not trained in the last 28 days", m[2])
		}
		delete(want, m[2])
		if !strings.ContainsAny(line, "0123456789") {
			t.Errorf("the line for %s has no number: %s", m[2], line)
		}
		d := details[m[2]]
		if !strings.HasPrefix(d, m[1]+" "+m[2]) {
			t.Errorf("/advice %s does not start with its verdict %s:\n%s", m[2], m[1], d)
		}
		if z := zeroE1RM.FindString(d); z != "" {
			t.Errorf("/advice %s shows %q, an e1RM of zero:\n%s", m[2], strings.TrimSpace(z), d)
		}
		if ev := strings.Count(d, "\n- "); ev == 0 || !strings.ContainsAny(d, "0123456789") {
			t.Errorf("/advice %s shows no evidence with numbers:\n%s", m[2], d)
		}
	}
	if z := zeroE1RM.FindString(advice); z != "" {
		t.Errorf("the advice shows %q, an e1RM of zero", strings.TrimSpace(z))
	}
	for lift := range want {
		t.Errorf("no verdict for %s, trained in the last 28 days", lift)
	}
	if kinds["DELOAD"]*2 > lines || len(kinds) < 2 {
		t.Errorf("verdicts %v over %d lifts: want at most half DELOAD and at least two kinds of verdict", kinds, lines)
	}
	if t.Failed() {
		t.Logf("the advice:\n%s", advice)
	}
}

// BenchmarkLongHistory is the five-year history through the real bot and
// storage: /import of its Strong export into an empty database (about
// 18,000 sets), and /advice for every lift once it is in.
func BenchmarkLongHistory(b *testing.B) {
	log := enginetest.Generate(enginetest.Config{Seed: 1})
	csv := enginetest.StrongCSV(log)
	for _, be := range storagetest.Backends(b) {
		b.Run(be.Name+"/import", func(b *testing.B) {
			b.ReportMetric(float64(len(csv))/(1<<20), "MB")
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := storagetest.Open(b, be)
				b.StartTimer()
				importLog(b, st, log, csv)
			}
		})
		b.Run(be.Name+"/advice", func(b *testing.B) {
			h := importLog(b, storagetest.Open(b, be), log, csv)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if r := h.send(b, "/advice"); !strings.Contains(r, " squat") {
					b.Fatalf("/advice replied %q", r)
				}
			}
		})
		// /log over five years of the lift: its window and its bests per
		// load (for records) in one read.
		b.Run(be.Name+"/log", func(b *testing.B) {
			h := importLog(b, storagetest.Open(b, be), log, csv)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if r := h.send(b, "/log squat 100x5 rir2"); !strings.HasPrefix(r, "Logged squat") {
					b.Fatalf("/log replied %q", r)
				}
			}
		})
	}
}
