package engine_test

import (
	"testing"

	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/engine/enginetest"
)

// The window bot loads for /advice (bot/log.go): 12 weeks of sets, 35 days
// of check-ins.
const (
	windowWeeks  = 12
	checkinsDays = 35
)

// BenchmarkAdviseAll5y is /advice for every lift on the last day of a
// generated five-year log, over the window the bot hands the engine: the
// cost of the engine alone, storage and rendering aside.
func BenchmarkAdviseAll5y(b *testing.B) {
	log := enginetest.Generate(enginetest.Config{Seed: 1})
	today := log.Last
	h := log.History(today.AddDays(-7*windowWeeks), today.AddDays(-checkinsDays))
	p := engine.Profile{Level: engine.Intermediate, Units: engine.Kg, Increment: engine.NewLoad(2.5, engine.Kg), FirstLog: log.First}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(engine.AdviseAll(h, p, today))
	}
	if n == 0 {
		b.Fatal("no verdicts")
	}
	b.ReportMetric(float64(len(h.Sets)), "sets")
	b.ReportMetric(float64(n), "lifts")
}
