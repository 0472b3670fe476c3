package telegram

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// rejectedStatuses are the answers to webhook requests refused before they
// were read as updates: a body that is no update, a wrong or missing secret,
// a method other than POST, a body over 1 MB.
var rejectedStatuses = [...]int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge}

// rejectEvery is how often at most the log says how many were refused.
const rejectEvery = time.Minute

// rejections counts refused webhook requests by status and reports them in
// the log at most once a rejectEvery: a scanner or a flood of bad requests
// must not become as many log lines. The first refusal is reported at once,
// so a misconfiguration (a rotated secret) shows without delay.
type rejections struct {
	counts [len(rejectedStatuses)]atomic.Uint64
	next   atomic.Int64 // UnixNano before which no line is due
	first  atomic.Int64 // UnixNano of the first refusal not reported yet

	mu       sync.Mutex // held while reporting
	reported [len(rejectedStatuses)]uint64
}

// add counts one refusal with status and reports when a line is due.
func (r *rejections) add(status int, now time.Time, log *slog.Logger) {
	for i, s := range rejectedStatuses {
		if s == status {
			r.counts[i].Add(1)
		}
	}
	r.first.CompareAndSwap(0, now.UnixNano())
	if now.UnixNano() >= r.next.Load() {
		r.report(now, log, false)
	}
}

// snapshot is the counts since the adapter was built, by status.
func (r *rejections) snapshot() map[int]uint64 {
	out := make(map[int]uint64, len(rejectedStatuses))
	for i, s := range rejectedStatuses {
		out[s] = r.counts[i].Load()
	}
	return out
}

// report logs the refusals not reported yet, if a line is due (or final:
// the adapter stops).
func (r *rejections) report(now time.Time, log *slog.Logger, final bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !final && now.UnixNano() < r.next.Load() {
		return // another request reported meanwhile
	}
	var total uint64
	var by []string
	for i, s := range rejectedStatuses {
		c := r.counts[i].Load()
		if d := c - r.reported[i]; d > 0 {
			total += d
			by = append(by, fmt.Sprintf("%d: %d", s, d))
		}
		r.reported[i] = c
	}
	if total == 0 {
		return
	}
	r.next.Store(now.Add(rejectEvery).UnixNano())
	msg := fmt.Sprintf("rejected %d webhook %s", total, plural(total, "request", "requests"))
	if first := r.first.Swap(0); first != 0 {
		if since := now.Sub(time.Unix(0, first)).Round(time.Second); since > 0 {
			msg += fmt.Sprintf(" in the last %s", since)
		}
	}
	log.Warn(msg+" ("+strings.Join(by, ", ")+")", "count", total)
}

func plural(n uint64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Rejected is how many webhook requests were refused since the adapter was
// built, by HTTP status: 400 (not an update), 401 (wrong or missing
// secret), 405 (not a POST) and 413 (over 1 MB); every key is present.
func (a *Adapter) Rejected() map[int]uint64 { return a.rejected.snapshot() }
