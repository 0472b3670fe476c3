package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/spotterbot/spotter/bot/inbox"
	"github.com/spotterbot/spotter/storage"
	"github.com/spotterbot/spotter/storage/storagetest"
)

func mustOpen(t *testing.T, dsn string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestInbox(t *testing.T) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := mustOpen(t, storagetest.FreshDSN(t, be))
			at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
			up := func(id int64, chat string) inbox.Event {
				return inbox.Event{Platform: "telegram", ID: id, Key: chat, Payload: []byte(`{"update_id":1}`), ReceivedAt: at}
			}
			fresh, err := st.RecordUpdates(ctx, []inbox.Event{up(3, "a"), up(1, "b"), up(2, "a")})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(fresh)
			if want := []int64{1, 2, 3}; !slices.Equal(fresh, want) {
				t.Fatalf("first record: got fresh %v, want %v", fresh, want)
			}
			// A redelivery of 2 and 3 with a new 4: only 4 is new.
			fresh, err = st.RecordUpdates(ctx, []inbox.Event{up(2, "a"), up(4, "c"), up(3, "a")})
			if err != nil {
				t.Fatal(err)
			}
			if want := []int64{4}; !slices.Equal(fresh, want) {
				t.Fatalf("redelivery: got fresh %v, want %v", fresh, want)
			}
			// The same update from another platform is another update.
			other := up(1, "x")
			other.Platform = "discord"
			if fresh, err = st.RecordUpdates(ctx, []inbox.Event{other}); err != nil || len(fresh) != 1 {
				t.Fatalf("other platform: got fresh %v err %v, want [1]", fresh, err)
			}
			if err := st.MarkUpdatesDone(ctx, "telegram", []int64{2}); err != nil {
				t.Fatal(err)
			}
			for platform, want := range map[string]int64{"telegram": 3, "discord": 1, "console": 0} {
				if n, err := st.PendingUpdates(ctx, platform); err != nil || n != want {
					t.Errorf("PendingUpdates(%s): got %d err %v, want %d", platform, n, err, want)
				}
			}
			pend, err := st.ClaimPending(ctx, "telegram", "a", true, 0, 10, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, p := range pend {
				ids = append(ids, p.ID)
			}
			if want := []int64{1, 3, 4}; !slices.Equal(ids, want) {
				t.Fatalf("pending: got %v, want %v", ids, want)
			}
			if p := pend[0]; p.Key != "b" || string(p.Payload) != `{"update_id":1}` || !p.ReceivedAt.Equal(at) {
				t.Errorf("pending row: got %+v, want chat b, the payload and received %v", p, at)
			}
			if pend, err = st.ClaimPending(ctx, "telegram", "a", true, 1, 1, time.Minute); err != nil || len(pend) != 1 || pend[0].ID != 3 {
				t.Errorf("page after 1: got %+v err %v, want update 3", pend, err)
			}
			n, err := st.PruneUpdates(ctx, "telegram", at.Add(time.Hour))
			if err != nil || n != 1 {
				t.Errorf("prune: got %d err %v, want 1 row (the done one)", n, err)
			}
		})
	}
}

// Replicas share the inbox: each handles what it recorded while its lease
// lives; what a dead replica left is taken by another once the lease runs
// out, and by the same replica restarted at once.
func TestInboxLeases(t *testing.T) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := mustOpen(t, storagetest.FreshDSN(t, be))
			now := time.Now()
			up := func(id int64, owner string, lease time.Time) inbox.Event {
				return inbox.Event{Platform: "telegram", ID: id, Key: "c", Payload: []byte("{}"), ReceivedAt: now, Owner: owner, LeaseUntil: lease}
			}
			old, fresh := up(3, "", time.Time{}), up(5, "", time.Time{}) // recorded by replicas from before leases
			old.ReceivedAt = now.Add(-5 * time.Minute)
			if _, err := st.RecordUpdates(ctx, []inbox.Event{
				up(1, "a", now.Add(time.Minute)),  // a is alive
				up(2, "b", now.Add(-time.Second)), // b died a while ago
				old,                               // long enough ago
				fresh,                             // may still be in hand
			}); err != nil {
				t.Fatal(err)
			}
			claim := func(owner string, mine bool) []int64 {
				t.Helper()
				got, err := st.ClaimPending(ctx, "telegram", owner, mine, 0, 10, time.Minute)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, u := range got {
					ids = append(ids, u.ID)
				}
				return ids
			}
			if got := claim("c", false); !slices.Equal(got, []int64{2, 3}) {
				t.Errorf("c takes over: got %v, want 2 (b's lease ran out) and 3 (no lease, 5 minutes old), not a's 1 nor 5 (no lease, just in)", got)
			}
			if got := claim("d", false); len(got) != 0 {
				t.Errorf("d right after: got %v, want nothing (c holds them now)", got)
			}
			if got := claim("a", true); !slices.Equal(got, []int64{1}) {
				t.Errorf("a restarted: got %v, want its own 1", got)
			}
			if got := claim("c", false); len(got) != 0 {
				t.Errorf("c again: got %v, want nothing (its own are in its queue)", got)
			}
			if err := st.RenewLeases(ctx, "telegram", "a", -time.Second); err != nil { // a's leases run out now
				t.Fatal(err)
			}
			if err := st.MarkUpdatesDone(ctx, "telegram", []int64{2}); err != nil {
				t.Fatal(err)
			}
			if got := claim("d", false); !slices.Equal(got, []int64{1}) {
				t.Errorf("d after a's lease ran out: got %v, want 1", got)
			}
		})
	}
}

// An update kept while storage was down is found by its key while it is
// undone and for a while after it is done.
func TestInboxKeptUpdates(t *testing.T) {
	for _, be := range storagetest.Backends(t) {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := mustOpen(t, storagetest.FreshDSN(t, be))
			at := time.Now().Add(-time.Minute).UTC().Truncate(time.Second)
			ups := []inbox.Event{
				{Platform: "telegram", ID: 1, Key: "a", Payload: []byte(`{}`), ReceivedAt: at},
				{Platform: "telegram", ID: 2, Key: "a", Payload: []byte(`{}`), ReceivedAt: at, KeptKey: "k2"}, // told before it was recorded
				{Platform: "telegram", ID: 3, Key: "b", Payload: []byte(`{}`), ReceivedAt: at},
			}
			if _, err := st.RecordUpdates(ctx, ups); err != nil {
				t.Fatal(err)
			}
			if err := st.KeepUpdate(ctx, "telegram", 1, "k1"); err != nil {
				t.Fatal(err)
			}
			kept := func(keys ...string) []int64 {
				t.Helper()
				got, err := st.KeptUpdates(ctx, "telegram", keys, time.Now().Add(-10*time.Minute))
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, k := range got {
					ids = append(ids, k.ID)
					if k.Key != "a" || !k.ReceivedAt.Equal(at) || k.KeptKey != map[int64]string{1: "k1", 2: "k2"}[k.ID] {
						t.Errorf("kept update: got %+v", k)
					}
				}
				slices.Sort(ids)
				return ids
			}
			if found, err := st.HasKeptUpdates(ctx, "telegram", time.Now()); err != nil || !found {
				t.Errorf("any kept updates: got %v, %v; want true", found, err)
			}
			if found, err := st.HasKeptUpdates(ctx, "discord", time.Now()); err != nil || found {
				t.Errorf("any kept updates of another platform: got %v, %v; want false", found, err)
			}
			if got := kept("k1", "k2", "k3"); !slices.Equal(got, []int64{1, 2}) {
				t.Errorf("kept updates: got %v, want [1 2]", got)
			}
			claimed, err := st.ClaimPending(ctx, "telegram", "r", true, 0, 10, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if len(claimed) != 3 || claimed[0].KeptKey != "k1" || claimed[1].KeptKey != "k2" || claimed[2].KeptKey != "" {
				t.Errorf("claimed: got %+v, want the kept keys with them", claimed)
			}
			if err := st.MarkUpdatesDone(ctx, "telegram", []int64{1}); err != nil {
				t.Fatal(err)
			}
			if got := kept("k1"); !slices.Equal(got, []int64{1}) {
				t.Errorf("kept and done just now: got %v, want [1]", got)
			}
			got, err := st.KeptUpdates(ctx, "telegram", []string{"k1"}, time.Now().Add(time.Minute))
			if err != nil || len(got) != 0 {
				t.Errorf("kept and done before since: got %v, %v; want none", got, err)
			}
		})
	}
}
