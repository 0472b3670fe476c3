package obs

import (
	"slices"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// Loops keeps which long-running loops of the process run: each loop says
// when it starts and when it stops. A loop that stopped while the process
// lives (its goroutine returned or died) makes /healthz fail with its name;
// spotter_loop_running shows the same as a gauge.
type Loops struct {
	mu      sync.Mutex
	running map[string]int // instances of each name started and not stopped
	gauge   *prometheus.GaugeVec
}

func newLoops() *Loops {
	return &Loops{
		running: map[string]int{},
		gauge: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "spotter_loop_running",
			Help: "1 while a long-running loop (telegram-intake, discord, scheduler, ...) runs, 0 once it stopped.",
		}, []string{"loop"}),
	}
}

// Start marks loop name as running and returns the func that marks it
// stopped (idempotent). Several instances of one name run and stop each on
// their own: the name is stopped when none runs.
func (l *Loops) Start(name string) (stopped func()) {
	l.mu.Lock()
	l.running[name]++
	l.gauge.WithLabelValues(name).Set(1)
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.running[name]--; l.running[name] == 0 {
				l.gauge.WithLabelValues(name).Set(0)
			}
		})
	}
}

// Stopped lists the loops that started and no longer run, sorted; nil
// when every loop started runs.
func (l *Loops) Stopped() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for name, n := range l.running {
		if n == 0 {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
