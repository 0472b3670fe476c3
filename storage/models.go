package storage

import "time"

// The gorm models are unexported: the rest of Spotter sees bot and engine
// types. Dates are engine.Date day numbers (int), so range queries on
// (user, lift, date) use one index.
//
// The models are for queries; the schema is made by the numbered migrations
// (migrate.go). TestMigrationsMatchModels holds the two to one schema: a
// column or index changed here needs a migration, and the reverse.

type userRow struct {
	ID            int64 `gorm:"primaryKey"`
	Name          string
	Units         string `gorm:"size:2;not null"`
	Level         string `gorm:"size:16;not null"`
	TZ            string `gorm:"size:64;not null"`
	IncrementMill int64
	IncrementUnit string `gorm:"size:2"`
	DeloadEvery   int
	DeloadStyle   string `gorm:"size:16"`
	PollTime      string `gorm:"size:5"`
	Pending       string `gorm:"size:64"`
	Started       bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// The bar and plates of /plates, in PlateUnit ("" = the defaults).
	PlateUnit  string `gorm:"size:2"`
	BarMilli   int64
	Plates     string `gorm:"size:128"`
	PlatesShow bool
}

func (userRow) TableName() string { return "users" }

type identityRow struct {
	ID             int64  `gorm:"primaryKey"`
	Platform       string `gorm:"size:16;not null;uniqueIndex:idx_identity,priority:1"`
	PlatformUserID string `gorm:"size:64;not null;uniqueIndex:idx_identity,priority:2"`
	UserID         int64  `gorm:"not null;index"`
	CreatedAt      time.Time
}

func (identityRow) TableName() string { return "identities" }

// handledRow records each inbound message once, with the reply it got:
// the unique key is what makes a redelivered message harmless.
type handledRow struct {
	ID        int64  `gorm:"primaryKey"`
	Platform  string `gorm:"size:16;not null;uniqueIndex:idx_handled,priority:1"`
	Ref       string `gorm:"size:128;not null;uniqueIndex:idx_handled,priority:2"`
	UserID    int64  `gorm:"index"`
	Reply     string
	CreatedAt time.Time
}

func (handledRow) TableName() string { return "handled_messages" }

type entryRow struct {
	ID        int64  `gorm:"primaryKey"`
	UserID    int64  `gorm:"not null;index:idx_entries_user,priority:1"`
	Kind      string `gorm:"size:16;not null"`
	Date      int32  `gorm:"not null"`
	Lift      string `gorm:"size:64"`
	Summary   string
	PrevJSON  string
	CreatedAt time.Time `gorm:"index:idx_entries_user,priority:2"`
}

func (entryRow) TableName() string { return "entries" }

type setRow struct {
	ID         int64  `gorm:"primaryKey"`
	UserID     int64  `gorm:"not null;index:idx_sets_user_lift_date,priority:1;index:idx_sets_user_date,priority:1"`
	EntryID    int64  `gorm:"not null;index"`
	Lift       string `gorm:"size:64;not null;index:idx_sets_user_lift_date,priority:2"`
	Date       int32  `gorm:"not null;index:idx_sets_user_lift_date,priority:3;index:idx_sets_user_date,priority:2"`
	Seq        int    `gorm:"not null"`
	LoadMilli  int64  `gorm:"not null"`
	LoadUnit   string `gorm:"size:2;not null"`
	LoadKg     float64
	Bodyweight bool
	Reps       int `gorm:"not null"`
	RIR        float64
	HasRIR     bool
	Kind       string `gorm:"size:16"`
	RestSec    int
	Tags       string // space-separated, without '#'

	// ImportKey is "userID:hash" for an imported set (its unique index makes
	// re-importing a file add nothing); NULL for sets logged in chat.
	ImportKey *string `gorm:"size:96;uniqueIndex:idx_sets_import_key_given,where:import_key IS NOT NULL"`
}

func (setRow) TableName() string { return "sets" }

type checkinRow struct {
	ID         int64  `gorm:"primaryKey"`
	UserID     int64  `gorm:"not null;uniqueIndex:idx_checkin_day,priority:1"`
	Date       int32  `gorm:"not null;uniqueIndex:idx_checkin_day,priority:2"`
	Sleep      string `gorm:"size:8"`
	Soreness   string `gorm:"size:8"`
	Joints     string `gorm:"size:10"`
	Motivation string `gorm:"size:8"`
	Warmup     string `gorm:"size:8"`
	RHR        int
	HRV        float64
	SleptHours float64
	Tags       string
	UpdatedAt  time.Time
}

func (checkinRow) TableName() string { return "checkins" }

type deloadRow struct {
	ID      int64 `gorm:"primaryKey"`
	UserID  int64 `gorm:"not null;uniqueIndex:idx_deload,priority:1"`
	Start   int32 `gorm:"column:start_day;not null;uniqueIndex:idx_deload,priority:2"`
	Skipped bool  `gorm:"not null;uniqueIndex:idx_deload,priority:3"`
	End     int32 `gorm:"column:end_day;not null"`
	Planned bool
}

func (deloadRow) TableName() string { return "deloads" }

// inboxRow is one raw platform update, recorded before the platform is told
// it arrived (see inbox.go).
type inboxRow struct {
	ID         int64  `gorm:"primaryKey"`
	Platform   string `gorm:"size:16;not null;uniqueIndex:idx_inbox,priority:1;index:idx_inbox_undone,priority:1,where:done = false"`
	UpdateID   int64  `gorm:"not null;uniqueIndex:idx_inbox,priority:2;index:idx_inbox_undone,priority:2"`
	ChatKey    string `gorm:"size:64;not null"`
	Payload    string `gorm:"not null"`
	Done       bool   `gorm:"not null;default:false"`
	ReceivedAt time.Time
	DoneAt     *time.Time
	// Owner is the replica handling the update until LeaseUntil; after
	// that (it died) another replica may take it.
	Owner      string `gorm:"size:64"`
	LeaseUntil *time.Time
	// KeptKey is set when the sender was told the update is kept while
	// storage is down: the adapter's key of its chat, sender and words, so
	// that the same words sent again before it is answered are recognised.
	KeptKey *string `gorm:"size:64;index:idx_inbox_kept,where:kept_key IS NOT NULL"`
}

func (inboxRow) TableName() string { return "inbox" }

// allModels is every table, in creation order; /forget walks the same list.
func allModels() []any {
	return []any{&userRow{}, &identityRow{}, &handledRow{}, &entryRow{}, &setRow{}, &checkinRow{}, &deloadRow{},
		&teamRow{}, &teamMemberRow{}, &teamPostRow{}, &teamCheckinRow{}, &linkCodeRow{}, &inboxRow{}, &nudgeRow{}, &liftRangeRow{},
		&bodyWeightRow{}, &noteRow{},
		&restTimerRow{}, &routineRow{},
		&liftAliasRow{}, &liftSettingRow{}}
}
