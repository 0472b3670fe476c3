package storage

import (
	"fmt"
	"strconv"

	"gorm.io/gorm/clause"

	"github.com/spotterbot/spotter/bot"
)

// ImportSets stores imported sets under an entry. A set whose key the user
// already has is skipped (the unique index on import_key does it, so two
// concurrent imports of one file cannot both store it).
func (t *tx) ImportSets(userID, entryID int64, sets []bot.KeyedSet) (int, error) {
	if len(sets) == 0 {
		return 0, nil
	}
	rows := make([]setRow, len(sets))
	for i, ks := range sets {
		key := strconv.FormatInt(userID, 10) + ":" + ks.Key
		rows[i] = fromSet(userID, entryID, ks.Set)
		rows[i].ImportKey = &key
	}
	res := t.db.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 500)
	if res.Error != nil {
		return 0, fmt.Errorf("import sets: %w", res.Error)
	}
	return int(res.RowsAffected), nil
}
