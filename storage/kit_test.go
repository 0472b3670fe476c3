package storage_test

import (
	"testing"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

// The bar and plates live on the user row: saved and read back whole, and
// on a merge the survivor's stay, or the merged account's when the
// survivor set none.
func TestKitSavedAndMerged(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		a := mustUser(t, st, alice)
		b := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "42"})
		c := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "43"})
		d := mustUser(t, st, bot.Identity{Platform: "discord", UserID: "44"})
		if a.Kit != (bot.Kit{}) {
			t.Fatalf("new user's kit %+v, want the zero (default) kit", a.Kit)
		}
		lb := bot.Kit{Unit: engine.Lb, Bar: 35000, Plates: "45x4 25 10 5 2.5", Show: true}
		kg := bot.Kit{Unit: engine.Kg, Bar: 15000, Plates: "20 10 5"}
		b.Kit, c.Kit = lb, kg
		mustDo(t, st, func(tx bot.Tx) error {
			if err := tx.SaveUser(b); err != nil {
				return err
			}
			return tx.SaveUser(c)
		})
		reread := func(id bot.Identity) bot.User {
			t.Helper()
			var u bot.User
			mustDo(t, st, func(tx bot.Tx) error {
				var err error
				u, err = tx.UserFor(id, defaults())
				return err
			})
			return u
		}
		if got := reread(bot.Identity{Platform: "discord", UserID: "42"}).Kit; got != lb {
			t.Errorf("got kit %+v read back, want %+v", got, lb)
		}
		mustDo(t, st, func(tx bot.Tx) error {
			if _, err := tx.MergeUsers(a.ID, b.ID); err != nil { // a set none: takes b's
				return err
			}
			_, err := tx.MergeUsers(c.ID, d.ID) // c set its own: keeps it
			return err
		})
		if got := reread(alice).Kit; got != lb {
			t.Errorf("survivor without plates: got kit %+v, want the merged account's %+v", got, lb)
		}
		if got := reread(bot.Identity{Platform: "discord", UserID: "43"}).Kit; got != kg {
			t.Errorf("survivor with plates: got kit %+v, want its own %+v", got, kg)
		}
	})
}
