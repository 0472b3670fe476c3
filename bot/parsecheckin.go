package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// CheckinCommand is a parsed /checkin with fields.
type CheckinCommand struct {
	DateWord string
	Fields   engine.Checkin // only the given fields are set
	Given    []string       // names of the given fields, in order
	Body     engine.Load    // bw: the body weight; zero when not given (not in Given)
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

// ParseCheckin reads the arguments of /checkin, a body weight without a
// unit in kg.
func ParseCheckin(args string) (CheckinCommand, error) { return ParseCheckinIn(args, engine.Kg) }

// ParseCheckinIn reads the arguments of /checkin for a lifter whose unit is
// u (a body weight typed without one is in it).
func ParseCheckinIn(args string, u engine.Unit) (CheckinCommand, error) {
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
		if field == "bodyweight" {
			field = "bw"
		}
		switch field {
		case "sleep", "soreness", "joints", "motivation", "warmup", "rhr", "hrv", "slept", "bw":
		default:
			return cmd, badToken(t, "check-in fields are sleep, soreness, joints, motivation, warmup, rhr, hrv, slept and bw (body weight).", checkinExample)
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
		if field == "bw" {
			w, used, err := readBodyWeight(toks[i:], u, "/checkin bw 82.5")
			if err != nil {
				return cmd, err
			}
			cmd.Body = w
			i += used - 1
			continue // not in Given: a body weight is stored apart from the check-in
		}
		switch field {
		case "rhr":
			n, err := strconv.Atoi(v)
			if err != nil || n < 25 || n > 150 {
				return cmd, badToken(v, "resting heart rate is whole beats per minute, 25 to 150.", "/checkin rhr 54")
			}
			cmd.Fields.RHR = n
		case "hrv":
			f, err := limits.Number(v)
			if err != nil || f < 1 || f > 500 {
				return cmd, badToken(v, "HRV is milliseconds, 1 to 500.", "/checkin hrv 65")
			}
			cmd.Fields.HRV = f
		case "slept":
			v = strings.TrimSuffix(v, "h")
			f, err := limits.Number(v)
			if err != nil || f <= 0 || f > 24 {
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
