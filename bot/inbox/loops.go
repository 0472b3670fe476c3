package inbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// The inbox's background work: recovery of pending events at start, lease
// renewal and take-over across replicas, pruning, the kept-event probe.

// claimBatch is how many pending events one claim takes.
const claimBatch = 500

// Recover queues the events recorded but not finished: this replica's own
// from before a restart and any whose replica's lease ran out. Storage
// being down is waited out rather than fatal (until ctx ends): the events
// left from the last run are to be answered first. It returns once all are
// queued (not handled).
func (ib *Inbox) Recover(ctx context.Context) error { return ib.claim(ctx, true) }

// claim queues pending events: at start (mine) this replica's own and any
// whose lease ran out; later, only other replicas' whose lease ran out.
func (ib *Inbox) claim(ctx context.Context, mine bool) error {
	var after int64
	n := 0
	for {
		// Not cancelled with ctx: a claim cut off on this side could still
		// commit on the server, after the release at a stop.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		evs, err := ib.store.ClaimPending(cctx, ib.cfg.Platform, ib.cfg.Replica, mine, after, claimBatch, ib.cfg.Lease)
		cancel()
		if err != nil && mine && errors.Is(err, bot.ErrUnavailable) {
			ib.log.Error("claim pending inbox events; trying again", "err", err)
			if sleep(ctx, ib.cfg.StartRetry) != nil {
				return ctx.Err()
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("inbox %s: claim pending events: %w", ib.cfg.Platform, err)
		}
		if len(evs) == 0 {
			break
		}
		its := make([]Item, len(evs))
		for i, ev := range evs {
			its[i] = Item{Event: ev}
		}
		if ib.cfg.Learn != nil {
			ib.cfg.Learn(ctx, its)
		}
		for _, it := range its {
			if err := ib.disp.waitRoom(ctx, 1); err != nil {
				return err
			}
			ib.disp.add(it)
			after = it.ID
			n++
		}
	}
	if n > 0 {
		if mine {
			ib.log.Info("handling events left from the last run", "count", n)
		} else {
			ib.cfg.Observer.TookOver(n)
			ib.log.Warn("handling events another replica left unfinished (its lease ran out)", "count", n)
		}
	}
	return nil
}

// renewLoop keeps the leases of the events this replica holds alive until
// ctx ends.
func (ib *Inbox) renewLoop(ctx context.Context) {
	defer ib.cfg.Observer.Loop("leases")()
	every(ctx, ib.cfg.Lease/4, func() {
		// Not cancelled with ctx: a cancelled statement may still run on
		// the server, after releaseLeases, and extend the leases again.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := ib.store.RenewLeases(rctx, ib.cfg.Platform, ib.cfg.Replica, ib.cfg.Lease); err != nil {
			ib.log.Error("renew inbox leases", "err", err)
		}
	})
}

// takeOverLoop takes the unfinished events of replicas whose leases ran
// out, until ctx ends.
func (ib *Inbox) takeOverLoop(ctx context.Context) {
	defer ib.cfg.Observer.Loop("takeover")()
	every(ctx, ib.cfg.Lease/2, func() {
		if err := ib.claim(ctx, false); err != nil && ctx.Err() == nil {
			ib.log.Error("take over unfinished events", "err", err)
		}
	})
}

// releaseLeases ends this replica's leases on what it leaves unfinished at
// a stop, so that another replica takes it now rather than after the lease.
func (ib *Inbox) releaseLeases(ctx context.Context) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := ib.store.RenewLeases(cctx, ib.cfg.Platform, ib.cfg.Replica, -time.Second); err != nil {
		ib.log.Warn("release inbox leases", "err", err)
	}
}

// pruneLoop deletes done events older than Retention, hourly, until ctx
// ends: platforms redeliver only for minutes, so older ids no longer serve
// to recognise a redelivery.
func (ib *Inbox) pruneLoop(ctx context.Context) {
	defer ib.cfg.Observer.Loop("prune")()
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := ib.store.PruneUpdates(ctx, ib.cfg.Platform, time.Now().Add(-ib.cfg.Retention)); err != nil && ctx.Err() == nil {
			ib.log.Error("prune inbox", "err", err)
		} else if n > 0 {
			ib.log.Debug("pruned inbox", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// watchKept notes whether the store holds kept events this process may not
// know (kept before a restart, or by another replica). Looking fresh events
// up there costs a round trip to the database per batch, most of the time
// for nothing; this probe costs one every keptWatch. An event sent again
// within keptWatch of being kept by another replica can slip by.
func (ib *Inbox) watchKept(ctx context.Context) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	kept, err := ib.store.HasKeptUpdates(cctx, ib.cfg.Platform, time.Now().Add(-ib.cfg.KeptWindow))
	if err != nil {
		kept = true // storage is down: there will be kept events
	}
	ib.keptInStore.Store(kept)
}

// every runs f every d until ctx ends.
func every(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// sleep waits d or until ctx ends (then its error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// DefaultReplica is the host name: unique per machine or container, and
// the same again when the process restarts there.
func DefaultReplica() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "spotter"
}
