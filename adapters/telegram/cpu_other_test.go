//go:build !linux

package telegram_test

import (
	"database/sql"
	"time"
)

// cpuMeter measures nothing off Linux (it reads /proc).
type cpuMeter struct{ db *sql.DB }

func (m *cpuMeter) start()                             {}
func (m *cpuMeter) stop() (goCPU, pgCPU time.Duration) { return 0, 0 }
