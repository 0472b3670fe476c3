package bot

import "github.com/spotterbot/spotter/engine"

// LiftTx is the storage /lift, /lifts, /edit and /delete need (lifts.go,
// entries.go).
type LiftTx interface {
	// LiftNotes returns what the user said about their lift names.
	LiftNotes(userID int64) (LiftNotes, error)
	// LiftCounts returns each lift the user logged with its set count,
	// most sets first.
	LiftCounts(userID int64) ([]LiftCount, error)
	// Alias returns the lift an alias of the user's names, or ErrNotFound.
	Alias(userID int64, alias string) (string, error)
	// PutAlias makes alias log lift, replacing what it logged before.
	PutAlias(userID int64, alias, lift string) error
	// DeleteAlias removes an alias and reports whether there was one.
	DeleteAlias(userID int64, alias string) (bool, error)
	// SetLiftKind stores a lift's class ("lower compound", ...; "" clears it).
	SetLiftKind(userID int64, lift, kind string) error
	// SetLiftBase stores the lift a lift is a variation of ("" clears it).
	SetLiftBase(userID int64, lift, base string) error
	// MoveLift renames every set and entry of lift from to lift to, with
	// its rep range, kind and variation where to has none of its own (to's
	// own win; from's are dropped), and points from's aliases at to.
	MoveLift(userID int64, from, to string) (LiftMove, error)

	// Pieces returns the handles of the user's sets on the given days (one
	// lift, or all when lift is ""): one per entry, day and lift.
	Pieces(userID int64, lift string, days []engine.Date) ([]PieceRef, error)
	// Piece returns the piece a handle names, or ErrNotFound.
	Piece(userID, handle int64) (Piece, error)
	// ReplacePiece puts sets in the place of p's, keeping p's handle.
	ReplacePiece(userID int64, p Piece, sets []engine.Set) error
	// DeletePiece removes p's sets, and its entry when that held nothing
	// else (then entryGone).
	DeletePiece(userID int64, p Piece) (entryGone bool, err error)
	// SetEntrySummary changes how /undo names an entry (after an /edit of it).
	SetEntrySummary(userID, id int64, summary string) error
	// RestorePiece puts back a deleted piece with its handle, and e, the
	// entry it was deleted with, when not nil.
	RestorePiece(userID int64, p Piece, e *Entry) error
}

// LiftNotes is what a user said about their lift names, by canonical name.
type LiftNotes struct {
	Aliases map[string]string // alias -> lift
	Kinds   map[string]string // lift -> "lower compound", "upper isolation", ...
	Bases   map[string]string // lift -> the lift it is a variation of
}

// LiftCount is one of the user's lifts and how many sets it holds.
type LiftCount struct {
	Lift string
	Sets int
}

// LiftMove counts what MoveLift moved and dropped.
type LiftMove struct {
	Sets, Entries int
	Range         string // "moved", "dropped" (to had its own) or ""
	Setting       string // the same for kind and variation
	Aliases       int
}

// Piece is the sets one entry stored for one lift on one day: what /edit
// and /delete work on. A /log is one piece; an import holds many.
type Piece struct {
	Handle  int64 // the id of its first set: stable while the piece lives
	EntryID int64
	Date    engine.Date
	Lift    string
	IDs     []int64 // its sets' ids, in order
	Sets    []engine.Set
}

// PieceRef is a piece's handle, day and lift, for /history.
type PieceRef struct {
	Handle int64
	Date   engine.Date
	Lift   string
}

// PieceUndo is what /undo needs to take back an /edit or a /delete: the
// piece as it was, and the entry deleted with it (a /log's, when the piece
// was all it held).
type PieceUndo struct {
	Piece Piece
	Entry *Entry `json:",omitempty"`
}
