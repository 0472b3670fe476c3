package engine

import (
	"sort"
	"strings"
)

// Pattern says how a lift loads the body; it sets load steps and failure warnings.
type Pattern struct {
	Compound bool
	Lower    bool
}

// aliases maps what lifters type to canonical lift names (chat-grammar "Logging sets").
var aliases = map[string]string{
	"sq": "squat", "back squat": "squat", "squats": "squat", "back squats": "squat",
	"bp": "bench", "bench press": "bench", "bench": "bench", "flat bench": "bench",
	"dl": "deadlift", "deadlifts": "deadlift", "conventional deadlift": "deadlift",
	"ohp": "overhead press", "press": "overhead press", "overhead press": "overhead press",
	"military press": "overhead press", "shoulder press": "overhead press",
	"rdl": "romanian deadlift", "pullup": "pull-up", "pull up": "pull-up", "pullups": "pull-up",
	"pull-ups": "pull-up", "chinup": "chin-up", "chin up": "chin-up", "chinups": "chin-up",
	"chin-ups": "chin-up", "dips": "dip", "rows": "row", "barbell row": "row", "bent over row": "row",
	"hip thrusts": "hip thrust", "lunges": "lunge", "leg presses": "leg press",
	"front squats": "front squat", "curls": "curl", "barbell curl": "curl",
}

// CanonicalLift maps a typed lift name to Spotter's name: lower case, single
// spaces, known aliases resolved. A variation ("paused squat", "close grip
// bench") is its own lift; its base name is resolved inside it ("paused sq"
// becomes "paused squat").
func CanonicalLift(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if a, ok := aliases[s]; ok {
		return a
	}
	words := strings.Fields(s)
	// Resolve the longest alias at the end of a variation ("close grip bench press").
	// The longest known tail wins, even when it is already canonical
	// ("seated overhead press" stays itself). A bare "press" after other words
	// is no alias: "leg press", "incline press" and "floor press" are lifts of
	// their own, not overhead presses.
	for i := 1; i < len(words); i++ {
		tail := strings.Join(words[i:], " ")
		a, ok := aliases[tail]
		if !ok || tail == "press" {
			continue
		}
		if a == tail {
			return s
		}
		return strings.Join(words[:i], " ") + " " + a
	}
	return s
}

// lower-body compound stems (engine-rules "Lift catalog").
var lowerCompound = []string{"squat", "deadlift", "leg press", "lunge", "split squat",
	"hip thrust", "good morning", "step up", "step-up", "hack squat", "pistol"}

var upperCompound = []string{"bench", "press", "row", "pull-up", "chin-up", "dip",
	"push-up", "pushup", "pulldown", "pull down", "muscle-up", "clean", "snatch", "jerk"}

var isolation = []string{"curl", "extension", "raise", "fly", "flye", "flyes", "pushdown",
	"calf", "shrug", "crunch", "kickback", "pullover", "face pull", "leg curl", "abduction",
	"adduction", "wrist"}

// PatternOf classifies a canonical lift name. Isolation words win over
// compound stems ("leg extension", "calf raise"); an unknown lift counts as an
// upper-body compound, the cautious choice for failure warnings and load steps.
func PatternOf(lift string) Pattern {
	l := strings.ToLower(lift)
	for _, w := range isolation {
		if containsWord(l, w) {
			return Pattern{Compound: false, Lower: strings.Contains(l, "leg") || strings.Contains(l, "calf")}
		}
	}
	for _, w := range lowerCompound {
		if containsWord(l, w) {
			return Pattern{Compound: true, Lower: true}
		}
	}
	for _, w := range upperCompound {
		if containsWord(l, w) {
			return Pattern{Compound: true, Lower: false}
		}
	}
	return Pattern{Compound: true, Lower: false}
}

// IsMainCompound reports whether a lift is squat, bench, deadlift, overhead
// press or one of their variations (engine-rules section 6).
func IsMainCompound(lift string) bool {
	l := strings.ToLower(lift)
	for _, w := range []string{"squat", "bench", "deadlift", "overhead press"} {
		if containsWord(l, w) {
			return true
		}
	}
	return false
}

func containsWord(s, w string) bool {
	i := strings.Index(s, w)
	for i >= 0 {
		before := i == 0 || s[i-1] == ' ' || s[i-1] == '-'
		j := i + len(w)
		after := j == len(s) || s[j] == ' ' || s[j] == '-' || s[j] == 's'
		if before && after {
			return true
		}
		k := strings.Index(s[i+1:], w)
		if k < 0 {
			return false
		}
		i = i + 1 + k
	}
	return false
}

// catalog is the lifts Spotter knows by name, beyond the aliases' targets:
// what a typed name is checked against for typos.
var catalog = []string{"squat", "front squat", "paused squat", "bench", "incline bench", "close grip bench",
	"deadlift", "sumo deadlift", "romanian deadlift", "overhead press", "push press", "row", "pendlay row",
	"pull-up", "chin-up", "dip", "push-up", "lat pulldown", "hip thrust", "lunge", "split squat",
	"bulgarian split squat", "leg press", "good morning", "hack squat", "curl", "hammer curl", "preacher curl",
	"triceps extension", "triceps pushdown", "skullcrusher", "lateral raise", "calf raise", "leg curl",
	"leg extension", "face pull", "shrug", "fly", "crunch", "clean", "power clean", "snatch"}

// CatalogLifts lists the lift names Spotter knows, sorted.
func CatalogLifts() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range catalog {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, l := range aliases {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// Recognized reports whether a canonical lift name holds a word the lift
// catalog classifies (squat, press, curl, raise, ...): a name Spotter can
// place, rather than one it would guess at.
func Recognized(lift string) bool {
	l := strings.ToLower(lift)
	for _, ws := range [][]string{isolation, lowerCompound, upperCompound} {
		for _, w := range ws {
			if containsWord(l, w) {
				return true
			}
		}
	}
	for _, c := range catalog {
		if containsWord(l, c) {
			return true
		}
	}
	return false
}
