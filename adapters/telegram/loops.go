package telegram

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spotterbot/spotter/bot"
)

// The inbox's background loops: recovery of pending updates at start, lease
// renewal and take-over across replicas, pruning.

// recoverPending queues updates recorded but not finished: at start (mine)
// this replica's own from before a restart and any whose replica's lease ran
// out; later, only other replicas' whose lease ran out (they died).
func (a *Adapter) recoverPending(ctx context.Context, mine bool) error {
	var after int64
	n := 0
	for {
		// Not cancelled with ctx: a claim cut off on this side could still
		// commit on the server, after the release at a stop.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		rows, err := a.inbox.ClaimPending(cctx, Platform, a.cfg.Replica, mine, after, 500, a.cfg.Lease)
		cancel()
		if err != nil && mine && errors.Is(err, bot.ErrUnavailable) {
			// At start, storage down is waited out rather than fatal: the
			// updates left from the last run are to be answered first.
			a.log.Error("claim pending updates; trying again", "err", err)
			if sleep(ctx, min(a.cfg.KeptRetry, 5*time.Second)) != nil {
				return ctx.Err()
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("telegram: claim pending updates: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		its, kept := make([]item, len(rows)), make([]string, len(rows))
		for i, r := range rows {
			its[i], kept[i] = item{id: r.UpdateID, chat: r.ChatKey, payload: r.Payload, received: r.ReceivedAt}, r.KeptKey
		}
		a.learn(ctx, its, kept)
		for _, it := range its {
			if err := a.disp.waitRoom(ctx, 1); err != nil {
				return err
			}
			a.disp.add(it)
			after = it.id
			n++
		}
	}
	if n > 0 {
		if mine {
			a.log.Info("handling updates left from the last run", "count", n)
		} else {
			a.obs.TookOver(n)
			a.log.Warn("handling updates another replica left unfinished (its lease ran out)", "count", n)
		}
	}
	return nil
}

// renewLoop keeps the leases of the updates this replica holds alive until
// ctx ends.
func (a *Adapter) renewLoop(ctx context.Context) {
	defer a.obs.Loop("leases")()
	every(ctx, a.cfg.Lease/4, func() {
		// Not cancelled with ctx: a cancelled statement may still run on
		// the server, after releaseLeases, and extend the leases again.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := a.inbox.RenewLeases(rctx, Platform, a.cfg.Replica, a.cfg.Lease); err != nil {
			a.log.Error("renew inbox leases", "err", err)
		}
	})
}

// takeOverLoop takes the unfinished updates of replicas whose leases ran
// out, until ctx ends.
func (a *Adapter) takeOverLoop(ctx context.Context) {
	defer a.obs.Loop("takeover")()
	every(ctx, a.cfg.Lease/2, func() {
		if err := a.recoverPending(ctx, false); err != nil && ctx.Err() == nil {
			a.log.Error("take over unfinished updates", "err", err)
		}
	})
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

// releaseLeases ends this replica's leases on what it leaves unfinished at a
// stop, so that another replica takes it now rather than after the lease.
func (a *Adapter) releaseLeases(ctx context.Context) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := a.inbox.RenewLeases(cctx, Platform, a.cfg.Replica, -time.Second); err != nil {
		a.log.Warn("release inbox leases", "err", err)
	}
}

// defaultReplica is the host name: unique per machine or container, and
// the same again when the process restarts there.
func defaultReplica() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "spotter"
}

func (a *Adapter) pruneLoop(ctx context.Context) {
	defer a.obs.Loop("prune")()
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.inbox.PruneUpdates(ctx, Platform, time.Now().Add(-inboxRetention)); err != nil && ctx.Err() == nil {
			a.log.Error("prune inbox", "err", err)
		} else if n > 0 {
			a.log.Debug("pruned inbox", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
