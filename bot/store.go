package bot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// ErrNotFound is returned by Tx lookups that find nothing.
var ErrNotFound = errors.New("not found")

// User is one Spotter user and their settings.
type User struct {
	ID          int64
	Name        string
	Units       engine.Unit
	Level       engine.Level
	TZ          string // IANA zone
	Increment   engine.Load
	DeloadEvery int // weeks; 0 = the level's default
	DeloadStyle engine.DeloadStyle
	PollTime    string // "07:30"; "" = off
	Pending     string // the question an interactive flow waits on, e.g. "checkin:sleep"
	Started     bool   // /start was answered
	Kit         Kit    // bar and plates for /plates (bot/kit.go)
	CreatedAt   time.Time
}

// Location is the user's time zone, UTC when unset or unknown.
func (u User) Location() *time.Location { return cachedZone(u.TZ) }

// Profile is what the engine needs of the user row; loadProfile adds what
// is stored apart from it.
func (u User) Profile(firstLog engine.Date) engine.Profile {
	return engine.Profile{
		Level:       u.Level,
		DeloadEvery: u.DeloadEvery,
		DeloadStyle: u.DeloadStyle,
		Units:       u.Units,
		Increment:   u.Increment,
		FirstLog:    firstLog,
	}
}

// profileTx is what loadProfile reads.
type profileTx interface {
	FirstLog(userID int64) (engine.Date, error)
	Ranges(userID int64) (map[string]engine.RepRange, error)
	LiftNotes(userID int64) (LiftNotes, error)
}

// loadProfile is the engine's Profile of u: its settings, the day of its
// first set and its rep ranges. Every Profile the bot hands the engine comes
// from here, so none misses a setting stored outside the user row.
func loadProfile(tx profileTx, u User) (engine.Profile, error) {
	first, err := tx.FirstLog(u.ID)
	if err != nil {
		return engine.Profile{}, fmt.Errorf("first log: %w", err)
	}
	ranges, err := tx.Ranges(u.ID)
	if err != nil {
		return engine.Profile{}, fmt.Errorf("rep ranges: %w", err)
	}
	notes, err := tx.LiftNotes(u.ID)
	if err != nil {
		return engine.Profile{}, fmt.Errorf("lift notes: %w", err)
	}
	p := u.Profile(first)
	p.Ranges = ranges
	liftProfile(&p, notes)
	return p, nil
}

// EntryKind says what an entry stored.
type EntryKind string

const (
	EntrySets    EntryKind = "sets"
	EntryCheckin EntryKind = "checkin"
	EntryDeload  EntryKind = "deload" // a deload started or a planned one skipped; Date is its start
	EntryEdit    EntryKind = "edit"   // an /edit: Undo holds the sets it replaced
	EntryDelete  EntryKind = "delete" // a /delete: Undo holds the sets it removed
)

// Entry is one thing a user logged with one message: some sets, or a check-in.
// /undo removes entries.
type Entry struct {
	ID      int64
	UserID  int64
	Kind    EntryKind
	Date    engine.Date
	Lift    string          // for sets
	Summary string          // how the reply described it, for /undo's answer
	Prev    *engine.Checkin // for a check-in: the day's check-in before it, restored on undo
	Undo    *PieceUndo      // for an /edit or a /delete: what it changed, restored on undo
	Created time.Time
}

// Store is what the bot needs from storage. Do runs fn in one transaction:
// everything fn writes is stored together or not at all.
type Store interface {
	Do(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is the storage work available inside one transaction.
type Tx interface {
	ScheduleTx // bot/scheduled.go
	TeamTx     // bot/team.go
	LinkTx     // bot/link.go
	LogTx      // bot/log.go
	BatchTx    // bot/batch.go
	BodyTx     // bot/bodyweight.go
	RestTx     // bot/rest.go
	RoutineTx  // bot/routine.go
	RecordsTx  // bot/records.go
	// Handled records that message (platform, ref) was handled by userID
	// with reply. When that message was handled before, it stores nothing
	// and returns dup=true with the reply given then; the caller rolls back.
	// The unique key on (platform, ref) is what makes a redelivery harmless.
	Handled(platform, ref string, userID int64, reply string) (prev string, dup bool, err error)

	// UserFor returns the user behind an identity, creating both when new.
	UserFor(id Identity, defaults User) (User, error)
	SaveUser(u User) error

	// AddEntry stores e and returns its id.
	AddEntry(e Entry) (int64, error)
	// LastEntry returns the user's most recent entry, or ErrNotFound.
	LastEntry(userID int64) (Entry, error)
	// Entry returns one of the user's entries by id, or ErrNotFound.
	Entry(userID, id int64) (Entry, error)
	// DeleteEntry removes an entry and the sets it stored.
	DeleteEntry(userID, id int64) error

	// AddSets stores sets under an entry.
	AddSets(userID, entryID int64, sets []engine.Set) error
	// Checkin returns the user's check-in of a day, or ErrNotFound.
	Checkin(userID int64, d engine.Date) (engine.Checkin, error)
	// PutCheckin stores the day's check-in, replacing one already there.
	PutCheckin(userID int64, c engine.Checkin) error
	// DeleteCheckin removes the day's check-in.
	DeleteCheckin(userID int64, d engine.Date) error

	// History returns the sets since from (all lifts when lift is ""), the
	// check-ins since checkinsFrom, and all deloads; History.From is from.
	History(userID int64, lift string, from, checkinsFrom engine.Date) (engine.History, error)
	// LastSessionsBefore returns, for each lift, the sets of its last day
	// before the given day, oldest first; none for a lift first trained since.
	LastSessionsBefore(userID int64, before engine.Date) ([]engine.Set, error)
	// FirstLog returns the day of the user's first set, or 0 when none.
	FirstLog(userID int64) (engine.Date, error)
	// SessionDays returns the last n days on which the user logged the lift
	// (any lift when lift is ""), newest first.
	SessionDays(userID int64, lift string, n int) ([]engine.Date, error)
	// SetsOn returns the user's sets on the given days (all lifts when lift is "").
	SetsOn(userID int64, lift string, days []engine.Date) ([]engine.Set, error)
	// Lifts returns every lift the user has logged, most used first.
	Lifts(userID int64) ([]string, error)
	// HasLift reports whether the user has logged the lift before (one index probe).
	HasLift(userID int64, lift string) (bool, error)
	// LiftWindow returns the user's sets of one lift since from, oldest
	// first, and all their deloads: what the /log reply's comparison needs.
	LiftWindow(userID int64, lift string, from engine.Date) (LiftWindow, error)

	// AddDeload stores a deload (or a skipped planned one); UpdateDeload changes its end.
	AddDeload(userID int64, d engine.DeloadPeriod) error
	UpdateDeload(userID int64, start engine.Date, d engine.DeloadPeriod) error
	// DeleteDeload removes the deload (or the skip, when skipped) starting on start.
	DeleteDeload(userID int64, start engine.Date, skipped bool) error

	// Ranges returns the user's rep ranges by canonical lift name; an empty
	// map when the user set none.
	Ranges(userID int64) (map[string]engine.RepRange, error)
	// PutRange sets the user's rep range for a lift, replacing one already there.
	PutRange(userID int64, lift string, r engine.RepRange) error
	// DeleteRange removes the user's rep range for a lift and reports whether
	// there was one.
	DeleteRange(userID int64, lift string) (bool, error)

	ImportTx // /import (import.go)
	ForgetTx // /forget (forget.go)
	LiftTx   // /lift, /edit and /delete (lifttx.go)
}

// allTime is the first day History can be asked for: everything.
const allTime = engine.Date(math.MinInt32)
