package telegram_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/telegram"
	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// BenchmarkAdapterOverhead splits the adapter's cost from the bot's: the same
// burst as BenchmarkThroughput through the adapter with an echo handler (no
// bot, no database work per message), once with the real inbox on the
// benchmark's database and once with an in-memory inbox, beside the echo bot.
//
//	SPOTTER_TEST_POSTGRES=postgres://... go test -run '^$' -bench AdapterOverhead -benchtime 1x ./adapters/telegram/
func BenchmarkAdapterOverhead(b *testing.B) {
	const burstUsers, burstPer = 200, 10
	be := storagetest.SQLite
	if os.Getenv("SPOTTER_TEST_POSTGRES") != "" {
		be = storagetest.Postgres
	}
	logText := func(i int) string { return "/log squat 100x5 rir2" }
	var echo, dbInbox, memInbox result
	for range b.N {
		echo = runEcho(b, users(burstUsers), burstUsers*burstPer, 0, logText)
		dsn := storagetest.FreshDSN(b, be)
		st, err := storage.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		srv := telegramtest.New(token)
		dbInbox = runAdapter(b, srv, pgMeter(b, dsn), echoHandler{}, st, telegram.Unlimited(), users(burstUsers), burstUsers*burstPer, 0, logText)
		srv.Close()
		st.Close()
		srv = telegramtest.New(token)
		memInbox = runAdapter(b, srv, &cpuMeter{}, echoHandler{}, &memoryInbox{}, telegram.Unlimited(), users(burstUsers), burstUsers*burstPer, 0, logText)
		srv.Close()
	}
	b.Logf("echo bot:                        %s", echo)
	b.Logf("adapter, echo handler, %s inbox: %s", be.Name, dbInbox)
	b.Logf("adapter, echo handler, memory inbox: %s", memInbox)
	b.ReportMetric(echo.rate(), "echo_upd/s")
	b.ReportMetric(dbInbox.rate(), "adapter_db_upd/s")
	b.ReportMetric(memInbox.rate(), "adapter_mem_upd/s")
	b.ReportMetric(0, "ns/op")
}

type echoHandler struct{}

func (echoHandler) Handle(_ context.Context, m bot.Message) (bot.Reply, error) {
	return bot.Reply{Text: m.Text}, nil
}

func (echoHandler) CommandMenu() [][2]string { return [][2]string{{"log", "log sets"}} }

// memoryInbox keeps updates in memory: no durability, for measuring only.
type memoryInbox struct {
	mu   sync.Mutex
	seen map[int64]bool
}

func (m *memoryInbox) RecordUpdates(_ context.Context, ups []inbox.Event) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[int64]bool{}
	}
	var fresh []int64
	for _, u := range ups {
		if !m.seen[u.ID] {
			m.seen[u.ID] = true
			fresh = append(fresh, u.ID)
		}
	}
	return fresh, nil
}

func (m *memoryInbox) ClaimPending(context.Context, string, string, bool, int64, int, time.Duration) ([]inbox.Event, error) {
	return nil, nil
}

func (m *memoryInbox) RenewLeases(context.Context, string, string, time.Duration) error { return nil }

func (m *memoryInbox) MarkUpdatesDone(context.Context, string, []int64) error { return nil }

func (m *memoryInbox) PruneUpdates(context.Context, string, time.Time) (int64, error) { return 0, nil }

func (m *memoryInbox) KeepUpdate(context.Context, string, int64, string) error { return nil }

func (m *memoryInbox) KeptUpdates(context.Context, string, []string, time.Time) ([]inbox.Kept, error) {
	return nil, nil
}

func (m *memoryInbox) HasKeptUpdates(context.Context, string, time.Time) (bool, error) {
	return false, nil
}
