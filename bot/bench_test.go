package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// seedHistory stores weeks of training for one user: squat, bench, deadlift
// and row three days a week, five sets each, and a daily check-in.
func seedHistory(b *testing.B, st *storage.Store, id bot.Identity, today engine.Date, weeks int) {
	b.Helper()
	err := st.Do(context.Background(), func(tx bot.Tx) error {
		u, err := tx.UserFor(id, bot.User{Units: engine.Kg, Level: engine.Intermediate, TZ: "UTC", Increment: engine.NewLoad(2.5, engine.Kg), DeloadEvery: 12})
		if err != nil {
			return err
		}
		for d := today.AddDays(-7 * weeks); d < today; d++ {
			if err := tx.PutCheckin(u.ID, engine.Checkin{Date: d, Sleep: engine.SleepGood, RHR: 52 + int(d%3)}); err != nil {
				return err
			}
			if d.Weekday()%2 == 0 {
				continue
			}
			var sets []engine.Set
			for i, lift := range []string{"squat", "bench", "deadlift", "row"} {
				load := engine.NewLoad(float64(60+20*i)+2.5*float64(int(d)%8), engine.Kg)
				for k := 0; k < 5; k++ {
					sets = append(sets, engine.Set{Lift: lift, Date: d, Seq: k, Load: load, Reps: 5, RIR: 2, HasRIR: true})
				}
			}
			eid, err := tx.AddEntry(bot.Entry{UserID: u.ID, Kind: bot.EntrySets, Date: d})
			if err != nil {
				return err
			}
			if err := tx.AddSets(u.ID, eid, sets); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAdviceThroughStorage is /advice squat end to end (storage, engine,
// rendering) after 12 weeks and after 5 years of logs. The window the engine
// reads is bounded, so the two should cost about the same.
func BenchmarkAdviceThroughStorage(b *testing.B) {
	today := engine.NewDate(2026, 11, 23)
	for _, be := range storagetest.Backends(b) {
		for _, weeks := range []int{12, 260} {
			b.Run(fmt.Sprintf("%s/%dweeks", be.Name, weeks), func(b *testing.B) {
				st := storagetest.Open(b, be)
				id := bot.Identity{Platform: "console", UserID: "bench"}
				seedHistory(b, st, id, today, weeks)
				bt := bot.New(st, bot.WithLogger(slog.New(slog.DiscardHandler)))
				at := today.Time().Add(18 * time.Hour)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					r, err := bt.Handle(context.Background(), bot.Message{Identity: id, Text: "/advice squat", ReceivedAt: at})
					if err != nil || !strings.Contains(r.Text, " squat") {
						b.Fatalf("advice: %v %q", err, r.Text)
					}
				}
			})
		}
	}
}

// BenchmarkLog is one /log through bot.Handle and storage, each with a new
// message id, the path every logged set takes.
func BenchmarkLog(b *testing.B) {
	for _, be := range storagetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			st := storagetest.Open(b, be)
			bt := bot.New(st, bot.WithLogger(slog.New(slog.DiscardHandler)))
			at := time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				id := bot.Identity{Platform: "telegram", UserID: fmt.Sprint(i % 50)}
				r, err := bt.Handle(context.Background(), bot.Message{Identity: id, Text: fmt.Sprintf("/log squat %dx5 rir2", 60+i%80), ReceivedAt: at, Ref: fmt.Sprint(i)})
				if err != nil || !strings.HasPrefix(r.Text, "Logged squat") {
					b.Fatalf("log: %v %q", err, r.Text)
				}
			}
		})
	}
}

// BenchmarkLogBatch is /log through bot.HandleBatch, 25 users' messages per
// batch (the Telegram adapter's path), each a session a day later; ns/op is
// per message.
func BenchmarkLogBatch(b *testing.B) {
	const size = 25
	for _, be := range storagetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			st := storagetest.Open(b, be)
			bt := bot.New(st, bot.WithLogger(slog.New(slog.DiscardHandler)))
			at := time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
			batch := make([]bot.Message, size)
			b.ResetTimer()
			for i := 0; i < b.N; i += size {
				for k := range batch {
					n := i + k
					batch[k] = bot.Message{Identity: bot.Identity{Platform: "telegram", UserID: fmt.Sprint(k)}, ChatID: fmt.Sprint(k),
						Text: fmt.Sprintf("/log squat %dx5 rir2", 60+n%80), ReceivedAt: at.AddDate(0, 0, i/size), Ref: fmt.Sprint(n)}
				}
				replies, errs := bt.HandleBatch(context.Background(), batch)
				for k := range batch {
					if errs[k] != nil || !strings.HasPrefix(replies[k].Text, "Logged squat") {
						b.Fatalf("log: %v %q", errs[k], replies[k].Text)
					}
				}
			}
		})
	}
}
