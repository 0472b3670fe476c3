package storage

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// The statements every message or every /log makes are written out here and
// run on the transaction's connection directly (rawsql.go). Through gorm each
// cost a round of reflection over the model on the way in and out (most of
// the Go time of a /log), and /log's reads and writes were four round trips
// where two do: every round trip to PostgreSQL costs both processes a
// wake-up, which on a busy host is what bounds messages per second.

// usersOfSelect reads users with the identity each was found by.
const usersOfSelect = `SELECT i.platform, i.platform_user_id, u.id, COALESCE(u.name, ''), u.units, u.level, u.tz,
	COALESCE(u.increment_mill, 0), COALESCE(u.increment_unit, ''), COALESCE(u.deload_every, 0),
	COALESCE(u.deload_style, ''), COALESCE(u.poll_time, ''), COALESCE(u.pending, ''), COALESCE(u.started, false), u.created_at,
	COALESCE(u.plate_unit, ''), COALESCE(u.bar_milli, 0), COALESCE(u.plates, ''), COALESCE(u.plates_show, false)
	FROM users u JOIN identities i ON i.user_id = u.id`

var qUserByIdentity = newQuery(usersOfSelect + ` WHERE i.platform = ? AND i.platform_user_id = ? LIMIT 1`)

// scanUser reads one row of usersOfSelect.
func scanUser(rows *sql.Rows) (id bot.Identity, u userRow, err error) {
	var created sql.NullTime
	if err := rows.Scan(&id.Platform, &id.UserID, &u.ID, &u.Name, &u.Units, &u.Level, &u.TZ, &u.IncrementMill, &u.IncrementUnit,
		&u.DeloadEvery, &u.DeloadStyle, &u.PollTime, &u.Pending, &u.Started, &created,
		&u.PlateUnit, &u.BarMilli, &u.Plates, &u.PlatesShow); err != nil {
		return id, u, err
	}
	u.CreatedAt = created.Time
	return id, u, nil
}

// userByIdentity is UserFor's lookup; found is false when the identity is new.
func (t *tx) userByIdentity(id bot.Identity) (u userRow, found bool, err error) {
	rows, err := t.queryRows(qUserByIdentity, id.Platform, id.UserID)
	if err != nil {
		return u, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return u, false, fault(rows.Err())
	}
	if _, u, err = scanUser(rows); err != nil {
		return u, false, err
	}
	return u, true, rows.Close()
}

var qHandled = newQuery(`INSERT INTO handled_messages (platform, ref, user_id, reply, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)

// recordHandled stores the message's row; stored is false when (platform, ref) was there already.
func (t *tx) recordHandled(platform, ref string, userID int64, reply string) (stored bool, err error) {
	res, err := t.exec(qHandled, platform, ref, userID, reply, time.Now().UTC())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *tx) LiftWindow(userID int64, lift string, from engine.Date) (bot.LiftWindow, error) {
	hs, err := t.LiftWindows([]bot.WindowRequest{{UserID: userID, Lift: lift, From: from}})
	if err != nil {
		return bot.LiftWindow{}, err
	}
	return hs[0], nil
}

// liftWindowsSelect reads the windows of the requests in r (k, u, l, f):
// number, user, lift, first day.
const liftWindowsSelect = `
	SELECT 0, r.k, s.date, s.seq, s.id, s.load_milli, s.load_unit, COALESCE(s.bodyweight, false), s.reps, COALESCE(s.rir, 0),
		COALESCE(s.has_rir, false), COALESCE(s.kind, ''), COALESCE(s.rest_sec, 0), COALESCE(s.tags, ''), 0, false, false
	FROM r JOIN sets s ON s.user_id = r.u AND s.lift = r.l AND s.date >= r.f
	UNION ALL
	SELECT 1, r.k, d.start_day, 0, d.id, 0, '', false, 0, 0, false, '', 0, '', d.end_day, COALESCE(d.planned, false), d.skipped
	FROM r JOIN deloads d ON d.user_id = r.u
	UNION ALL
	SELECT 2, r.k, g.lo, 0, g.id, 0, '', false, g.hi, 0, false, '', 0, '', 0, false, false
	FROM r JOIN lift_ranges g ON g.user_id = r.u AND g.lift = r.l
	UNION ALL
	SELECT 3, r.k, MIN(s.date), 0, 0, s.load_milli, s.load_unit, false, MAX(s.reps), MAX(` + effectiveReps + `),
		false, '', 0, '', MAX(s.date), false, false
	FROM r JOIN sets s ON s.user_id = r.u AND s.lift = r.l
	WHERE ` + bestSets + `
	GROUP BY r.k, s.load_milli, s.load_unit
	ORDER BY 1, 2, 3, 4, 5`

// bestSets are the sets records are made of: loaded working sets (bot/records.go).
const bestSets = `COALESCE(s.kind, '') <> 'warmup' AND NOT COALESCE(s.bodyweight, false) AND s.reps > 0 AND s.load_milli > 0`

// effectiveReps is a set's reps plus its RIR, the reps alone when no
// effort was logged (as engine.SetE1RM reads it).
const effectiveReps = `s.reps + CASE WHEN COALESCE(s.has_rir, false) AND s.rir > 0 THEN s.rir ELSE 0 END`

// qLiftWindow is one request's window (number 0), with plain conditions
// the planner sees whole: the path of a message handled alone.
var qLiftWindow = newQuery(`
	SELECT 0, 0, s.date, s.seq, s.id, s.load_milli, s.load_unit, COALESCE(s.bodyweight, false), s.reps, COALESCE(s.rir, 0),
		COALESCE(s.has_rir, false), COALESCE(s.kind, ''), COALESCE(s.rest_sec, 0), COALESCE(s.tags, ''), 0, false, false
	FROM sets s WHERE s.user_id = ? AND s.lift = ? AND s.date >= ?
	UNION ALL
	SELECT 1, 0, d.start_day, 0, d.id, 0, '', false, 0, 0, false, '', 0, '', d.end_day, COALESCE(d.planned, false), d.skipped
	FROM deloads d WHERE d.user_id = ?
	UNION ALL
	SELECT 2, 0, g.lo, 0, g.id, 0, '', false, g.hi, 0, false, '', 0, '', 0, false, false
	FROM lift_ranges g WHERE g.user_id = ? AND g.lift = ?
	UNION ALL
	SELECT 3, 0, MIN(s.date), 0, 0, s.load_milli, s.load_unit, false, MAX(s.reps), MAX(` + effectiveReps + `),
		false, '', 0, '', MAX(s.date), false, false
	FROM sets s WHERE s.user_id = ? AND s.lift = ? AND ` + bestSets + `
	GROUP BY s.load_milli, s.load_unit
	ORDER BY 1, 2, 3, 4, 5`)

// qLiftWindowsPG takes the requests as arrays: one text, so one prepared
// plan, for every batch size.
var qLiftWindowsPG = newQuery(`WITH r (k, u, l, f) AS (SELECT * FROM unnest(CAST(? AS int[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS int[])))` + liftWindowsSelect)

// LiftWindows reads lifts' sets, their users' deloads and the lifts' set
// rep ranges in one round trip: part 0 rows are sets (oldest first), part 1
// rows deloads, part 2 the range (lo in the date column, hi in reps), part 3
// the lift's bests per load over all its history (first and last day in the
// date and end columns, effective reps in rir), each with the number of its
// request.
func (t *tx) LiftWindows(reqs []bot.WindowRequest) ([]bot.LiftWindow, error) {
	out := make([]bot.LiftWindow, len(reqs))
	if len(reqs) == 0 {
		return out, nil
	}
	if len(reqs) == 1 || !t.postgres() {
		// One request, or SQLite: the plain statement for each.
		for i, r := range reqs {
			rows, err := t.queryRows(qLiftWindow, r.UserID, r.Lift, int32(r.From), r.UserID, r.UserID, r.Lift, r.UserID, r.Lift)
			if err != nil {
				return nil, fmt.Errorf("lift windows: %w", err)
			}
			if err := scanWindows(rows, reqs[i:i+1], out[i:i+1]); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	ks, us, ls, fs := make([]int32, len(reqs)), make([]int64, len(reqs)), make([]string, len(reqs)), make([]int32, len(reqs))
	for i, req := range reqs {
		ks[i], us[i], ls[i], fs[i] = int32(i), req.UserID, req.Lift, int32(req.From)
	}
	rows, err := t.queryRows(qLiftWindowsPG, ks, us, ls, fs)
	if err != nil {
		return nil, fmt.Errorf("lift windows: %w", err)
	}
	if err := scanWindows(rows, reqs, out); err != nil {
		return nil, err
	}
	return out, nil
}

// scanWindows reads rows of liftWindowsSelect into out, by request number,
// and closes rows.
func scanWindows(rows *sql.Rows, reqs []bot.WindowRequest, out []bot.LiftWindow) error {
	defer rows.Close()
	for rows.Next() {
		var (
			part, k, date, seq, reps, rest, end int
			id, milli                           int64
			unit, kind, tags                    string
			bw, hasRIR, planned, skipped        bool
			rir                                 float64
		)
		if err := rows.Scan(&part, &k, &date, &seq, &id, &milli, &unit, &bw, &reps, &rir, &hasRIR, &kind, &rest, &tags, &end, &planned, &skipped); err != nil {
			return fmt.Errorf("lift windows: %w", err)
		}
		if k < 0 || k >= len(out) {
			return fmt.Errorf("lift windows: row of request %d of %d", k, len(out))
		}
		h := &out[k]
		switch part {
		case 1:
			h.Deloads = append(h.Deloads, engine.DeloadPeriod{Start: engine.Date(date), End: engine.Date(end), Planned: planned, Skipped: skipped})
			continue
		case 2:
			h.Range = &engine.RepRange{Lo: date, Hi: reps}
			continue
		case 3:
			h.Bests = append(h.Bests, bot.LoadBest{Load: engine.Load{Milli: milli, Unit: engine.Unit(unit)}, Reps: reps, Effective: rir,
				First: engine.Date(date), Last: engine.Date(end)})
			continue
		}
		lift := reqs[k].Lift
		h.Sets = append(h.Sets, engine.Set{
			Lift: lift, Date: engine.Date(date), Seq: seq, Load: engine.Load{Milli: milli, Unit: engine.Unit(unit)}, Bodyweight: bw,
			Reps: reps, RIR: rir, HasRIR: hasRIR, Kind: engine.SetKind(kind), RestSec: rest, Tags: splitTags(tags),
		})
	}
	if err := fault(rows.Err()); err != nil {
		return fmt.Errorf("lift windows: %w", err)
	}
	for i := range out {
		if out[i].Sets == nil {
			out[i].Sets = []engine.Set{}
		}
		sortBests(out[i].Bests)
	}
	return rows.Close()
}

// entryCols and setCols are the columns qAddEntriesSetsPG writes.
const (
	entryCols = "user_id, kind, date, lift, summary, prev_json, created_at"
	setCols   = "user_id, entry_id, lift, date, seq, load_milli, load_unit, load_kg, bodyweight, reps, rir, has_rir, kind, rest_sec, tags"
)

// entryFields are an entry's stored creation time (now when unset) and its
// previous check-in as JSON ("" when none).
func entryFields(e bot.Entry) (created time.Time, prev string, err error) {
	created = e.Created.UTC()
	if e.Created.IsZero() {
		created = time.Now().UTC()
	}
	if e.Prev != nil {
		b, err := json.Marshal(e.Prev)
		if err != nil {
			return created, "", err
		}
		prev = string(b)
	}
	return created, prev, nil
}

// AddEntrySets stores an entry and its sets: on PostgreSQL in one statement
// (AddEntriesSets), on SQLite, where round trips cost nothing, AddEntry then
// AddSets.
func (t *tx) AddEntrySets(e bot.Entry, sets []engine.Set) (int64, error) {
	if !t.postgres() {
		id, err := t.AddEntry(e)
		if err != nil {
			return 0, err
		}
		return id, t.AddSets(e.UserID, id, sets)
	}
	ids, err := t.AddEntriesSets([]bot.EntryWithSets{{Entry: e, Sets: sets}})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// qAddEntriesSetsPG stores entries and their sets from arrays, one per
// column (a fixed text, so one prepared plan for every batch): the entries
// insert returns each id with its user, and each set takes its user's entry.
var qAddEntriesSetsPG = newQuery(`
	WITH e AS (
		INSERT INTO entries (` + entryCols + `)
		SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS int[]), CAST(? AS text[]), CAST(? AS text[]),
			CAST(? AS text[]), CAST(? AS timestamptz[]))
		RETURNING id, user_id),
	s AS (
		INSERT INTO sets (` + setCols + `)
		SELECT v.u, e.id, v.lift, v.date, v.seq, v.milli, v.unit, v.kg, v.bw, v.reps, v.rir, v.has_rir, v.kind, v.rest, v.tags
		FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS int[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),
			CAST(? AS float8[]), CAST(? AS bool[]), CAST(? AS bigint[]), CAST(? AS float8[]), CAST(? AS bool[]), CAST(? AS text[]),
			CAST(? AS bigint[]), CAST(? AS text[]))
			AS v (u, lift, date, seq, milli, unit, kg, bw, reps, rir, has_rir, kind, rest, tags)
		JOIN e ON e.user_id = v.u)
	SELECT id, user_id FROM e`)

// AddEntriesSets stores several users' entries with their sets: on
// PostgreSQL in one statement (qAddEntriesSetsPG; one entry per user, which
// the caller guarantees), on SQLite with AddEntrySets for each.
func (t *tx) AddEntriesSets(es []bot.EntryWithSets) ([]int64, error) {
	ids := make([]int64, len(es))
	users := make(map[int64]int, len(es))
	for i, e := range es {
		if _, dup := users[e.Entry.UserID]; dup {
			return nil, fmt.Errorf("add %d entries: user %d has two", len(es), e.Entry.UserID)
		}
		users[e.Entry.UserID] = i
	}
	if !t.postgres() {
		for i, e := range es {
			id, err := t.AddEntrySets(e.Entry, e.Sets)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		return ids, nil
	}
	var (
		eUser                      []int64
		eKind, eLift, eSum, ePrev  []string
		eDate                      []int32
		eAt                        []time.Time
		sUser, sSeq, sMilli, sReps []int64
		sRest                      []int64
		sLift, sUnit, sKind, sTags []string
		sDate                      []int32
		sKg, sRIR                  []float64
		sBW, sHasRIR               []bool
	)
	for _, x := range es {
		e := x.Entry
		created, prev, err := entryFields(e)
		if err != nil {
			return nil, err
		}
		eUser, eKind, eDate, eLift = append(eUser, e.UserID), append(eKind, string(e.Kind)), append(eDate, int32(e.Date)), append(eLift, e.Lift)
		eSum, ePrev, eAt = append(eSum, e.Summary), append(ePrev, prev), append(eAt, created)
		for _, s := range x.Sets {
			sUser, sLift, sDate, sSeq = append(sUser, e.UserID), append(sLift, s.Lift), append(sDate, int32(s.Date)), append(sSeq, int64(s.Seq))
			sMilli, sUnit, sKg, sBW = append(sMilli, s.Load.Milli), append(sUnit, string(s.Load.Unit)), append(sKg, s.Load.Kg()), append(sBW, s.Bodyweight)
			sReps, sRIR, sHasRIR, sKind = append(sReps, int64(s.Reps)), append(sRIR, s.RIR), append(sHasRIR, s.HasRIR), append(sKind, string(s.Kind))
			sRest, sTags = append(sRest, int64(s.RestSec)), append(sTags, joinTags(s.Tags))
		}
	}
	rows, err := t.queryRows(qAddEntriesSetsPG, eUser, eKind, eDate, eLift, eSum, ePrev, eAt,
		sUser, sLift, sDate, sSeq, sMilli, sUnit, sKg, sBW, sReps, sRIR, sHasRIR, sKind, sRest, sTags)
	if err != nil {
		return nil, fmt.Errorf("add %d entries with %d sets: %w", len(es), len(sUser), err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var id, user int64
		if err := rows.Scan(&id, &user); err != nil {
			return nil, fmt.Errorf("add %d entries: %w", len(es), err)
		}
		i, ok := users[user]
		if !ok {
			return nil, fmt.Errorf("add %d entries: id for user %d, who has none", len(es), user)
		}
		ids[i] = id
		got++
	}
	if err := fault(rows.Err()); err != nil {
		return nil, fmt.Errorf("add %d entries: %w", len(es), err)
	}
	if got != len(es) {
		return nil, fmt.Errorf("add %d entries: %d ids returned", len(es), got)
	}
	return ids, rows.Close()
}

var qUsersOfPG = newQuery(usersOfSelect + ` JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS r (p, id) ON i.platform = r.p AND i.platform_user_id = r.id`)

// UsersOf reads the users of a batch's identities: on PostgreSQL in one
// statement (arrays keep its text, and so its prepared plan, the same for
// every batch size), on SQLite one lookup each.
func (t *tx) UsersOf(ids []bot.Identity) ([]bot.User, error) {
	out := make([]bot.User, len(ids))
	if !t.postgres() {
		for i, id := range ids {
			u, found, err := t.userByIdentity(id)
			if err != nil {
				return nil, fmt.Errorf("users of %d identities: %w", len(ids), err)
			}
			if found {
				out[i] = toUser(u)
			}
		}
		return out, nil
	}
	at := make(map[[2]string][]int, len(ids))
	platforms, users := make([]string, len(ids)), make([]string, len(ids))
	for i, id := range ids {
		k := [2]string{id.Platform, id.UserID}
		at[k] = append(at[k], i)
		platforms[i], users[i] = id.Platform, id.UserID
	}
	rows, err := t.queryRows(qUsersOfPG, platforms, users)
	if err != nil {
		return nil, fmt.Errorf("users of %d identities: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		id, u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("users of %d identities: %w", len(ids), err)
		}
		for _, i := range at[[2]string{id.Platform, id.UserID}] {
			out[i] = toUser(u)
		}
	}
	if err := fault(rows.Err()); err != nil {
		return nil, fmt.Errorf("users of %d identities: %w", len(ids), err)
	}
	return out, nil
}

var qRecordHandledPG = newQuery(`INSERT INTO handled_messages (platform, ref, user_id, reply, created_at)
	SELECT p, r, u, y, ? FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[])) AS m (p, r, u, y)
	ON CONFLICT DO NOTHING`)

// RecordHandled is Handled for a batch: one statement on PostgreSQL, one
// insert each on SQLite.
func (t *tx) RecordHandled(ms []bot.HandledMessage) (int, error) {
	if len(ms) == 0 {
		return 0, nil
	}
	if !t.postgres() {
		n := 0
		for _, m := range ms {
			stored, err := t.recordHandled(m.Platform, m.Ref, m.UserID, m.Reply)
			if err != nil {
				return 0, fmt.Errorf("record %d handled messages: %w", len(ms), err)
			}
			if stored {
				n++
			}
		}
		return n, nil
	}
	platforms, refs, users, replies := make([]string, len(ms)), make([]string, len(ms)), make([]int64, len(ms)), make([]string, len(ms))
	for i, m := range ms {
		platforms[i], refs[i], users[i], replies[i] = m.Platform, m.Ref, m.UserID, m.Reply
	}
	res, err := t.exec(qRecordHandledPG, time.Now().UTC(), platforms, refs, users, replies)
	if err != nil {
		return 0, fmt.Errorf("record %d handled messages: %w", len(ms), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("record %d handled messages: %w", len(ms), err)
	}
	return int(n), nil
}
