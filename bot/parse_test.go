package bot

import (
	"errors"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

func kg(v float64) engine.Load { return engine.NewLoad(v, engine.Kg) }
func lb(v float64) engine.Load { return engine.NewLoad(v, engine.Lb) }

func TestParseLog(t *testing.T) {
	type set = LoggedSet
	tests := []struct {
		in   string
		unit engine.Unit
		want LogCommand
	}{
		{"squat 100x5 rir2", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"sq 100x5x3", engine.Kg, LogCommand{Lift: "squat", Typed: "sq", Sets: []set{{Load: kg(100), Reps: 5}, {Load: kg(100), Reps: 5}, {Load: kg(100), Reps: 5}}}},
		{"bench press 3x5@80 rpe8", engine.Kg, LogCommand{Lift: "bench", Typed: "bench press", Sets: []set{{Load: kg(80), Reps: 5, RIR: 2, HasRIR: true}, {Load: kg(80), Reps: 5, RIR: 2, HasRIR: true}, {Load: kg(80), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"dl 140x5, 150x3 @8.5", engine.Kg, LogCommand{Lift: "deadlift", Typed: "dl", Sets: []set{{Load: kg(140), Reps: 5, RIR: 1.5, HasRIR: true}, {Load: kg(150), Reps: 3, RIR: 1.5, HasRIR: true}}}},
		{"squat 100x5 rir2 105x3 rir 1", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}, {Load: kg(105), Reps: 3, RIR: 1, HasRIR: true}}}},
		{"ohp 225lbx5", engine.Kg, LogCommand{Lift: "overhead press", Typed: "ohp", Sets: []set{{Load: lb(225), Reps: 5}}}},
		{"press 100kgx5", engine.Lb, LogCommand{Lift: "overhead press", Typed: "press", Sets: []set{{Load: kg(100), Reps: 5}}}},
		{"squat 102.5x3", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(102.5), Reps: 3}}}},
		{"squat 100 x 5", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5}}}},
		{"squat 100 kg x5", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5}}}},
		{"pull-up bwx8 bw+20x5", engine.Kg, LogCommand{Lift: "pull-up", Typed: "pull-up", Sets: []set{{Load: kg(0), Bodyweight: true, Reps: 8}, {Load: kg(20), Bodyweight: true, Reps: 5}}}},
		{"dip 3x10@bw", engine.Kg, LogCommand{Lift: "dip", Typed: "dip", Sets: []set{{Load: kg(0), Bodyweight: true, Reps: 10}, {Load: kg(0), Bodyweight: true, Reps: 10}, {Load: kg(0), Bodyweight: true, Reps: 10}}}},
		{"squat w60x5 w80x3 100x5 rir2", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(60), Reps: 5, Warmup: true}, {Load: kg(80), Reps: 3, Warmup: true}, {Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		// An effort typed for warm-ups alone is theirs.
		{"squat w60x5 rir5 100x5 rir2", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(60), Reps: 5, Warmup: true, RIR: 5, HasRIR: true}, {Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"yesterday paused squat 80x3 rest 2:30 #travel #newbar", engine.Kg, LogCommand{DateWord: "yesterday", Lift: "paused squat", Typed: "paused squat", RestSec: 150, Tags: []string{"travel", "newbar"}, Sets: []set{{Load: kg(80), Reps: 3}}}},
		{"2026-11-01 close grip bench 80x8 rest 90s", engine.Kg, LogCommand{DateWord: "2026-11-01", Lift: "close grip bench", Typed: "close grip bench", RestSec: 90, Sets: []set{{Load: kg(80), Reps: 8}}}},
		{"Today SQUAT 100X5 RIR2 rest 2m", engine.Kg, LogCommand{DateWord: "today", Lift: "squat", Typed: "squat", RestSec: 120, Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"curl 20x12 rpe 9.5", engine.Kg, LogCommand{Lift: "curl", Typed: "curl", Sets: []set{{Load: kg(20), Reps: 12, RIR: 0.5, HasRIR: true}}}},
		// Sets x reps @ load keeps its meaning whatever follows the @.
		{"squat 3x5@100", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(3, set{Load: kg(100), Reps: 5})}},
		{"squat 3x5@100kg", engine.Lb, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(3, set{Load: kg(100), Reps: 5})}},
		{"squat 2x5@225lb", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(2, set{Load: lb(225), Reps: 5})}},
		{"lateral raise 3x12@8", engine.Kg, LogCommand{Lift: "lateral raise", Typed: "lateral raise", Sets: nSets(3, set{Load: kg(8), Reps: 12})}},
		{"lateral raise 3x12@7.5", engine.Kg, LogCommand{Lift: "lateral raise", Typed: "lateral raise", Sets: nSets(3, set{Load: kg(7.5), Reps: 12})}},
		{"curl 10x10@10", engine.Kg, LogCommand{Lift: "curl", Typed: "curl", Sets: nSets(10, set{Load: kg(10), Reps: 10})}},
		{"squat 12x3@100", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(12, set{Load: kg(100), Reps: 3})}},
		{"squat w2x5@60 3x5@100", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: append(nSets(2, set{Load: kg(60), Reps: 5, Warmup: true}), nSets(3, set{Load: kg(100), Reps: 5})...)}},
		{"weighted dip 3x5@bw+20", engine.Kg, LogCommand{Lift: "weighted dip", Typed: "weighted dip", Sets: nSets(3, set{Load: kg(20), Bodyweight: true, Reps: 5})}},
		{"squat 3x5@100 @8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(3, set{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true})}},
		{"squat 3 x 5@100", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(3, set{Load: kg(100), Reps: 5})}},
		// Load x reps @ RPE: the set carries its own effort.
		{"squat 100x5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 225x5@8", engine.Lb, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: lb(225), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 100x5x3@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(3, set{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true})}},
		{"squat 100x5@8.5", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 1.5, HasRIR: true}}}},
		{"squat 100x1@10 90x3@6", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 1, RIR: 0, HasRIR: true}, {Load: kg(90), Reps: 3, RIR: 4, HasRIR: true}}}},
		{"squat 100x5@1", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 9, HasRIR: true}}}},
		{"squat 100kgx5@8", engine.Lb, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 225lbx5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: lb(225), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 225lbsx5x2@7", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: nSets(2, set{Load: lb(225), Reps: 5, RIR: 3, HasRIR: true})}},
		{"squat 102.5x3@9", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(102.5), Reps: 3, RIR: 1, HasRIR: true}}}},
		{"curl 12x10@8", engine.Kg, LogCommand{Lift: "curl", Typed: "curl", Sets: []set{{Load: kg(12), Reps: 10, RIR: 2, HasRIR: true}}}},
		{"curl 10.0x10@9", engine.Kg, LogCommand{Lift: "curl", Typed: "curl", Sets: []set{{Load: kg(10), Reps: 10, RIR: 1, HasRIR: true}}}},
		{"pull-up bw+20x5@8 bwx8@9.5", engine.Kg, LogCommand{Lift: "pull-up", Typed: "pull-up", Sets: []set{{Load: kg(20), Bodyweight: true, Reps: 5, RIR: 2, HasRIR: true}, {Load: kg(0), Bodyweight: true, Reps: 8, RIR: 0.5, HasRIR: true}}}},
		{"squat 100 x 5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 100 x5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 100x 5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		{"squat 100 kg x5@8", engine.Lb, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		// Warm-ups before a set with its RPE do not take it; a warm-up may carry its own.
		{"squat w60x5 w80x3 100x5x3@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: append([]set{{Load: kg(60), Reps: 5, Warmup: true}, {Load: kg(80), Reps: 3, Warmup: true}}, nSets(3, set{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true})...)}},
		{"squat w60x5@5 100x5@8", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(60), Reps: 5, Warmup: true, RIR: 5, HasRIR: true}, {Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
		// An effort token describes the sets after the last set with its own RPE.
		{"squat 100x5@8 105x3 rir1", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}, {Load: kg(105), Reps: 3, RIR: 1, HasRIR: true}}}},
		{"squat 100x5 105x3@9 110x1", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", Sets: []set{{Load: kg(100), Reps: 5}, {Load: kg(105), Reps: 3, RIR: 1, HasRIR: true}, {Load: kg(110), Reps: 1}}}},
		{"squat 100x5@8 rest 3m #travel", engine.Kg, LogCommand{Lift: "squat", Typed: "squat", RestSec: 180, Tags: []string{"travel"}, Sets: []set{{Load: kg(100), Reps: 5, RIR: 2, HasRIR: true}}}},
	}
	for _, tt := range tests {
		got, err := ParseLog(tt.in, tt.unit)
		if err != nil {
			t.Errorf("ParseLog(%q): %v", tt.in, err)
			continue
		}
		if g, w := render(got), render(tt.want); g != w {
			t.Errorf("ParseLog(%q)\n got %s\nwant %s", tt.in, g, w)
		}
	}
}

// nSets is n copies of s: the sets one token like 3x5@100 stands for.
func nSets(n int, s LoggedSet) []LoggedSet {
	out := make([]LoggedSet, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func render(c LogCommand) string {
	var b strings.Builder
	b.WriteString(c.DateWord + "|" + c.Lift + "|" + c.Typed + "|")
	for _, s := range c.Sets {
		b.WriteString(s.Load.String())
		if s.Bodyweight {
			b.WriteString(" bw")
		}
		if s.Warmup {
			b.WriteString(" warm")
		}
		b.WriteString(" x" + engine.FormatNumber(float64(s.Reps)))
		if s.HasRIR {
			b.WriteString(" rir" + engine.FormatNumber(s.RIR))
		}
		b.WriteString(";")
	}
	b.WriteString("|" + engine.FormatNumber(float64(c.RestSec)) + "|" + strings.Join(c.Tags, ","))
	return b.String()
}

func TestParseLogRefuses(t *testing.T) {
	tests := []struct {
		in, token string
	}{
		{"", ""},
		{"squat", ""},
		{"100x5", "100x5"},
		{"squat 100y5", "100y5"},
		{"squat 100x0", "100x0"},
		{"squat 0x5", "0x5"},
		{"squat 1001x1", "1001x1"},
		{"squat 2300lbx1", "2300lbx1"},
		{"squat 100x5 rir11", "rir11"},
		{"squat 100x5 rir-1", "rir-1"},
		{"squat 100x5 rpe11", "rpe11"},
		{"squat 100x5 rpe0.5", "rpe0.5"},
		{"squat 100x5 rpe8.3", "rpe8.3"},
		{"squat 100x5 rir", "rir"},
		{"squat rir2", "rir2"},
		{"squat 100x5 rest", "rest"},
		{"squat 100x5 rest 5h", "5h"},
		{"squat 100x5 fast", "fast"},
		{"squat 100x5 #", "#"},
		{"squat 100x5x99", "100x5x99"},
		{"squat 100x500", "100x500"},
		{"squat 100x5 rir2 rir3", "rir3"},
		{"squat 100x5@11", "100x5@11"},
		{"squat 100x5@0.5", "100x5@0.5"},
		{"squat 100x5@8.3", "100x5@8.3"},
		{"squat 100x5x3@100", "100x5x3@100"},
		{"squat 102.5x5@11", "102.5x5@11"},
		{"squat 100kgx5@80", "100kgx5@80"},
		{"squat 100x5x30@8", "100x5x30@8"},
		{"squat 100x5@8 rir2", "rir2"},
		{"squat 100x5@8 rpe 8", "rpe 8"},
		{"squat 100x5@8 @8", "@8"},
		{"squat w60x5 100x5x3@8 rir2", "rir2"},
		{"squat 100x5@8 #travel rir2", "rir2"},
	}
	for _, tt := range tests {
		_, err := ParseLog(tt.in, engine.Kg)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("ParseLog(%q): got %v, want an InputError", tt.in, err)
			continue
		}
		if ie.Token != tt.token {
			t.Errorf("ParseLog(%q): got token %q, want %q (%v)", tt.in, ie.Token, tt.token, err)
		}
		if ie.Example == "" {
			t.Errorf("ParseLog(%q): error has no example", tt.in)
		}
	}
}

func TestParseCheckin(t *testing.T) {
	got, err := ParseCheckin("yesterday sleep poor soreness high joints irritated motivation low warmup heavy rhr 61 hrv 48.5 slept 5.5h #travel")
	if err != nil {
		t.Fatal(err)
	}
	want := engine.Checkin{Sleep: "poor", Soreness: "high", Joints: "irritated", Motivation: "low", Warmup: "heavy", RHR: 61, HRV: 48.5, SleptHours: 5.5, Tags: []string{"travel"}}
	if got.DateWord != "yesterday" || got.Fields.Sleep != want.Sleep || got.Fields.Soreness != want.Soreness || got.Fields.Joints != want.Joints ||
		got.Fields.Motivation != want.Motivation || got.Fields.Warmup != want.Warmup || got.Fields.RHR != want.RHR || got.Fields.HRV != want.HRV ||
		got.Fields.SleptHours != want.SleptHours || strings.Join(got.Fields.Tags, ",") != "travel" || len(got.Given) != 8 {
		t.Errorf("got %+v (date %q, given %v), want %+v", got.Fields, got.DateWord, got.Given, want)
	}
	for _, bad := range []struct{ in, token string }{
		{"sleep great", "great"}, {"mood good", "mood"}, {"rhr", "rhr"}, {"rhr 300", "300"}, {"hrv x", "x"},
		{"slept 25", "25"}, {"sleep good sleep poor", "sleep"}, {"#", "#"},
	} {
		_, err := ParseCheckin(bad.in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Token != bad.token {
			t.Errorf("ParseCheckin(%q): got %v, want an InputError on %q", bad.in, err, bad.token)
		}
	}
}

func FuzzParseLog(f *testing.F) {
	for _, s := range []string{"squat 100x5 rir2", "sq 100x5x3", "3x5@100 rpe8", "bench 225lbx5 @8.5", "squat 100x5@8", "squat w60x5 100x5x3@8.5 rir2", "dl 12x3@8 3x5@8", "pull-up bw+20x5 bwx8",
		"yesterday squat w60x5 100x5 rest 2:30 #travel", "2026-01-01 dl 140 x 5", "squat 100 kg x5, 105x3 rir1", "x", "@", "rest rest", "1e309x5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cmd, err := ParseLog(s, engine.Kg)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("ParseLog(%q): non-input error %v", s, err)
			}
			return
		}
		if len(cmd.Sets) == 0 || cmd.Lift == "" {
			t.Fatalf("ParseLog(%q): accepted with no sets or lift: %+v", s, cmd)
		}
		for _, st := range cmd.Sets {
			if st.Reps <= 0 || st.Load.Milli < 0 || st.Load.Kg() > limits.MaxLoadKg || (st.Load.Milli == 0 && !st.Bodyweight) {
				t.Fatalf("ParseLog(%q): accepted bad set %+v", s, st)
			}
			if st.HasRIR && (st.RIR < 0 || st.RIR > 10) {
				t.Fatalf("ParseLog(%q): accepted RIR %v", s, st.RIR)
			}
		}
	})
}

func FuzzParseCheckin(f *testing.F) {
	for _, s := range []string{"sleep good", "yesterday sleep poor soreness high rhr 60 hrv 55.5 slept 7h #sick", "rhr", "2026-02-30 sleep ok", "slept NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cmd, err := ParseCheckin(s)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("ParseCheckin(%q): non-input error %v", s, err)
			}
			return
		}
		c := cmd.Fields
		if c.RHR < 0 || c.RHR > 150 || c.HRV < 0 || c.HRV > 500 || c.SleptHours < 0 || c.SleptHours > 24 {
			t.Fatalf("ParseCheckin(%q): accepted %+v", s, c)
		}
	})
}

func TestLoadZoneIgnoresCase(t *testing.T) {
	for in, want := range map[string]string{"europe/berlin": "Europe/Berlin", "AMERICA/NEW_YORK": "America/New_York", "utc": "UTC", "Asia/Kathmandu": "Asia/Kathmandu", "america/argentina/buenos_aires": "America/Argentina/Buenos_Aires"} {
		loc, err := loadZone(in)
		if err != nil || loc.String() != want {
			t.Errorf("loadZone(%q) = %v, %v; want %s", in, loc, err, want)
		}
	}
	if _, err := loadZone("Mars/Olympus"); err == nil {
		t.Error("loadZone(Mars/Olympus) found a zone")
	}
}

func TestParseLogExplains(t *testing.T) {
	for _, tt := range []struct{ in, token, says string }{
		{"squat 99999999999999999999x5", "99999999999999999999x5", "more than 1000 kg"},
		{"squat 100x5 rir -1", "rir -1", "can't be negative"},
		{"squat 102,5x5", "102,5x5", "102.5x5"},
		{"squat; DROP TABLE sets;-- 100x5", "squat;", "letters, digits"},
		{"squat 100x5@8 rir2", "rir2", "100x5@8 already has its effort"},
		{"squat 100x5@8 rpe 8", "rpe 8", "100x5@8 or 100x5 rpe 8"},
		{"squat 100x5@11", "100x5@11", "the RPE: 1 to 10"},
		{"squat 100x5x3@8.3", "100x5x3@8.3", "steps of 0.5"},
	} {
		_, err := ParseLog(tt.in, engine.Kg)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Token != tt.token || !strings.Contains(ie.Error(), tt.says) {
			t.Errorf("ParseLog(%q): got %v, want token %q and %q", tt.in, err, tt.token, tt.says)
		}
	}
	long := strings.Repeat("a", 5000) + " 100y5"
	_, err := ParseLog("squat "+long, engine.Kg)
	if err == nil || len(err.Error()) > 400 {
		t.Errorf("a 5000-character token came back whole (%d characters)", len(err.Error()))
	}
}
