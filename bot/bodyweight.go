package bot

import "github.com/spotterbot/spotter/engine"

// BodyTx is the storage of body weights (/bw, /checkin bw) and notes
// (/note, a quoted note on /log).
type BodyTx interface {
	// AddBodyWeight stores a weigh-in under an entry (0: none, for an
	// import); the day's last one is the day's weight, and DeleteEntry
	// removes it (bringing back the one before).
	AddBodyWeight(userID, entryID int64, bw engine.BodyWeight) error
	// BodyWeights returns one body weight a day (the day's last) from from
	// on, preceded by the latest before from when there is one, by date.
	BodyWeights(userID int64, from engine.Date) ([]engine.BodyWeight, error)
	// AddNote stores a note under an entry (0: none, for an import);
	// DeleteEntry removes it.
	AddNote(userID, entryID int64, n Note) error
	// Notes returns the user's notes on days from..to, by date then as stored.
	Notes(userID int64, from, to engine.Date) ([]Note, error)
	// LastSessionOn returns the lift of the user's latest /log entry on a
	// day, or ErrNotFound.
	LastSessionOn(userID int64, day engine.Date) (string, error)
}

// Note is a lifter's words on a session (Lift set) or on a day (Lift "").
type Note struct {
	Date engine.Date
	Lift string
	Text string
}
