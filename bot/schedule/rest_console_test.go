package schedule

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/console"
)

// On the console (spotter chat runs a scheduler delivering to it), "Rest
// over" is printed after the replies once the time has come, and only once.
func TestRestOverOnTheConsole(t *testing.T) {
	for _, backend := range backends(t) {
		t.Run(backend, func(t *testing.T) {
			e := mustEnv(t, backend, restStart)
			out := &syncBuffer{}
			c := console.New(e.bot, "alice", out, t.TempDir())
			c.SetClock(e.clock.Now)
			e.stop(e.sched)
			e.sched = e.start("console", c)
			e.bot.SetScheduler(e.sched)
			if err := c.Run(context.Background(), strings.NewReader("/rest 2:30\n")); err != nil {
				t.Fatal(err)
			}
			e.advance(restStart.Add(2 * time.Minute))
			if strings.Contains(out.String(), "Rest over") {
				t.Fatalf("printed early:\n%s", out)
			}
			e.advance(restStart.Add(150 * time.Second))
			e.advance(restStart.Add(10 * time.Minute))
			want := "Rest timer: 2:30, over at 18:02:30. /rest shows it, /rest off stops it.\n\nRest over (2:30).\n\n"
			if got := out.String(); got != want {
				t.Errorf("console printed:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
