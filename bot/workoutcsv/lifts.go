package workoutcsv

import (
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// liftTable maps the exercise names apps use to Spotter's lifts. Keys are
// lower-case with single spaces. Barbell is Spotter's default equipment, so
// "Squat (Barbell)" is plain squat while "Bench Press (Dumbbell)" is not bench.
var liftTable = buildLiftTable()

func buildLiftTable() map[string]string {
	t := map[string]string{}
	for lift, names := range map[string][]string{
		"squat":                 {"squat (barbell)", "squat", "back squat", "back squat (barbell)", "barbell squat", "barbell back squat", "squats"},
		"paused squat":          {"pause squat", "pause squat (barbell)", "paused squat", "paused squat (barbell)", "pause back squat"},
		"box squat":             {"box squat (barbell)", "box squat"},
		"front squat":           {"front squat (barbell)", "front squat", "barbell front squat"},
		"low bar squat":         {"low bar squat (barbell)", "low bar squat"},
		"high bar squat":        {"high bar squat (barbell)", "high bar squat"},
		"safety bar squat":      {"safety squat bar squat", "safety bar squat", "squat (safety bar)"},
		"hack squat":            {"hack squat", "hack squat (machine)"},
		"bench":                 {"bench press (barbell)", "bench press", "barbell bench press", "flat bench press", "flat barbell bench press", "bench"},
		"close grip bench":      {"bench press - close grip (barbell)", "close grip bench press", "close grip bench press (barbell)", "close-grip bench press"},
		"wide grip bench":       {"bench press - wide grip (barbell)", "wide grip bench press"},
		"paused bench":          {"paused bench press (barbell)", "paused bench press", "pause bench press", "pause bench press (barbell)"},
		"incline bench":         {"incline bench press (barbell)", "incline bench press", "barbell incline bench press"},
		"decline bench":         {"decline bench press (barbell)", "decline bench press"},
		"floor press":           {"floor press (barbell)", "floor press"},
		"deadlift":              {"deadlift (barbell)", "deadlift", "conventional deadlift", "barbell deadlift", "deadlifts"},
		"sumo deadlift":         {"sumo deadlift (barbell)", "sumo deadlift"},
		"romanian deadlift":     {"romanian deadlift (barbell)", "romanian deadlift", "rdl", "romanian deadlift (rdl)", "barbell romanian deadlift"},
		"stiff leg deadlift":    {"stiff leg deadlift (barbell)", "stiff leg deadlift", "straight leg deadlift (barbell)", "straight leg deadlift"},
		"deficit deadlift":      {"deficit deadlift (barbell)", "deficit deadlift"},
		"trap bar deadlift":     {"trap bar deadlift", "deadlift (trap bar)", "trap bar deadlift (trap bar)", "hex bar deadlift"},
		"overhead press":        {"overhead press (barbell)", "overhead press", "strict military press (barbell)", "military press", "military press (barbell)", "standing military press (barbell)", "standing overhead press", "barbell overhead press", "ohp"},
		"seated overhead press": {"seated overhead press (barbell)", "seated military press (barbell)"},
		"push press":            {"push press (barbell)", "push press"},
		"row":                   {"bent over row (barbell)", "barbell row", "bent over row", "barbell bent over row", "bent over barbell row"},
		"pendlay row":           {"pendlay row (barbell)", "pendlay row"},
		"pull-up":               {"pull up", "pull-up", "pullup", "pull ups", "pull-ups", "pull up (weighted)", "weighted pull up", "pull-up (weighted)", "pull up (bodyweight)"},
		"chin-up":               {"chin up", "chin-up", "chinup", "chin ups", "chin up (weighted)", "weighted chin up", "chin up (bodyweight)"},
		"dip":                   {"chest dip", "dip", "dips", "chest dip (weighted)", "triceps dip", "triceps dip (weighted)", "weighted dip", "parallel bar dip", "dip (weighted)"},
		"push-up":               {"push up", "push-up", "push ups", "push-ups", "pushup", "push up (weighted)"},
		"hip thrust":            {"hip thrust (barbell)", "hip thrust", "barbell hip thrust"},
		"leg press":             {"leg press", "leg press (machine)"},
		"lunge":                 {"lunge (barbell)", "barbell lunge"},
		"curl":                  {"bicep curl (barbell)", "barbell curl", "curl (barbell)", "biceps curl (barbell)"},
		"power clean":           {"power clean", "power clean (barbell)"},
		"clean":                 {"clean (barbell)", "clean", "squat clean (barbell)"},
		"clean and jerk":        {"clean and jerk (barbell)", "clean and jerk", "clean & jerk (barbell)"},
		"snatch":                {"snatch (barbell)", "snatch", "power snatch (barbell)"},
		"good morning":          {"good morning (barbell)", "good morning"},
	} {
		for _, n := range names {
			t[n] = lift
		}
	}
	return t
}

// equipment words that become a prefix of the lift ("Curl (Dumbbell)" is
// "dumbbell curl"); the map's value is the word used.
var equipment = map[string]string{
	"dumbbell": "dumbbell", "dumbbells": "dumbbell", "cable": "cable", "machine": "machine",
	"smith machine": "smith machine", "kettlebell": "kettlebell", "band": "band",
	"resistance band": "band", "bodyweight": "bodyweight", "plate loaded": "machine",
	"machine plates": "machine", "leverage machine": "machine", "ez bar": "ez bar",
	"ez-bar": "ez bar", "trap bar": "trap bar", "landmine": "landmine", "assisted": "assisted",
	"suspension": "suspension", "sled": "sled",
}

// plain lower-cases a name, unifies apostrophes and collapses spaces.
func plain(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// MapLift maps an app's exercise name to a Spotter lift. known is true when
// the name is in Spotter's table; other names are kept as their own lifts
// under a normalised name ("Bicep Curl (Dumbbell)" -> "dumbbell bicep curl",
// "Romanian Deadlift, Leverage Machine" -> "machine romanian deadlift").
func MapLift(name string) (lift string, known bool) {
	n := plain(name)
	if l, ok := liftTable[n]; ok {
		return l, true
	}
	equip := ""
	if i := strings.LastIndex(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		equip, n = n[i+2:len(n)-1], n[:i]
	} else if i := strings.LastIndex(n, ", "); i > 0 {
		if _, ok := equipment[n[i+2:]]; ok {
			equip, n = n[i+2:], n[:i]
		}
	}
	if l, ok := liftTable[n]; ok {
		if equip == "" || equip == "barbell" || equip == "weighted" {
			return l, true
		}
		if _, ok := equipment[equip]; ok {
			n = l // "Bench Press (Dumbbell)" is a dumbbell bench
		}
	}
	// "Lat Pulldown - Underhand" is an underhand lat pulldown.
	if i := strings.Index(n, " - "); i > 0 {
		n = n[i+3:] + " " + n[:i]
	}
	switch word, ok := equipment[equip]; {
	case equip == "" || equip == "barbell" || equip == "weighted":
	case ok:
		if !strings.Contains(n, word) {
			n = word + " " + n
		}
	default:
		n += " (" + equip + ")"
	}
	lift = canonical(n)
	if r := []rune(lift); len(r) > 60 {
		lift = strings.TrimSpace(string(r[:60]))
	}
	return lift, false
}

// canonical resolves a normalised name the way /log does (engine.CanonicalLift),
// except where that would misread it: the longest tail found in the table
// wins ("seated leg press" is a leg press, "dumbbell seated overhead press"
// stays one overhead press), and a bare "press" at the end of another
// movement ("chest press", "pallof press") is not an overhead press.
func canonical(n string) string {
	words := strings.Fields(n)
	for i := 1; i < len(words); i++ {
		if l, ok := liftTable[strings.Join(words[i:], " ")]; ok {
			return strings.Join(words[:i], " ") + " " + l
		}
	}
	c := engine.CanonicalLift(n)
	if strings.Contains(c, "overhead press") && !strings.Contains(n, "overhead") &&
		!strings.Contains(n, "shoulder press") && !strings.Contains(n, "military press") && n != "press" {
		return n
	}
	return c
}

// bodyweightMoves are lifts done with the body as the load: a weight logged
// with them is added load (a belt) and an assisted variant's weight is help.
var bodyweightMoves = []string{"pull-up", "chin-up", "dip", "push-up", "muscle-up"}

// bodyweightRules makes a weighted pull-up "bodyweight + 20 kg", as /log
// does, and an assisted one bodyweight minus the assistance.
func bodyweightRules(s engine.Set, exercise string) engine.Set {
	assisted := strings.HasPrefix(s.Lift, "assisted ")
	move := assisted
	for _, m := range bodyweightMoves {
		if s.Lift == m || strings.HasSuffix(s.Lift, " "+m) {
			move = true
		}
	}
	if !move {
		return s
	}
	s.Bodyweight = true
	if assisted && s.Load.Milli > 0 {
		s.Load.Milli = -s.Load.Milli
	}
	return s
}
