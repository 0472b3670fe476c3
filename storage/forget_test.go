package storage_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

var ctx = context.Background()

// seed gives a user a row in every table the bot writes and returns the
// user's id. Another table holding user data needs a line here: the
// /forget test refuses a table in which the user had no row to delete.
func seed(t *testing.T, st *storage.Store, name string) int64 {
	t.Helper()
	var id int64
	d := engine.NewDate(2025, 5, 1)
	err := st.Do(ctx, func(tx bot.Tx) error {
		ref := "ref-" + name
		u, err := tx.UserFor(bot.Identity{Platform: "console", UserID: name}, bot.User{Units: engine.Kg, Level: engine.Intermediate, TZ: "UTC"})
		if err != nil {
			return err
		}
		id = u.ID
		eid, err := tx.AddEntry(bot.Entry{UserID: id, Kind: bot.EntrySets, Date: d, Lift: "squat", Summary: name + " squat"})
		if err != nil {
			return err
		}
		set := engine.Set{Lift: "squat", Date: d, Load: engine.NewLoad(100, engine.Kg), Reps: 5}
		if err := tx.AddSets(id, eid, []engine.Set{set}); err != nil {
			return err
		}
		if _, err := tx.ImportSets(id, eid, []bot.KeyedSet{{Set: set, Key: "k1"}}); err != nil {
			return err
		}
		if err := tx.PutCheckin(id, engine.Checkin{Date: d, Sleep: engine.SleepPoor}); err != nil {
			return err
		}
		if err := tx.AddDeload(id, engine.DeloadPeriod{Start: d, End: d.AddDays(6)}); err != nil {
			return err
		}
		team, err := tx.SaveTeam(bot.Team{Platform: "discord", ServerID: "srv-" + name, ChannelID: "ch", PostTime: "07:00", TZ: "UTC"})
		if err != nil {
			return err
		}
		if err := tx.ShareWithTeam(team.ID, id, name, true); err != nil {
			return err
		}
		if err := tx.AddTeamCheckin(team.ID, d, id); err != nil {
			return err
		}
		if err := tx.AddLinkCode("code-"+name, id, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
		if err := tx.PutNudge(bot.Nudge{UserID: id, Kind: bot.NudgeDeload, Key: d, First: d, Last: d, Sent: 1}); err != nil {
			return err
		}
		if err := tx.PutRange(id, "squat", engine.RepRange{Lo: 3, Hi: 5}); err != nil {
			return err
		}
		if err := tx.AddBodyWeight(id, eid, engine.BodyWeight{Date: d, Weight: engine.NewLoad(82.5, engine.Kg)}); err != nil {
			return err
		}
		if err := tx.AddNote(id, eid, bot.Note{Date: d, Lift: "squat", Text: name + " felt fast"}); err != nil {
			return err
		}
		due := time.Date(2030, 1, 1, 0, 3, 0, 0, time.UTC)
		if err := tx.PutRestTimer(bot.RestTimer{UserID: id, Auto: true, Seq: 1, Seconds: 180, Started: due.Add(-3 * time.Minute), Due: due, Platform: "console", Next: "squat"}); err != nil {
			return err
		}
		if err := tx.AddRoutine(id, bot.Routine{Name: "legs", Lifts: []string{"squat"}, Created: due}); err != nil {
			return err
		}
		if err := tx.PutAlias(id, "sq", "squat"); err != nil {
			return err
		}
		if err := tx.SetLiftKind(id, "squat", "lower compound"); err != nil {
			return err
		}
		_, _, err = tx.Handled("console", ref, id, "Logged squat for "+name)
		return err
	})
	if err != nil {
		t.Fatalf("seed %s: %v", name, err)
	}
	// An update of the user's private chat still waiting in the inbox.
	up := inbox.Event{Platform: "console", ID: int64(name[0])*1000 + int64(len(name)), Key: name, Payload: []byte(`{"text":"/log squat 100x5"}`), ReceivedAt: time.Now()}
	if _, err := st.RecordUpdates(ctx, []inbox.Event{up}); err != nil {
		t.Fatalf("seed inbox %s: %v", name, err)
	}
	return id
}

// tablesInDB lists the tables of the database from its own catalogue, not
// from the models, so a table created by anything (River, a migration, a
// later branch) is seen.
func tablesInDB(t *testing.T, st *storage.Store) []string {
	t.Helper()
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	q := "SELECT name FROM sqlite_master WHERE type = 'table'"
	if st.Dialect() == "postgres" {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func TestForgetLeavesNoRowOfTheUser(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		ann := seed(t, st, "ann")
		bob := seed(t, st, "bob")
		before, err := st.Remaining(ann)
		if err != nil {
			t.Fatalf("remaining: %v", err)
		}
		bobBefore, err := st.Remaining(bob)
		if err != nil {
			t.Fatal(err)
		}
		// Every table in the database is covered: it has a /forget rule and
		// the seed put a row of ann's in it, or it holds no user data.
		tables := tablesInDB(t, st)
		if len(tables) < 8 {
			t.Fatalf("got tables %v, want the schema's eight or more", tables)
		}
		for _, tb := range tables {
			n, covered := before[tb]
			if !covered && !storage.HoldsNoUserData(tb) {
				t.Errorf("table %s is not covered by /forget", tb)
				continue
			}
			if covered && n == 0 {
				t.Errorf("table %s: the seed wrote no row of the user, so the test proves nothing there; add one in seed()", tb)
			}
		}
		var counts map[string]int64
		err = st.Do(ctx, func(tx bot.Tx) error {
			counts, err = tx.Forget(ann)
			return err
		})
		if err != nil {
			t.Fatalf("forget: %v", err)
		}
		after, err := st.Remaining(ann)
		if err != nil {
			t.Fatal(err)
		}
		for tb, n := range after {
			if n != 0 {
				t.Errorf("table %s: %d rows of the user remain", tb, n)
			}
			if counts[tb] != before[tb] {
				t.Errorf("table %s: Forget reported %d rows, want %d", tb, counts[tb], before[tb])
			}
		}
		// Checked again with plain SQL, independent of the rules.
		db, _ := st.SQL()
		for _, tb := range tables {
			where := fmt.Sprintf("user_id = %d", ann)
			switch {
			case tb == "users":
				where = fmt.Sprintf("id = %d", ann)
			case tb == "inbox":
				// The seed's update for ann's private console chat.
				where = "platform = 'console' AND chat_key = 'ann'"
			case storage.HoldsNoUserData(tb):
				continue
			}
			col := where
			var n int
			if err := db.QueryRow("SELECT count(*) FROM " + tb + " WHERE " + where).Scan(&n); err != nil {
				t.Fatalf("count %s: %v", tb, err)
			}
			if n != 0 {
				t.Errorf("table %s: %d rows with %s = ann", tb, n, col)
			}
		}
		var replies int
		if err := db.QueryRow("SELECT count(*) FROM handled_messages WHERE reply LIKE '%ann%'").Scan(&replies); err != nil {
			t.Fatal(err)
		}
		if replies != 0 {
			t.Errorf("got %d handled messages still holding ann's reply, want 0", replies)
		}
		// Bob keeps everything.
		bobAfter, err := st.Remaining(bob)
		if err != nil {
			t.Fatal(err)
		}
		for tb, n := range bobBefore {
			if bobAfter[tb] != n {
				t.Errorf("table %s: bob had %d rows, now %d", tb, n, bobAfter[tb])
			}
		}
	})
}

func TestForgetRefusesAnUncoveredTable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		ann := seed(t, st, "ann")
		db, _ := st.SQL()
		if _, err := db.Exec("CREATE TABLE stray_notes (id integer primary key, owner bigint, body text)"); err != nil {
			t.Fatal(err)
		}
		err := st.Do(ctx, func(tx bot.Tx) error {
			_, err := tx.Forget(ann)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "stray_notes") {
			t.Fatalf("got %v, want an error naming stray_notes", err)
		}
		// The failed Forget rolled back: ann is still all there.
		left, err := st.Remaining(ann)
		if err == nil {
			t.Fatalf("Remaining should refuse the uncovered table too, got %v", left)
		}
		var n int
		if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM sets WHERE user_id = %d", ann)).Scan(&n); err != nil || n != 2 {
			t.Errorf("got %d sets (err %v), want ann's 2 kept", n, err)
		}
	})
}
