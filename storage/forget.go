package storage

import (
	"fmt"
	"sort"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// forgetRule says how /forget clears a table that is not simply "delete the
// rows whose user_id is the user's".
type forgetRule struct {
	// clear removes or anonymises the user's rows and returns how many.
	clear func(db *gorm.DB, userID int64) (int64, error)
	// remaining counts rows still about the user (0 after clear); the
	// /forget test calls it for every table.
	remaining func(db *gorm.DB, userID int64) (int64, error)
}

// forgetRules covers the tables without a user_id column, and those whose
// rows must outlive the user in anonymous form. Tables with a user_id
// column need no entry: their rows are deleted. A table that has neither
// makes Forget fail, and the storage test fails with it, so a new table
// cannot silently keep a forgotten user's data.
var forgetRules = map[string]forgetRule{
	"users": {
		clear: func(db *gorm.DB, id int64) (int64, error) {
			r := db.Exec("DELETE FROM users WHERE id = ?", id)
			return r.RowsAffected, r.Error
		},
		remaining: countWhere("users", "id = ?"),
	},
	// Raw platform updates not yet processed carry the user's message text.
	// Updates of the user's private chats (chat key = the platform user id)
	// are deleted; processed rows keep no payload (MarkDone clears it).
	"inbox": {
		clear: func(db *gorm.DB, id int64) (int64, error) {
			r := db.Exec("DELETE FROM inbox WHERE EXISTS (SELECT 1 FROM identities i WHERE i.user_id = ? AND i.platform = inbox.platform AND i.platform_user_id = inbox.chat_key)", id)
			return r.RowsAffected, r.Error
		},
		remaining: func(db *gorm.DB, id int64) (int64, error) {
			var n int64
			err := db.Table("inbox").Where("EXISTS (SELECT 1 FROM identities i WHERE i.user_id = ? AND i.platform = inbox.platform AND i.platform_user_id = inbox.chat_key)", id).Count(&n).Error
			return n, err
		},
	},
	// Scheduled work names the user inside the job's JSON arguments
	// (bot/schedule's daily poll: {"user_id": N, ...}); River keeps finished
	// jobs for a while, so all of them go.
	"river_job": {
		clear: func(db *gorm.DB, id int64) (int64, error) {
			r := db.Exec("DELETE FROM river_job WHERE "+riverJobUser(db), id)
			return r.RowsAffected, r.Error
		},
		remaining: func(db *gorm.DB, id int64) (int64, error) {
			var n int64
			err := db.Table("river_job").Where(riverJobUser(db), id).Count(&n).Error
			return n, err
		},
	},
	// A handled message keeps its (platform, ref) so that a late redelivery
	// of it is still recognised and not handled again (that would store the
	// user's sets again right after they were forgotten). The user id and the
	// reply, which repeats what they logged, are removed.
	"handled_messages": {
		clear: func(db *gorm.DB, id int64) (int64, error) {
			r := db.Exec("UPDATE handled_messages SET user_id = 0, reply = '' WHERE user_id = ?", id)
			return r.RowsAffected, r.Error
		},
		remaining: countWhere("handled_messages", "user_id = ?"),
	},
}

// noUserData lists tables that hold nothing about any user, with the reason.
var noUserData = map[string]string{
	"goose_db_version": "the schema's applied migrations (migrate.go)",
	"sqlite_sequence":  "SQLite's AUTOINCREMENT counters, one per table",
	"teams":            "a server's team settings: channel, post time, zone, coach role",
	// River's own bookkeeping (bot/schedule); its jobs are river_job, below.
	"river_client":       "River's running processes",
	"river_client_queue": "River's queues per process",
	"river_leader":       "River's elected leader",
	"river_migration":    "River's schema versions",
	"river_notification": "River's wake-up signals between processes (SQLite)",
	"river_queue":        "River's queues",
	"team_posts":         "one row per team and day: the posted message id, no member's data",
	// Install-wide values (storage/logkey.go).
	"install_settings": "the key that hides user ids in logs",
}

func countWhere(table, where string) func(db *gorm.DB, id int64) (int64, error) {
	return func(db *gorm.DB, id int64) (int64, error) {
		var n int64
		err := db.Table(table).Where(where, id).Count(&n).Error
		return n, err
	}
}

// forgetPlan lists every table in the database with the rule /forget applies
// to it; it fails on a table it has no rule for.
func forgetPlan(db *gorm.DB) ([]string, map[string]forgetRule, error) {
	tables, err := db.Migrator().GetTables()
	if err != nil {
		return nil, nil, fmt.Errorf("list tables: %w", err)
	}
	sort.Strings(tables)
	rules := map[string]forgetRule{}
	var order []string
	for _, tb := range tables {
		if r, ok := forgetRules[tb]; ok {
			rules[tb] = r
			order = append(order, tb)
			continue
		}
		if _, ok := noUserData[tb]; ok {
			continue
		}
		if !db.Migrator().HasColumn(tb, "user_id") {
			return nil, nil, fmt.Errorf("table %s has no user_id column and no /forget rule: add one to storage.forgetRules or storage.noUserData", tb)
		}
		table := tb
		rules[tb] = forgetRule{
			clear: func(db *gorm.DB, id int64) (int64, error) {
				r := db.Exec("DELETE FROM ? WHERE user_id = ?", clause.Table{Name: table}, id)
				return r.RowsAffected, r.Error
			},
			remaining: countWhere(table, "user_id = ?"),
		}
		order = append(order, tb)
	}
	// The inbox goes first (its rule finds the user's chats through the
	// identities); the user row goes last, so nothing points at a missing user midway.
	rank := func(tb string) int {
		switch tb {
		case "inbox":
			return 0
		case "users":
			return 2
		}
		return 1
	}
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	return order, rules, nil
}

// Forget deletes every row about the user in every table and returns how
// many rows each table lost.
func (t *tx) Forget(userID int64) (map[string]int64, error) {
	order, rules, err := forgetPlan(t.db)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, tb := range order {
		n, err := rules[tb].clear(t.db, userID)
		if err != nil {
			return nil, fmt.Errorf("forget %s: %w", tb, err)
		}
		out[tb] = n
	}
	return out, nil
}

// Remaining counts, per table, the rows still about the user. After Forget
// every count is zero; tests use it on both databases.
func (s *Store) Remaining(userID int64) (map[string]int64, error) {
	order, rules, err := forgetPlan(s.db)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, tb := range order {
		n, err := rules[tb].remaining(s.db, userID)
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", tb, err)
		}
		out[tb] = n
	}
	return out, nil
}

// HoldsNoUserData reports whether /forget leaves table alone because it
// holds nothing about any user.
func HoldsNoUserData(table string) bool {
	_, ok := noUserData[table]
	return ok
}

// riverJobUser is the condition "the job's args name user ?" in the
// database's JSON dialect.
func riverJobUser(db *gorm.DB) string {
	if db.Dialector.Name() == "postgres" {
		return "(args->>'user_id')::bigint = ?"
	}
	return "json_extract(args, '$.user_id') = ?"
}
