package engine

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A training log in the tests is one entry a line, date first:
//
//	2026-10-01 squat w60x5 100x5x3 rir2 #travel   sets: [w]LOAD[kg|lb]xREPS[xSETS], bw, bw+20
//	2026-10-01 bench 80x5 rpe8, 80x5 fail          effort (rirN, rpeN, fail) for the sets since the last effort
//	2026-10-01 checkin sleep poor soreness high rhr 60 hrv 50 slept 5 #sick
//	2026-10-01 deload 2026-10-07 [planned] [skipped]
//
// Blank lines and lines starting with # are ignored.

var setRE = regexp.MustCompile(`^(w)?(bw\+?)?([0-9.]*)(kg|lb)?x([0-9]+)(?:x([0-9]+))?,?$`)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("mustDate(%q): %v", s, err)
	}
	return d
}

// mustHistory parses a training log.
func mustHistory(t testing.TB, log string) History {
	t.Helper()
	var h History
	seq := map[string]int{}
	for n, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		d := mustDate(t, f[0])
		if len(f) < 2 {
			t.Fatalf("line %d %q: nothing after the date", n+1, line)
		}
		switch f[1] {
		case "checkin":
			h.Checkins = append(h.Checkins, mustCheckin(t, d, f[2:]))
			continue
		case "deload":
			p := DeloadPeriod{Start: d, End: mustDate(t, f[2])}
			for _, w := range f[3:] {
				p.Planned = p.Planned || w == "planned"
				p.Skipped = p.Skipped || w == "skipped"
			}
			h.Deloads = append(h.Deloads, p)
			continue
		}
		i := 1
		for i < len(f) && !setRE.MatchString(f[i]) {
			i++
		}
		lift := CanonicalLift(strings.Join(f[1:i], " "))
		var sets []Set
		var tags []string
		pending := 0 // an effort token applies to the sets since the last one
		effort := func(rir float64, fail bool) {
			for k := pending; k < len(sets); k++ {
				if sets[k].Kind == Warmup {
					continue
				}
				if fail {
					sets[k].Kind = Failure
				} else {
					sets[k].RIR, sets[k].HasRIR = rir, true
				}
			}
			pending = len(sets)
		}
		for _, tok := range f[i:] {
			tok = strings.TrimSuffix(tok, ",")
			switch {
			case strings.HasPrefix(tok, "#"):
				tags = append(tags, tok[1:])
			case tok == "fail":
				effort(0, true)
			case strings.HasPrefix(tok, "rir"):
				effort(mustFloat(t, tok[3:]), false)
			case strings.HasPrefix(tok, "rpe"):
				effort(10-mustFloat(t, tok[3:]), false)
			default:
				m := setRE.FindStringSubmatch(tok)
				if m == nil {
					t.Fatalf("line %d: can't read %q", n+1, tok)
				}
				u := Kg
				if m[4] == "lb" {
					u = Lb
				}
				load := 0.0
				if m[3] != "" {
					load = mustFloat(t, m[3])
				}
				reps, _ := strconv.Atoi(m[5])
				count := 1
				if m[6] != "" {
					count, _ = strconv.Atoi(m[6])
				}
				for k := 0; k < count; k++ {
					s := Set{Lift: lift, Date: d, Load: NewLoad(load, u), Reps: reps, Bodyweight: m[2] != ""}
					if m[1] == "w" {
						s.Kind = Warmup
					}
					sets = append(sets, s)
				}
			}
		}
		for k := range sets {
			s := &sets[k]
			key := f[0] + "|" + lift
			s.Seq = seq[key]
			seq[key]++
			s.Tags = tags
		}
		h.Sets = append(h.Sets, sets...)
	}
	return h
}

func mustFloat(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("mustFloat(%q): %v", s, err)
	}
	return v
}

func mustCheckin(t testing.TB, d Date, f []string) Checkin {
	t.Helper()
	c := Checkin{Date: d}
	for i := 0; i < len(f); i++ {
		if strings.HasPrefix(f[i], "#") {
			c.Tags = append(c.Tags, f[i][1:])
			continue
		}
		if i+1 >= len(f) {
			t.Fatalf("checkin: %q has no value", f[i])
		}
		k, v := f[i], f[i+1]
		i++
		switch k {
		case "sleep":
			c.Sleep = Sleep(v)
		case "soreness":
			c.Soreness = Soreness(v)
		case "joints":
			c.Joints = Joints(v)
		case "motivation":
			c.Motivation = Motivation(v)
		case "warmup":
			c.Warmup = WarmupFeel(v)
		case "rhr":
			c.RHR = int(mustFloat(t, v))
		case "hrv":
			c.HRV = mustFloat(t, v)
		case "slept":
			c.SleptHours = mustFloat(t, v)
		default:
			t.Fatalf("checkin: unknown field %q", k)
		}
	}
	return c
}

// goodCheckins returns a check-in line with no flags for each of the n days ending today.
func goodCheckins(t testing.TB, today string, n int) string {
	t.Helper()
	d := mustDate(t, today)
	var b strings.Builder
	for i := n - 1; i >= 0; i-- {
		b.WriteString(d.AddDays(-i).String() + " checkin sleep good soreness normal\n")
	}
	return b.String()
}

// mustContain fails unless some line of lines contains want.
func mustContain(t testing.TB, what string, lines []string, want string) {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(l, want) {
			return
		}
	}
	t.Errorf("%s: got %q, want a line containing %q", what, lines, want)
}

// testProfile is an intermediate lifter in kg whose planned deload is far away.
func testProfile() Profile {
	return Profile{Level: Intermediate, DeloadEvery: 12, Units: Kg}
}

// newAdvice is one lift's advice on today, for tests that look inside it.
func newAdvice(h History, p Profile, lift string, today Date) *advice {
	return newAdviceOn(h, p, lift, today, sessionsOf(h, lift, today), &shared{})
}
