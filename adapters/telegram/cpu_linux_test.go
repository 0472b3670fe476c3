package telegram_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuMeter measures the CPU time this process and the PostgreSQL backends
// serving one database spend, so a benchmark can report CPU per update: on
// a shared or small host that says more than updates/s, which other tenants
// move.
type cpuMeter struct {
	db       *sql.DB // nil: no PostgreSQL to measure
	go0, pg0 time.Duration
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is user+system time of a process from /proc/pid/stat (clock ticks of 10 ms).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndex(s, ")")+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return time.Duration(u+st) * 10 * time.Millisecond
}

// pgCPU sums the CPU of the backends connected to db's database (those of
// the store under test; the meter's own connection excluded).
func (m *cpuMeter) pgCPU() time.Duration {
	if m.db == nil {
		return 0
	}
	rows, err := m.db.QueryContext(context.Background(),
		"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
	if err != nil {
		return 0
	}
	defer rows.Close()
	var d time.Duration
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			d += procCPU(pid)
		}
	}
	return d
}

func (m *cpuMeter) start() { m.go0, m.pg0 = selfCPU(), m.pgCPU() }

// stop returns the CPU since start: this process's, and the backends'.
// Backends that closed in between are not counted (the pools keep theirs).
func (m *cpuMeter) stop() (goCPU, pgCPU time.Duration) {
	return selfCPU() - m.go0, m.pgCPU() - m.pg0
}
