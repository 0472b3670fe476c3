package bot

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// InputError is a message the bot could not read. Its text is shown to the
// user as is: it names the token and shows a correct example.
type InputError struct {
	Token   string
	Problem string
	Example string
}

func (e *InputError) Error() string {
	s := e.Problem
	if e.Token != "" {
		tok := e.Token
		if r := []rune(tok); len(r) > 40 {
			tok = string(r[:40]) + "…" // a pasted essay need not come back whole
		}
		s = fmt.Sprintf("I could not read %q: %s", tok, e.Problem)
	}
	if e.Example != "" {
		s += "\nExample: " + e.Example
	}
	return s
}

func badToken(tok, problem, example string) error {
	return &InputError{Token: tok, Problem: problem, Example: example}
}

// maxLoadKg refuses absurd loads: no one lifts a tonne (bot/limits).
const maxLoadKg = limits.MaxLoadKg

// maxSets is the most sets one token stands for (100x5x20, 20x5@100).
const maxSets = 20

// maxPlausibleSets is the largest A that AxB@C reads as a set count when C
// could also be an RPE; see readsAsRPE.
const maxPlausibleSets = 10

const logExample = "/log squat 100x5 rir2"

// LoggedSet is one parsed set before it has a date and lift.
type LoggedSet struct {
	Load       engine.Load
	Bodyweight bool
	Reps       int
	RIR        float64
	HasRIR     bool
	Warmup     bool
}

// LogCommand is a parsed /log.
type LogCommand struct {
	DateWord string // "", "today", "yesterday" or YYYY-MM-DD; resolved by the caller against the user's today
	Lift     string // canonical
	Typed    string // the lift as typed
	AsTyped  bool   // "+lift": the lifter confirmed a new lift or an unusual set
	Sets     []LoggedSet
	RestSec  int
	Tags     []string // context tags and notes, without '#'
}

var (
	// 100x5, 100kgx5, 102.5x3x4, w60x5, bwx10, bw+20x5, 100 kg handled by joining;
	// with an RPE: 100x5@8, 100x5x3@8.5. 3x5@100 matches too: readsAsRPE decides.
	reLoadReps = regexp.MustCompile(`^(w)?(bw(?:\+(\d+(?:\.\d+)?)(kg|lbs?)?)?|(\d+(?:\.\d+)?)(kg|lbs?)?)x(\d+)(?:x(\d+))?(?:@(\d+(?:\.\d+)?))?$`)
	// 3x5@100, 3x5@100kg, 3x10@bw, 3x5@bw+20
	reSetsReps = regexp.MustCompile(`^(w)?(\d+)x(\d+)@(bw(?:\+(\d+(?:\.\d+)?)(kg|lbs?)?)?|(\d+(?:\.\d+)?)(kg|lbs?)?)$`)
	reEffort   = regexp.MustCompile(`^(rir|rpe|@)(-?\d+(?:\.\d+)?)?$`)
	reDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reRest     = regexp.MustCompile(`^(?:(\d+)(s|sec|m|min)?|(\d+):([0-5]\d))$`)
	reTag      = regexp.MustCompile(`^#[\p{L}\p{N}_-]{1,32}$`)
	reNumber   = regexp.MustCompile(`^\d+(\.\d+)?$`)
	reRepsPart = regexp.MustCompile(`^\d+(\.\d+)?(@\d+(\.\d+)?)?$`) // "5" or "5@8" in "100x 5@8", "100 x5@8"
	reSigned   = regexp.MustCompile(`^-\d+(\.\d+)?$`)
	reDecComma = regexp.MustCompile(`(^|\s)(w?\d+,\d+(?:kg|lbs?)?x\d+\S*)`)
	reLiftWord = regexp.MustCompile(`^[\p{L}\p{N}'’()/+.&-]+$`)
)

// looksLikeSet reports whether a token starts the sets part of a /log.
func looksLikeSet(tok string) bool {
	return reLoadReps.MatchString(tok) || reSetsReps.MatchString(tok)
}

// normaliseLog lower-cases, turns commas into spaces, and joins "100 x 5",
// "100kg x5" and "x 5" spellings so one set is one token.
func normaliseLog(s string) []string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, ",", " ")
	s = strings.ReplaceAll(s, "×", "x")
	toks := strings.Fields(s)
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// Join "100 x 5" and "100x 5" and "100 x5".
		if len(out) > 0 && (t == "x" || strings.HasPrefix(t, "x") && reRepsPart.MatchString(t[1:])) {
			prev := out[len(out)-1]
			if reNumber.MatchString(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(prev, "kg"), "lbs"), "lb")) || strings.HasPrefix(prev, "bw") {
				if t == "x" && i+1 < len(toks) {
					out[len(out)-1] = prev + "x" + toks[i+1]
					i++
					continue
				}
				if t != "x" {
					out[len(out)-1] = prev + t
					continue
				}
			}
		}
		if strings.HasSuffix(t, "x") && i+1 < len(toks) && reRepsPart.MatchString(toks[i+1]) && reNumber.MatchString(strings.TrimSuffix(t, "x")) {
			out = append(out, t+toks[i+1])
			i++
			continue
		}
		// Join a unit written apart: "100 kg x5" -> "100kgx5" happens via "100" "kg" "x5".
		if (t == "kg" || t == "lb" || t == "lbs") && len(out) > 0 && reNumber.MatchString(out[len(out)-1]) {
			out[len(out)-1] += t
			continue
		}
		out = append(out, t)
	}
	return out
}

// ParseLog reads the arguments of /log (the text after the command).
// defaultUnit applies to loads typed without a unit.
func ParseLog(args string, defaultUnit engine.Unit) (LogCommand, error) {
	// "102,5x5" is a decimal comma, not two sets: say so rather than misread it.
	if m := reDecComma.FindStringSubmatch(strings.ToLower(args)); m != nil {
		return LogCommand{}, badToken(m[2], "decimals take a dot: "+strings.Replace(m[2], ",", ".", 1)+".", "/log squat 102.5x5")
	}
	toks := normaliseLog(args)
	var cmd LogCommand
	if len(toks) == 0 {
		return cmd, &InputError{Problem: "Tell me the lift and the sets.", Example: logExample}
	}
	i := 0
	if t := toks[0]; t == "today" || t == "yesterday" || reDate.MatchString(t) {
		cmd.DateWord = t
		i++
	} else if t == "tomorrow" {
		return cmd, badToken(t, "future days can't be logged.", logExample)
	}
	var lift []string
	for ; i < len(toks) && !looksLikeSet(toks[i]); i++ {
		t := toks[i]
		if strings.HasPrefix(t, "#") || reEffort.MatchString(t) || t == "rest" {
			break
		}
		if t[0] >= '0' && t[0] <= '9' || strings.HasPrefix(t, "bw") && len(lift) > 0 ||
			strings.ContainsAny(t, "0123456789") && strings.ContainsAny(t, "x@") {
			return cmd, badToken(t, "a set is load x reps (100x5), load x reps x sets (100x5x3) or sets x reps @ load (3x5@100).", logExample)
		}
		if !reLiftWord.MatchString(t) {
			return cmd, badToken(t, "a lift name is letters, digits and - ' ( ) / only.", logExample)
		}
		lift = append(lift, t)
	}
	if len(lift) == 0 {
		tok := ""
		if i < len(toks) {
			tok = toks[i]
		}
		if tok == "" {
			return cmd, &InputError{Problem: "Which lift? Put its name before the sets.", Example: logExample}
		}
		return cmd, badToken(tok, "the lift's name comes first, before the sets.", logExample)
	}
	cmd.Typed = strings.Join(lift, " ")
	if t, ok := strings.CutPrefix(cmd.Typed, "+"); ok {
		// "+name": log as typed, without the typo and far-off checks.
		cmd.Typed, cmd.AsTyped = strings.TrimSpace(t), true
		if cmd.Typed == "" {
			return cmd, &InputError{Problem: "Which lift? Put its name right after the +.", Example: "/log +zercher squat 80x5"}
		}
	}
	// The same name check as an import's (bot/limits); a long name is
	// echoed cut, not whole over several messages.
	if err := limits.LiftName(cmd.Typed); err != nil {
		shown := cmd.Typed
		if r := []rune(shown); len(r) > 24 {
			shown = string(r[:24]) + "…"
		}
		return cmd, badToken(shown, fmt.Sprintf("a lift name is printable text of at most %d characters (%s).", limits.MaxLiftName, err), logExample)
	}
	cmd.Lift = engine.CanonicalLift(cmd.Typed)
	// An effort token (rir2, rpe 8, @8) describes the sets since the last
	// effort. A set written with its RPE (100x5@8) has its effort and closes
	// that run, so sets before it (warm-ups, say) do not take its RPE.
	noEffort := 0 // index of the first set not yet given an effort
	withRPE := "" // the last set token, when it carried its own RPE
	seenRest := false
	for ; i < len(toks); i++ {
		t := toks[i]
		switch {
		case looksLikeSet(t):
			sets, hasRPE, err := parseSetToken(t, defaultUnit)
			if err != nil {
				return cmd, err
			}
			cmd.Sets = append(cmd.Sets, sets...)
			if len(cmd.Sets) > 50 {
				return cmd, badToken(t, "at most 50 sets in one message.", "/log squat 100x5x3")
			}
			withRPE = ""
			if hasRPE {
				noEffort, withRPE = len(cmd.Sets), t
			}
		case reEffort.MatchString(t):
			m := reEffort.FindStringSubmatch(t)
			num := m[2]
			if num == "" {
				if i+1 < len(toks) && reSigned.MatchString(toks[i+1]) && !reNumber.MatchString(toks[i+1]) {
					return cmd, badToken(t+" "+toks[i+1], "effort can't be negative: RIR is 0 to 10, RPE 1 to 10.", logExample)
				}
				if i+1 >= len(toks) || !reNumber.MatchString(toks[i+1]) {
					return cmd, badToken(t, "effort needs a number: rir 2, rpe 8 or @8.", logExample)
				}
				i++
				num = toks[i]
				t += " " + num
			}
			rir, err := parseEffort(m[1], num, t)
			if err != nil {
				return cmd, err
			}
			if len(cmd.Sets) == 0 {
				return cmd, badToken(t, "effort comes after the sets it describes.", logExample)
			}
			if noEffort >= len(cmd.Sets) && withRPE != "" {
				// Two efforts for one set: which the lifter meant is a guess, so ask.
				bare, _, _ := strings.Cut(withRPE, "@")
				return cmd, badToken(t, fmt.Sprintf("%s already has its effort after the @, so %s would be a second effort; give it once: %s or %s %s.", withRPE, t, withRPE, bare, t), "/log squat 100x5@8")
			}
			if noEffort >= len(cmd.Sets) {
				return cmd, badToken(t, "these sets already have an effort.", "/log squat 100x5 rir2 105x3 rir1")
			}
			// An effort after warm-ups and working sets is the working sets'
			// (w60x5 w80x3 100x5x3 rir3): warm-ups keep none unless it was
			// typed for them alone (w60x5 rir5).
			working := false
			for j := noEffort; j < len(cmd.Sets); j++ {
				working = working || !cmd.Sets[j].Warmup
			}
			for j := noEffort; j < len(cmd.Sets); j++ {
				if !working || !cmd.Sets[j].Warmup {
					cmd.Sets[j].RIR, cmd.Sets[j].HasRIR = rir, true
				}
			}
			noEffort = len(cmd.Sets)
		case t == "rest":
			if seenRest {
				return cmd, badToken(t, "rest is given once per message.", "/log squat 100x5 rest 3m")
			}
			if i+1 >= len(toks) {
				return cmd, badToken(t, "rest needs a duration: rest 90s, rest 2m or rest 2:30.", "/log squat 100x5 rest 2:30")
			}
			i++
			sec, err := parseRest(toks[i])
			if err != nil {
				return cmd, err
			}
			cmd.RestSec, seenRest = sec, true
		case strings.HasPrefix(t, "rest") && len(t) > 4:
			sec, err := parseRest(t[4:])
			if err != nil {
				return cmd, err
			}
			cmd.RestSec, seenRest = sec, true
		case strings.HasPrefix(t, "#"):
			if !reTag.MatchString(t) {
				return cmd, badToken(t, "a tag is # and one word, like #travel.", "/log squat 100x5 #travel")
			}
			cmd.Tags = appendUnique(cmd.Tags, t[1:])
		default:
			if len(cmd.Sets) == 0 {
				return cmd, badToken(t, "a set is load x reps (100x5), load x reps x sets (100x5x3) or sets x reps @ load (3x5@100).", logExample)
			}
			return cmd, badToken(t, "after the sets I understand effort (rir2, rpe8, @8), rest (rest 2m) and tags (#travel).", logExample)
		}
	}
	if len(cmd.Sets) == 0 {
		return cmd, &InputError{Problem: fmt.Sprintf("No sets for %s: write them as load x reps.", cmd.Typed), Example: logExample}
	}
	return cmd, nil
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func parseUnit(s string, def engine.Unit) engine.Unit {
	switch s {
	case "kg":
		return engine.Kg
	case "lb", "lbs":
		return engine.Lb
	}
	return def
}

// parseLoad reads a load number in a unit and checks it is sane.
func parseLoad(num, unit string, def engine.Unit, tok string, bodyweight bool) (engine.Load, error) {
	if num == "" {
		return engine.Load{Unit: parseUnit(unit, def)}, nil
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) || math.IsNaN(v) {
		return engine.Load{}, badToken(tok, "the load is not a number.", logExample)
	}
	if u := parseUnit(unit, def); v > maxLoadKg*3 || math.IsInf(v, 0) {
		// Checked before it becomes an exact load, which a huge number would overflow.
		return engine.Load{}, badToken(tok, fmt.Sprintf("%s %s is more than %d kg; check the number and the unit.", num, u, maxLoadKg), logExample)
	}
	l := engine.NewLoad(v, parseUnit(unit, def))
	if l.Milli <= 0 && !bodyweight {
		return l, badToken(tok, "the load must be more than zero (use bw for bodyweight: bwx10).", logExample)
	}
	if l.Kg() > maxLoadKg {
		return l, badToken(tok, fmt.Sprintf("%s is more than %d kg; check the number and the unit.", l, maxLoadKg), logExample)
	}
	return l, nil
}

func parseCount(s, what, tok string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, badToken(tok, what+" must be a whole number above zero.", logExample)
	}
	if n > max {
		return 0, badToken(tok, fmt.Sprintf("%s: at most %d.", what, max), logExample)
	}
	return n, nil
}

// parseSetToken reads one set token into one or more sets; hasRPE is true
// when the token carried its own RPE (100x5@8), which every set it stands for takes.
func parseSetToken(t string, def engine.Unit) (sets []LoggedSet, hasRPE bool, err error) {
	var warm, bw bool
	var load engine.Load
	var reps, n int
	var rir float64
	m := reLoadReps.FindStringSubmatch(t)
	if m != nil && m[9] != "" && m[8] == "" && reSetsReps.MatchString(t) && !readsAsRPE(m[5], m[9]) {
		m = nil // sets x reps @ load, as in 3x5@100
	}
	if m != nil {
		warm = m[1] == "w"
		if strings.HasPrefix(m[2], "bw") {
			bw = true
			load, err = parseLoad(m[3], m[4], def, t, true)
		} else {
			load, err = parseLoad(m[5], m[6], def, t, false)
		}
		if err != nil {
			return nil, false, err
		}
		if reps, err = parseCount(m[7], "reps", t, limits.MaxReps); err != nil {
			return nil, false, err
		}
		n = 1
		if m[8] != "" {
			if n, err = parseCount(m[8], "the number of sets", t, maxSets); err != nil {
				return nil, false, err
			}
		}
		if m[9] != "" {
			v, ok := rpeValue(m[9])
			if !ok {
				return nil, false, badToken(t, "after load x reps, the number after @ is the RPE: 1 to 10 in steps of 0.5.", "/log squat 100x5@8")
			}
			rir, hasRPE = 10-v, true
		}
	} else if m := reSetsReps.FindStringSubmatch(t); m != nil {
		warm = m[1] == "w"
		if n, err = parseCount(m[2], "the number of sets", t, maxSets); err != nil {
			return nil, false, err
		}
		if reps, err = parseCount(m[3], "reps", t, limits.MaxReps); err != nil {
			return nil, false, err
		}
		if strings.HasPrefix(m[4], "bw") {
			bw = true
			load, err = parseLoad(m[5], m[6], def, t, true)
		} else {
			load, err = parseLoad(m[7], m[8], def, t, false)
		}
		if err != nil {
			return nil, false, err
		}
	} else {
		return nil, false, badToken(t, "a set is load x reps (100x5).", logExample)
	}
	out := make([]LoggedSet, n)
	for i := range out {
		out[i] = LoggedSet{Load: load, Bodyweight: bw, Reps: reps, Warmup: warm, RIR: rir, HasRIR: hasRPE}
	}
	return out, hasRPE, nil
}

// readsAsRPE settles AxB@C when both notations fit (A a whole number, C a
// bare number): sets x reps @ load (3x5@100, the older notation) or load x
// reps @ RPE (100x5@8, how lifters write a top set). It is RPE when C is an
// RPE (1 to 10 in half steps) and A is not a plausible set count, that is
// A > 10; otherwise it keeps the older meaning, so 3x12@8 stays three sets of
// twelve at 8 kg and 12x3@100 twelve sets at 100. An A with a decimal point, a
// unit or bw never matches sets x reps @ load and always reads C as RPE
// (102.5x5@8, 100kgx5@8). AxBxC@D is always load x reps x sets at RPE D.
// When A is more sets than one token takes (maxSets), C can only be a
// mistyped RPE, and is refused as one: 100x5@11.
func readsAsRPE(a, c string) bool {
	n, err := strconv.Atoi(a)
	if err == nil && n <= maxPlausibleSets {
		return false
	}
	if _, ok := rpeValue(c); ok {
		return true
	}
	return err != nil || n > maxSets
}

// rpeValue reads an RPE written after @: 1 to 10 in steps of 0.5.
func rpeValue(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 10 || v*2 != math.Trunc(v*2) {
		return 0, false
	}
	return v, true
}

// parseEffort turns rir/rpe/@ and a number into RIR.
func parseEffort(kind, num, tok string) (float64, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, badToken(tok, "effort needs a number.", logExample)
	}
	if v*2 != math.Trunc(v*2) {
		return 0, badToken(tok, "effort goes in steps of 0.5.", "/log squat 100x5 rpe 8.5")
	}
	if kind == "rir" {
		if v < 0 || v > 10 {
			return 0, badToken(tok, "RIR is 0 to 10 reps in reserve.", logExample)
		}
		return v, nil
	}
	if v < 1 || v > 10 {
		return 0, badToken(tok, "RPE is 1 to 10.", "/log squat 100x5 rpe8")
	}
	return 10 - v, nil
}

func parseRest(s string) (int, error) {
	m := reRest.FindStringSubmatch(s)
	if m == nil {
		return 0, badToken(s, "rest is seconds, minutes or m:ss, like 90s, 2m or 2:30.", "/log squat 100x5 rest 2:30")
	}
	var sec int
	if m[3] != "" {
		mins, _ := strconv.Atoi(m[3])
		secs, _ := strconv.Atoi(m[4])
		sec = mins*60 + secs
	} else {
		v, err := strconv.Atoi(m[1])
		if err != nil {
			return 0, badToken(s, "rest is a whole number.", "/log squat 100x5 rest 90s")
		}
		sec = v
		if m[2] == "m" || m[2] == "min" {
			sec = v * 60
		}
	}
	if sec <= 0 || sec > 3600 {
		return 0, badToken(s, "rest is between 1 second and 60 minutes.", "/log squat 100x5 rest 3m")
	}
	return sec, nil
}

// CheckinCommand is a parsed /checkin with fields.
type CheckinCommand struct {
	DateWord string
	Fields   engine.Checkin // only the given fields are set
	Given    []string       // names of the given fields, in order
}

const checkinExample = "/checkin sleep good soreness normal rhr 54"

// checkinChoices lists each word field and its allowed answers, in the order
// the interactive check-in asks them.
// CheckinQuestion is one word field of the check-in: its field name, the
// question the interactive check-in asks and the answers it takes.
type CheckinQuestion struct {
	Field    string
	Question string
	Answers  []string
}

// CheckinQuestions are the check-in's word fields in grammar order, for
// platforms that build their own forms (Discord's options and modal).
func CheckinQuestions() []CheckinQuestion {
	out := slices.Clone(checkinChoices)
	for i := range out {
		out[i].Answers = slices.Clone(out[i].Answers)
	}
	return out
}

var checkinChoices = []CheckinQuestion{
	{"sleep", "How did you sleep?", []string{"good", "ok", "poor"}},
	{"soreness", "Soreness?", []string{"none", "normal", "high"}},
	{"joints", "Joints?", []string{"ok", "irritated"}},
	{"motivation", "Motivation to train?", []string{"high", "normal", "low"}},
	{"warmup", "How did your last warm-ups feel?", []string{"light", "normal", "heavy"}},
}

// setCheckinWord sets a word field of c; false when the answer is not allowed.
func setCheckinWord(c *engine.Checkin, field, v string) bool {
	for _, f := range checkinChoices {
		if f.Field != field {
			continue
		}
		for _, a := range f.Answers {
			if a == v {
				switch field {
				case "sleep":
					c.Sleep = engine.Sleep(v)
				case "soreness":
					c.Soreness = engine.Soreness(v)
				case "joints":
					c.Joints = engine.Joints(v)
				case "motivation":
					c.Motivation = engine.Motivation(v)
				case "warmup":
					c.Warmup = engine.WarmupFeel(v)
				}
				return true
			}
		}
	}
	return false
}

func choicesOf(field string) []string {
	for _, f := range checkinChoices {
		if f.Field == field {
			return f.Answers
		}
	}
	return nil
}

// ParseCheckin reads the arguments of /checkin.
func ParseCheckin(args string) (CheckinCommand, error) {
	toks := strings.Fields(strings.ToLower(args))
	var cmd CheckinCommand
	i := 0
	if len(toks) > 0 {
		if t := toks[0]; t == "today" || t == "yesterday" || reDate.MatchString(t) {
			cmd.DateWord = t
			i++
		}
	}
	seen := map[string]bool{}
	for ; i < len(toks); i++ {
		t := toks[i]
		if strings.HasPrefix(t, "#") {
			if !reTag.MatchString(t) {
				return cmd, badToken(t, "a tag is # and one word, like #travel.", "/checkin sleep poor #travel")
			}
			cmd.Fields.Tags = appendUnique(cmd.Fields.Tags, t[1:])
			continue
		}
		field := t
		if field == "warm-up" || field == "warmups" || field == "warm-ups" {
			field = "warmup"
		}
		switch field {
		case "sleep", "soreness", "joints", "motivation", "warmup", "rhr", "hrv", "slept":
		default:
			return cmd, badToken(t, "check-in fields are sleep, soreness, joints, motivation, warmup, rhr, hrv and slept.", checkinExample)
		}
		if seen[field] {
			return cmd, badToken(t, "this field is given twice.", checkinExample)
		}
		seen[field] = true
		if i+1 >= len(toks) {
			return cmd, badToken(t, "needs a value.", checkinExample)
		}
		i++
		v := toks[i]
		switch field {
		case "rhr":
			n, err := strconv.Atoi(v)
			if err != nil || n < 25 || n > 150 {
				return cmd, badToken(v, "resting heart rate is whole beats per minute, 25 to 150.", "/checkin rhr 54")
			}
			cmd.Fields.RHR = n
		case "hrv":
			f, err := limits.Number(v)
			if err != nil || f < 1 || f > 500 || math.IsNaN(f) {
				return cmd, badToken(v, "HRV is milliseconds, 1 to 500.", "/checkin hrv 65")
			}
			cmd.Fields.HRV = f
		case "slept":
			v = strings.TrimSuffix(v, "h")
			f, err := limits.Number(v)
			if err != nil || f <= 0 || f > 24 || math.IsNaN(f) {
				return cmd, badToken(toks[i], "slept is hours, more than 0 and at most 24.", "/checkin slept 7.5")
			}
			cmd.Fields.SleptHours = f
		default:
			if !setCheckinWord(&cmd.Fields, field, v) {
				return cmd, badToken(v, fmt.Sprintf("%s is one of %s.", field, strings.Join(choicesOf(field), ", ")), fmt.Sprintf("/checkin %s %s", field, choicesOf(field)[0]))
			}
		}
		cmd.Given = append(cmd.Given, field)
	}
	return cmd, nil
}

// mergeCheckin applies the given fields of c onto base.
func mergeCheckin(base engine.Checkin, c CheckinCommand) engine.Checkin {
	for _, f := range c.Given {
		switch f {
		case "sleep":
			base.Sleep = c.Fields.Sleep
		case "soreness":
			base.Soreness = c.Fields.Soreness
		case "joints":
			base.Joints = c.Fields.Joints
		case "motivation":
			base.Motivation = c.Fields.Motivation
		case "warmup":
			base.Warmup = c.Fields.Warmup
		case "rhr":
			base.RHR = c.Fields.RHR
		case "hrv":
			base.HRV = c.Fields.HRV
		case "slept":
			base.SleptHours = c.Fields.SleptHours
		}
	}
	for _, t := range c.Fields.Tags {
		base.Tags = appendUnique(base.Tags, t)
	}
	return base
}
