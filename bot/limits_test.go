package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// TestLogKeepsTheSharedLimits checks that /log refuses what bot/limits
// refuses and takes what it takes, at each limit's edge: imports skip rows
// by bot/limits, so chat and import must agree. /log keeps its own wording.
func TestLogKeepsTheSharedLimits(t *testing.T) {
	name := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		log   string // the arguments of /log
		limit error  // what bot/limits says of the same value
	}{
		{fmt.Sprintf("squat 100x%d", limits.MaxReps), limits.Reps(limits.MaxReps)},
		{fmt.Sprintf("squat 100x%d", limits.MaxReps+1), limits.Reps(limits.MaxReps + 1)},
		{fmt.Sprintf("squat 3x%d@100", limits.MaxReps+1), limits.Reps(limits.MaxReps + 1)},
		{fmt.Sprintf("squat %dx5", limits.MaxLoadKg), limits.Load(limits.MaxLoadKg, engine.Kg, false)},
		{fmt.Sprintf("squat %gx5", limits.MaxLoadKg+0.5), limits.Load(limits.MaxLoadKg+0.5, engine.Kg, false)},
		{"squat 2204lbx5", limits.Load(2204, engine.Lb, false)},
		{"squat 2205lbx5", limits.Load(2205, engine.Lb, false)},
		{fmt.Sprintf("squat 100x5 rpe%d", limits.MaxRPE), limits.RPE(limits.MaxRPE)},
		{fmt.Sprintf("squat 100x5 rpe%g", limits.MaxRPE+0.5), limits.RPE(limits.MaxRPE + 0.5)},
		{fmt.Sprintf("squat 100x5 rpe%d", limits.MinRPE), limits.RPE(limits.MinRPE)},
		{fmt.Sprintf("squat 100x5 rpe%g", limits.MinRPE-0.5), limits.RPE(limits.MinRPE - 0.5)},
		{fmt.Sprintf("squat 100x5 rir%d", limits.MaxRIR), limits.RIR(limits.MaxRIR)},
		{fmt.Sprintf("squat 100x5 rir%g", limits.MaxRIR+0.5), limits.RIR(limits.MaxRIR + 0.5)},
		{"squat 100x5 rir0", limits.RIR(0)},
		{name(limits.MaxLiftName) + " 100x5", limits.LiftName(name(limits.MaxLiftName))},
		{name(limits.MaxLiftName+1) + " 100x5", limits.LiftName(name(limits.MaxLiftName + 1))},
	} {
		_, err := ParseLog(tc.log, engine.Kg)
		if (err == nil) != (tc.limit == nil) {
			t.Errorf("/log %s: got error %v, but bot/limits says %v", tc.log, err, tc.limit)
		}
	}
}
