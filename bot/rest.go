package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// The rest timer: /rest 3m sends "Rest over" after three minutes, through
// the scheduler (a River job per timer, bot/schedule/rest.go), on the
// platform the timer was started from. The bot keeps the running timer in
// storage, so /rest can show it and /rest off can stop it: a job whose timer
// was stopped or replaced finds itself stale and sends nothing.

// RestTimer is a user's rest-timer setting and running timer.
type RestTimer struct {
	UserID int64
	Auto   bool  // /settings timer on: a /log with "rest 3m" starts the timer
	Seq    int64 // counts the timers started; names the running one
	// The running timer; Due is zero when none runs.
	Seconds  int
	Started  time.Time
	Due      time.Time
	Platform string // where "Rest over" goes
	Next     string // the lift to do next, "" when not known
}

// Running reports whether a timer runs at now.
func (t RestTimer) Running(now time.Time) bool { return !t.Due.IsZero() && t.Due.After(now) }

// RestTx is the storage of the rest timer (embedded in Tx).
type RestTx interface {
	// RestTimer returns the user's timer row, or ErrNotFound (with the
	// UserID set) when the user never had one.
	RestTimer(userID int64) (RestTimer, error)
	// PutRestTimer stores t as the user's one row.
	PutRestTimer(t RestTimer) error
}

// RestScheduler plans a rest timer's "Rest over"; the scheduler that the
// bot is given (SetScheduler) implements it when it can deliver one.
type RestScheduler interface {
	// StartRest plans the message for t.Due on via's platform; planning the
	// same timer (user and Seq) twice plans it once.
	StartRest(ctx context.Context, t RestTimer, via Identity) error
}

// restLate is how late a "Rest over" may still come: after a longer outage
// it is noise, and dropped.
const restLate = 5 * time.Minute

const restExample = "/rest 3m"

func (b *Bot) rest(r *request) (Reply, error) {
	words := strings.Fields(strings.ToLower(r.args))
	cur, err := r.tx.RestTimer(r.user.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Reply{}, fmt.Errorf("rest timer: %w", err)
	}
	now := r.msg.ReceivedAt
	if len(words) == 0 {
		if !cur.Running(now) {
			return Reply{Text: "No rest timer running. Start one with /rest 3m (also 90s or 2:30)."}, nil
		}
		left := cur.Due.Sub(now).Round(time.Second)
		return Reply{Text: fmt.Sprintf("Rest timer: %s left of %s (over at %s). /rest off stops it.",
			clock(left), clock(time.Duration(cur.Seconds)*time.Second), cur.Due.In(r.user.Location()).Format("15:04:05"))}, nil
	}
	switch words[0] {
	case "off", "stop", "cancel":
		if len(words) > 1 {
			return Reply{}, badToken(words[1], "/rest off takes nothing after it.", "/rest off")
		}
		if !cur.Running(now) {
			return Reply{Text: "No rest timer was running."}, nil
		}
		cur.Due, cur.Started, cur.Seconds, cur.Next = time.Time{}, time.Time{}, 0, ""
		if err := r.tx.PutRestTimer(cur); err != nil {
			return Reply{}, fmt.Errorf("stop rest timer: %w", err)
		}
		return Reply{Text: "Rest timer stopped: no \"Rest over\" will come."}, nil
	}
	d, err := restDuration(words[0], restExample)
	if err != nil {
		return Reply{}, err
	}
	next := ""
	if len(words) > 1 {
		next = engine.CanonicalLift(strings.Join(words[1:], " "))
		if err := limits.LiftName(next); err != nil {
			return Reply{}, badToken(strings.Join(words[1:], " "), "after the time I read the lift you do next ("+err.Error()+").", "/rest 3m squat")
		}
	}
	t, err := b.startRest(r, cur, d, next)
	if err != nil {
		return Reply{}, err
	}
	then := ""
	if next != "" {
		then = ", then " + next
	}
	text := fmt.Sprintf("Rest timer: %s%s, over at %s. /rest shows it, /rest off stops it.", clock(d), then, t.Due.In(r.user.Location()).Format("15:04:05"))
	if cur.Running(now) {
		text += " (It replaces the one that was running.)"
	}
	return Reply{Text: text}, nil
}

// restDuration reads a timer's length as /log reads a rest (90s, 2m, 2:30),
// within the timer's bounds.
func restDuration(tok, example string) (time.Duration, error) {
	bounds := badToken(tok, fmt.Sprintf("a rest timer runs from %d seconds to %d minutes.", int(limits.MinRestTimer.Seconds()), int(limits.MaxRestTimer.Minutes())), example)
	sec, err := parseRest(tok)
	if err != nil {
		if reRest.MatchString(tok) { // a time, out of /log's bounds
			return 0, bounds
		}
		return 0, badToken(tok, "a rest timer is seconds, minutes or m:ss, like 90s, 3m or 2:30.", example)
	}
	d := time.Duration(sec) * time.Second
	if limits.RestTimer(d) != nil {
		return 0, bounds
	}
	return d, nil
}

// startRest stores a new running timer replacing cur and, once the message
// is committed, plans its "Rest over". A message handled before is rolled
// back before that, so a redelivered /rest starts one timer.
func (b *Bot) startRest(r *request, cur RestTimer, d time.Duration, next string) (RestTimer, error) {
	t := cur
	t.UserID = r.user.ID
	t.Seq++
	t.Seconds = int(d / time.Second)
	t.Started = r.msg.ReceivedAt.UTC()
	t.Due = t.Started.Add(d)
	t.Platform = r.msg.Identity.Platform
	t.Next = next
	if err := r.tx.PutRestTimer(t); err != nil {
		return t, fmt.Errorf("start rest timer: %w", err)
	}
	rs, ok := b.sched.(RestScheduler)
	if !ok {
		b.log.Warn("rest timer stored, but no scheduler here delivers it", "user", b.ids.Hash(r.msg.Identity))
		return t, nil
	}
	via := r.msg.Identity
	r.after = append(r.after, func(ctx context.Context) error { return rs.StartRest(ctx, t, via) })
	return t, nil
}

// restAfterLog starts the rest timer after a /log with "rest TIME" of
// today, when the lifter turned the timer on; it returns the reply's line
// about it ("" when none).
func (b *Bot) restAfterLog(r *request, cmd LogCommand, day engine.Date) (string, error) {
	if cmd.RestSec == 0 || day != r.today {
		return "", nil
	}
	cur, err := r.tx.RestTimer(r.user.ID)
	if errors.Is(err, ErrNotFound) || err == nil && !cur.Auto {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("rest timer: %w", err)
	}
	d := time.Duration(cmd.RestSec) * time.Second
	if err := limits.RestTimer(d); err != nil {
		return fmt.Sprintf("No rest timer: %s is %s.", clock(d), err), nil
	}
	if _, err := b.startRest(r, cur, d, cmd.Lift); err != nil {
		return "", err
	}
	return fmt.Sprintf("Rest timer: %s (/rest off stops it).", clock(d)), nil
}

// settingsTimer is /settings timer on|off.
func (b *Bot) settingsTimer(r *request, vals []string) (Reply, error) {
	cur, err := r.tx.RestTimer(r.user.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Reply{}, fmt.Errorf("rest timer: %w", err)
	}
	state := map[bool]string{true: "on", false: "off"}
	if len(vals) == 0 {
		return Reply{Text: fmt.Sprintf("Rest timer after /log: %s. /settings timer on starts one whenever a /log says rest 3m.", state[cur.Auto])}, nil
	}
	if len(vals) > 1 {
		return Reply{}, badToken(strings.Join(vals, " "), "timer takes one value: on or off.", "/settings timer on")
	}
	switch strings.ToLower(vals[0]) {
	case "on":
		cur.Auto = true
	case "off":
		cur.Auto = false
	default:
		return Reply{}, badToken(vals[0], "timer is on or off.", "/settings timer on")
	}
	cur.UserID = r.user.ID
	if err := r.tx.PutRestTimer(cur); err != nil {
		return Reply{}, fmt.Errorf("save timer setting: %w", err)
	}
	if cur.Auto {
		return Reply{Text: "Set the rest timer on: a /log of today with rest 3m (10 s to 30 min) starts one, as /rest 3m does."}, nil
	}
	return Reply{Text: "Set the rest timer off: /log keeps the rest you type and starts no timer. /rest 3m still does."}, nil
}

// clock writes a duration as m:ss ("3:00", "0:45").
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// RestNotice is the "Rest over" of one timer, as the scheduler delivers it.
type RestNotice struct {
	User       User
	Identities []Identity // oldest first
	// Stale is true when the timer was stopped or replaced since it was
	// planned, or is long past: nothing is to be sent.
	Stale bool
	Reply Reply
}

// RestOver builds the "Rest over" of the user's timer seq at now. An unknown
// user returns an error wrapping ErrNotFound. Once it went out, RestDone.
func (b *Bot) RestOver(ctx context.Context, userID, seq int64, now time.Time) (RestNotice, error) {
	var n RestNotice
	err := b.store.Do(ctx, func(tx Tx) error {
		n = RestNotice{}
		u, ids, err := tx.UserWithIdentities(userID)
		if err != nil {
			return fmt.Errorf("user %d: %w", userID, err)
		}
		n.User, n.Identities = u, ids
		t, err := tx.RestTimer(userID)
		if errors.Is(err, ErrNotFound) {
			n.Stale = true
			return nil
		}
		if err != nil {
			return fmt.Errorf("rest timer: %w", err)
		}
		if t.Seq != seq || t.Due.IsZero() || now.After(t.Due.Add(restLate)) {
			n.Stale = true
			return nil
		}
		text := fmt.Sprintf("Rest over (%s).", clock(time.Duration(t.Seconds)*time.Second))
		if t.Next != "" {
			text += " Next: " + t.Next + "."
		}
		n.Reply = Reply{Text: text}
		return nil
	})
	return n, err
}

// RestDone ends the user's timer seq once its "Rest over" went out (or
// could not: a stale or unreachable one), unless another replaced it.
func (b *Bot) RestDone(ctx context.Context, userID, seq int64) error {
	return b.store.Do(ctx, func(tx Tx) error {
		t, err := tx.RestTimer(userID)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("rest timer: %w", err)
		}
		if t.Seq != seq || t.Due.IsZero() {
			return nil
		}
		t.Due, t.Started, t.Seconds, t.Next = time.Time{}, time.Time{}, 0, ""
		return tx.PutRestTimer(t)
	})
}
