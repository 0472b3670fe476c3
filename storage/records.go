package storage

import (
	"fmt"
	"sort"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// qBestSets reads each distinct loaded working set of a user (of one lift,
// or all when the lift is ”) with the first day it was done: what
// /records ranks. Sets repeated week after week are one row.
var qBestSets = newQuery(`
	SELECT s.lift, s.load_milli, s.load_unit, s.reps, COALESCE(s.rir, 0), COALESCE(s.has_rir, false), COALESCE(s.kind, ''), MIN(s.date)
	FROM sets s WHERE s.user_id = ? AND (? = '' OR s.lift = ?) AND ` + bestSets + `
	GROUP BY s.lift, s.load_milli, s.load_unit, s.reps, COALESCE(s.rir, 0), COALESCE(s.has_rir, false), COALESCE(s.kind, '')
	ORDER BY s.lift, MIN(s.date), s.load_milli, s.reps`)

// BestSets returns the user's distinct loaded working sets of lift (every
// lift when lift is ""), each once with the first day it was done, by lift
// then day; none when there are none.
func (t *tx) BestSets(userID int64, lift string) ([]engine.Set, error) {
	rows, err := t.queryRows(qBestSets, userID, lift, lift)
	if err != nil {
		return nil, fmt.Errorf("best sets: %w", err)
	}
	defer rows.Close()
	var out []engine.Set
	for rows.Next() {
		var (
			s      engine.Set
			unit   string
			kind   string
			date   int
			hasRIR bool
		)
		if err := rows.Scan(&s.Lift, &s.Load.Milli, &unit, &s.Reps, &s.RIR, &hasRIR, &kind, &date); err != nil {
			return nil, fmt.Errorf("best sets: %w", err)
		}
		s.Load.Unit, s.Kind, s.Date, s.HasRIR = engine.Unit(unit), engine.SetKind(kind), engine.Date(date), hasRIR
		out = append(out, s)
	}
	if err := fault(rows.Err()); err != nil {
		return nil, fmt.Errorf("best sets: %w", err)
	}
	return out, rows.Close()
}

var _ bot.RecordsTx = (*tx)(nil)

// sortBests puts a lift's bests in one order whatever path read them: by
// first day, then load.
func sortBests(bs []bot.LoadBest) {
	sort.Slice(bs, func(i, j int) bool {
		a, b := bs[i], bs[j]
		if a.First != b.First {
			return a.First < b.First
		}
		if a.Load.Milli != b.Load.Milli {
			return a.Load.Milli < b.Load.Milli
		}
		return a.Load.Unit < b.Load.Unit
	})
}
