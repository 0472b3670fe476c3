package bot

import (
	"reflect"
	"testing"

	"github.com/spotterbot/spotter/engine"
)

// profileStore is a profileTx holding one user's first log and ranges.
type profileStore struct {
	first  engine.Date
	ranges map[string]engine.RepRange
	notes  LiftNotes
}

func (s profileStore) LiftNotes(int64) (LiftNotes, error) { return s.notes, nil }

func (s profileStore) FirstLog(int64) (engine.Date, error) { return s.first, nil }
func (s profileStore) Ranges(int64) (map[string]engine.RepRange, error) {
	return s.ranges, nil
}

func TestLoadProfileCarriesRanges(t *testing.T) {
	u := User{ID: 7, Level: engine.Advanced, Units: engine.Lb, Increment: engine.NewLoad(5, engine.Lb), DeloadEvery: 5, DeloadStyle: engine.DeloadVolume}
	ranges := map[string]engine.RepRange{"squat": {Lo: 3, Hi: 5}, "row": {Lo: 8, Hi: 12}}
	first := engine.NewDate(2026, 1, 5)
	got, err := loadProfile(profileStore{first: first, ranges: ranges}, u)
	if err != nil {
		t.Fatal(err)
	}
	want := u.Profile(first)
	want.Ranges = ranges
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got profile %+v, want %+v", got, want)
	}
	// The lifter's kinds and variations reach the engine; a kind the bot
	// can't read (an older word) is left to the catalog.
	notes := LiftNotes{Kinds: map[string]string{"leg press": "lower isolation", "odd": "sideways"}, Bases: map[string]string{"ssb": "squat"}}
	got, err = loadProfile(profileStore{first: first, ranges: ranges, notes: notes}, u)
	if err != nil {
		t.Fatal(err)
	}
	want.Kinds = map[string]engine.Pattern{"leg press": {Lower: true}}
	want.Bases = map[string]string{"ssb": "squat"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with lift notes: got profile %+v, want %+v", got, want)
	}
}
