package bot

import (
	"fmt"
	"regexp"
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
	Note     string   // the quoted note, as typed; "" when none
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
	if m := reDecComma.FindStringSubmatch(strings.ToLower(withoutNote(args))); m != nil {
		return LogCommand{}, badToken(m[2], "decimals take a dot: "+strings.Replace(m[2], ",", ".", 1)+".", "/log squat 102.5x5")
	}
	// The note first: its words are the lifter's, not the grammar's
	// (commas, digits and #s in it stay as typed).
	note, args, err := cutNote(args)
	if err != nil {
		return LogCommand{}, err
	}
	toks := normaliseLog(args)
	cmd := LogCommand{Note: note}
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
