package limits

import (
	"fmt"
	"time"
)

// The rest timer (/rest, /settings timer) and saved routines (/routine).
const (
	// MinRestTimer and MaxRestTimer bound a rest timer: under 10 s is no
	// rest, and past 30 minutes the session is over (a rest *logged* with
	// /log may be longer, up to an hour).
	MinRestTimer = 10 * time.Second
	MaxRestTimer = 30 * time.Minute
	// MaxRoutineLifts is the most lifts in a routine: a session, not a program.
	MaxRoutineLifts = 12
	// MaxRoutines is the most routines a lifter keeps.
	MaxRoutines = 20
	// MaxRoutineName is the longest routine name, in letters (ASCII).
	MaxRoutineName = 32
)

// RestTimer checks a rest timer's length.
func RestTimer(d time.Duration) error {
	switch {
	case d < MinRestTimer:
		return fmt.Errorf("shorter than the timer's %d seconds", int(MinRestTimer.Seconds()))
	case d > MaxRestTimer:
		return fmt.Errorf("longer than the timer's %d minutes", int(MaxRestTimer.Minutes()))
	}
	return nil
}

// RoutineName checks a routine's name: 1 to MaxRoutineName of a-z, 0-9,
// '-' and '_', starting with a letter (so "/routine delete" and a lift list
// cannot be read as names).
func RoutineName(s string) error {
	if s == "" {
		return fmt.Errorf("an empty name")
	}
	if len(s) > MaxRoutineName {
		return fmt.Errorf("longer than %d letters", MaxRoutineName)
	}
	for i, c := range s {
		ok := c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_')
		if !ok {
			return fmt.Errorf("names are letters, digits, - and _, starting with a letter")
		}
	}
	return nil
}
