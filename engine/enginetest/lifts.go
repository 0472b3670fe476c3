package enginetest

// equipment says how a lift is loaded: it sets the load grid, the warm-up
// ramp and whether the body is part of the load.
type equipment int

const (
	barbell  equipment = iota // 20 kg bar, 2.5 kg grid
	dumbbell                  // one dumbbell's weight, 2 kg grid
	machine                   // a stack or a sled, its own step
	body                      // bodyweight, plus a belt load when weighted
)

// liftInfo is one lift of the catalog.
type liftInfo struct {
	name string // Spotter's canonical name, as /log and an import store it
	// strong is Strong's exercise name for it (the name a Strong export
	// maps back to name); weighted is the name for a bodyweight move done
	// with added load ("Pull Up (Weighted)").
	strong, weighted string
	eq               equipment
	step             float64 // load step, kg
	bodyShare        float64 // share of bodyweight moved by a bodyweight move
	family           string  // lifts that carry over to each other: "legs", "press", "pull"
	// start and top are the lifter's true e1RM in kg (for a bodyweight move:
	// body share plus added load) on the first day and at the end of a
	// lifetime of training; real progress runs between them.
	start, top float64
}

// catalog lists every lift a history can hold, main lifts first: Config.Lifts
// keeps the first n. The names are checked against Spotter's own mapping of
// Strong's names in bot/workoutcsv's tests.
var catalog = []liftInfo{
	{name: "squat", strong: "Squat (Barbell)", eq: barbell, step: 2.5, start: 75, top: 215},
	{name: "bench", strong: "Bench Press (Barbell)", eq: barbell, step: 2.5, start: 55, top: 150},
	{name: "deadlift", strong: "Deadlift (Barbell)", eq: barbell, step: 2.5, start: 95, top: 250},
	{name: "overhead press", strong: "Overhead Press (Barbell)", eq: barbell, step: 2.5, start: 38, top: 95},
	{name: "row", strong: "Bent Over Row (Barbell)", eq: barbell, step: 2.5, start: 50, top: 135},
	{name: "pull-up", strong: "Pull Up", weighted: "Pull Up (Weighted)", eq: body, step: 2.5, bodyShare: 1, start: 85, top: 145},
	{name: "curl", strong: "Bicep Curl (Barbell)", eq: barbell, step: 2.5, start: 30, top: 70},
	{name: "chin-up", strong: "Chin Up", weighted: "Chin Up (Weighted)", eq: body, step: 2.5, bodyShare: 1, start: 88, top: 150},
	{name: "dip", strong: "Chest Dip", weighted: "Chest Dip (Weighted)", eq: body, step: 2.5, bodyShare: 1, start: 90, top: 170},
	{name: "dumbbell lateral raise", strong: "Lateral Raise (Dumbbell)", eq: dumbbell, step: 2, start: 9, top: 22},
	{name: "leg press", strong: "Leg Press", eq: machine, step: 10, start: 150, top: 400},
	{name: "romanian deadlift", strong: "Romanian Deadlift (Barbell)", eq: barbell, step: 2.5, start: 80, top: 200},
	{name: "paused squat", strong: "Pause Squat (Barbell)", eq: barbell, step: 2.5, start: 65, top: 185},
	{name: "incline bench", strong: "Incline Bench Press (Barbell)", eq: barbell, step: 2.5, start: 48, top: 130},
	{name: "cable face pull", strong: "Face Pull (Cable)", eq: machine, step: 2.5, start: 25, top: 55},
	{name: "machine standing calf raise", strong: "Standing Calf Raise (Machine)", eq: machine, step: 5, start: 80, top: 200},
	{name: "dumbbell bicep curl", strong: "Bicep Curl (Dumbbell)", eq: dumbbell, step: 2, start: 12, top: 28},
	{name: "dumbbell hammer curl", strong: "Hammer Curl (Dumbbell)", eq: dumbbell, step: 2, start: 14, top: 32},
	{name: "cable triceps extension", strong: "Triceps Extension (Cable)", eq: machine, step: 2.5, start: 22, top: 55},
	{name: "machine lying leg curl", strong: "Lying Leg Curl (Machine)", eq: machine, step: 5, start: 35, top: 90},
	{name: "machine leg extension", strong: "Leg Extension (Machine)", eq: machine, step: 5, start: 45, top: 120},
	{name: "dumbbell bench", strong: "Bench Press (Dumbbell)", eq: dumbbell, step: 2, start: 20, top: 50},
	{name: "good morning", strong: "Good Morning (Barbell)", eq: barbell, step: 2.5, start: 45, top: 130},
	{name: "front squat", strong: "Front Squat (Barbell)", eq: barbell, step: 2.5, start: 60, top: 170},
	{name: "close grip bench", strong: "Bench Press - Close Grip (Barbell)", eq: barbell, step: 2.5, start: 50, top: 140},
	{name: "cable lat pulldown", strong: "Lat Pulldown (Cable)", eq: machine, step: 5, start: 55, top: 120},
	{name: "cable seated row", strong: "Seated Row (Cable)", eq: machine, step: 5, start: 55, top: 130},
	{name: "hip thrust", strong: "Hip Thrust (Barbell)", eq: barbell, step: 2.5, start: 80, top: 250},
	{name: "dumbbell bulgarian split squat", strong: "Bulgarian Split Squat (Dumbbell)", eq: dumbbell, step: 2, start: 12, top: 40},
	{name: "dumbbell shrug", strong: "Shrug (Dumbbell)", eq: dumbbell, step: 2, start: 25, top: 60},
	{name: "push press", strong: "Push Press (Barbell)", eq: barbell, step: 2.5, start: 50, top: 120},
	{name: "push-up", strong: "Push Up", weighted: "Push Up (Weighted)", eq: body, step: 2.5, bodyShare: 0.65, start: 62, top: 110},
}

// mainLifts measure the lifter's overall progress; a lift first trained late
// starts where that progress says, not where a beginner's would.
var mainLifts = []string{"squat", "bench", "deadlift", "overhead press"}

// typos are the misspelt names a lifter typed now and then, each for one
// session of its lift.
var typos = []struct{ lift, typo string }{
	{"squat", "sqaut"}, {"squat", "sqaut"}, {"deadlift", "dedlift"},
}

var families = map[string][]string{
	"legs":  {"squat", "deadlift", "romanian deadlift", "paused squat", "front squat", "good morning", "hip thrust", "leg press"},
	"press": {"bench", "overhead press", "incline bench", "close grip bench", "dumbbell bench", "dip", "push press", "push-up"},
	"pull":  {"row", "pull-up", "chin-up", "cable lat pulldown", "cable seated row"},
}

var catalogIndex = func() map[string]int {
	m := map[string]int{}
	for i, l := range catalog {
		m[l.name] = i
	}
	for f, lifts := range families {
		for _, l := range lifts {
			catalog[m[l]].family = f
		}
	}
	return m
}()

// info returns the catalog entry of a canonical lift name.
func info(lift string) liftInfo { return catalog[catalogIndex[lift]] }

// Catalog returns the canonical names of every lift Generate can log, main
// lifts first (the order Config.Lifts cuts).
func Catalog() []string {
	out := make([]string, len(catalog))
	for i, l := range catalog {
		out[i] = l.name
	}
	return out
}

// StrongName returns Strong's exercise name for a lift of the catalog, with
// the weighted variant's name for a loaded bodyweight move; a lift outside
// the catalog (a typo) is spelt as typed, words capitalised.
func StrongName(lift string, weighted bool) string {
	i, ok := catalogIndex[lift]
	if !ok {
		return titleCase(lift)
	}
	if weighted && catalog[i].weighted != "" {
		return catalog[i].weighted
	}
	return catalog[i].strong
}

func titleCase(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
