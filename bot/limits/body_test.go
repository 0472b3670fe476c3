package limits

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestBodyWeight(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		u    engine.Unit
		want string
	}{
		{82.5, engine.Kg, ""}, {20, engine.Kg, ""}, {400, engine.Kg, ""},
		{180, engine.Lb, ""}, {45, engine.Lb, ""}, {880, engine.Lb, ""},
		{19.9, engine.Kg, "less than 20 kg"},
		{825, engine.Kg, "more than 400 kg"},
		{40, engine.Lb, "less than 20 kg"},
		{900, engine.Lb, "more than 400 kg"},
		{0, engine.Kg, "less than 20 kg"},
		{-80, engine.Kg, "less than 20 kg"},
		{math.NaN(), engine.Kg, "not a finite number"},
		{math.Inf(1), engine.Lb, "not a finite number"},
	} {
		check(t, fmt.Sprintf("BodyWeight(%v %s)", tc.v, tc.u), BodyWeight(tc.v, tc.u), tc.want)
	}
}

func TestNote(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want string
	}{
		{"felt fast, belt", ""},
		{"💪 PR day 🎉", ""},
		{"Kniebeuge: schwer, aber gut", ""},
		{strings.Repeat("a", 500), ""},
		{strings.Repeat("é", 500), ""},
		{strings.Repeat("a", 501), "501 characters, more than 500"},
		{"   ", "an empty note"},
		{"", "an empty note"},
		{"line\nbreak", "control characters in the note"},
		{"nul\x00", "control characters in the note"},
		{"evil \u202e txt", "control characters in the note"},
		{"\xff\xfe", "not UTF-8 text"},
	} {
		check(t, fmt.Sprintf("Note(%.20q)", tc.s), Note(tc.s), tc.want)
	}
}
