package bot

import (
	"errors"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		in   string
		want RangeCommand
	}{
		{"", RangeCommand{}},
		{"squat 3-5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"row 8-12", RangeCommand{Lift: "row", Range: engine.RepRange{Lo: 8, Hi: 12}}},
		{"Squat 5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 5, Hi: 5}}},
		{"sq 1", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 1, Hi: 1}}},
		{"bench press 1-30", RangeCommand{Lift: "bench", Range: engine.RepRange{Lo: 1, Hi: 30}}},
		{"paused squat 2-4", RangeCommand{Lift: "paused squat", Range: engine.RepRange{Lo: 2, Hi: 4}}},
		{`"paused squat" 2-4`, RangeCommand{Lift: "paused squat", Range: engine.RepRange{Lo: 2, Hi: 4}}},
		{"“paused squat” 2-4", RangeCommand{Lift: "paused squat", Range: engine.RepRange{Lo: 2, Hi: 4}}},
		{"'paused squat' 2-4", RangeCommand{Lift: "paused squat", Range: engine.RepRange{Lo: 2, Hi: 4}}},
		{"farmer's walk 8-12", RangeCommand{Lift: "farmer's walk", Range: engine.RepRange{Lo: 8, Hi: 12}}},
		{"t-bar row 8-12 reps", RangeCommand{Lift: "t-bar row", Range: engine.RepRange{Lo: 8, Hi: 12}}},
		{"squat 3 - 5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"squat 3 -5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"squat 3- 5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"squat 3–5", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"squat 03-05", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
		{"squat off", RangeCommand{Lift: "squat", Off: true}},
		{"Paused Squat OFF", RangeCommand{Lift: "paused squat", Off: true}},
		{"Squat 3-5 REPS", RangeCommand{Lift: "squat", Range: engine.RepRange{Lo: 3, Hi: 5}}},
	}
	for _, tt := range tests {
		got, err := ParseRange(strings.Fields(tt.in))
		if err != nil {
			t.Errorf("ParseRange(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseRange(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
		if got.Lift != "" && !got.Off && !got.Range.Valid() {
			t.Errorf("ParseRange(%q): got range %v, which the engine calls invalid", tt.in, got.Range)
		}
	}
}

func TestParseRangeRefuses(t *testing.T) {
	tests := []struct {
		in, token, problem string
	}{
		{"squat 5-3", "5-3", "the low end comes first: 3-5"},
		{"squat 0", "0", "starts at 1 rep"},
		{"squat 0-5", "0-5", "starts at 1 rep"},
		{"squat 8-31", "8-31", "30 reps or fewer"},
		{"squat 40", "40", "30 reps or fewer"},
		{"squat 99999999999999999999", "99999999999999999999", "30 reps or fewer"},
		{"squat 3.5-5", "3.5-5", "whole reps"},
		{"squat 3,5", "3,5", "whole reps"},
		{"squat nan", "nan", "whole reps"},
		{"squat NaN-5", "NaN-5", "whole reps"},
		{"squat Inf", "Inf", "whole reps"},
		{"squat 1_0", "1_0", "whole reps"},
		{"squat -3", "-3", "whole reps"},
		{"squat 3-", "3-", "whole reps"},
		{"squat 3-5-7", "3-5-7", "whole reps"},
		{"squat +5", "+5", "whole reps"},
		{"squat 0x5", "0x5", "whole reps"},
		{"paused squat", "squat", "whole reps"}, // the range is missing: the last word is read as one
		{"squat", "squat", "whole reps"},
		{"3-5", "", "Which lift?"},
		{"off", "", "Which lift?"},
		{`"" 3-5`, "", "Which lift?"},
		{"squat 3 5", "3", "one word, last"},
		{"squat 3-5 8-12", "3-5", "one word, last"},
		{"squat;drop 3-5", "squat;drop", "a lift name is"},
		{strings.Repeat("long ", 13) + "3-5", strings.TrimSpace(strings.Repeat("long ", 13)), "at most 60 characters"},
	}
	for _, tt := range tests {
		_, err := ParseRange(strings.Fields(tt.in))
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("ParseRange(%q): got %v, want an InputError", tt.in, err)
			continue
		}
		if ie.Token != tt.token {
			t.Errorf("ParseRange(%q): got token %q, want %q (%v)", tt.in, ie.Token, tt.token, err)
		}
		if !strings.Contains(ie.Error(), tt.problem) {
			t.Errorf("ParseRange(%q): got %q, want it to say %q", tt.in, ie.Error(), tt.problem)
		}
		if ie.Example == "" {
			t.Errorf("ParseRange(%q): error has no example", tt.in)
		}
	}
}
