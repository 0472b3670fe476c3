package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// This file is what the bot says on its own: the daily readiness poll and the
// planned-deload nudges. The scheduler (package bot/schedule) decides when;
// the bot decides what, and records what it sent so that nothing is sent
// twice (see Daily).

// Scheduler is told when a user's poll time or time zone changed, after the
// change is stored.
type Scheduler interface {
	// Reschedule plans the user's next daily poll (nothing when PollTime is
	// ""), to be delivered on via's platform.
	Reschedule(ctx context.Context, u User, via Identity) error
}

// SetScheduler connects the scheduler that /settings poll and /settings tz
// reschedule through. Call it before the first Handle: the scheduler itself
// is built from the bot, so it cannot be a New option.
func (b *Bot) SetScheduler(s Scheduler) { b.sched = s }

// NudgeKind names what a scheduled message is.
type NudgeKind string

const (
	NudgePoll     NudgeKind = "poll"     // the daily readiness check-in
	NudgeDeload   NudgeKind = "deload"   // a planned deload is due
	NudgeEaseBack NudgeKind = "easeback" // a deload week ended: the ease-back plan
	NudgeRest     NudgeKind = "rest"     // a rest timer is over (bot/rest.go; not recorded as a Nudge)
)

// nudgeRepeatAfter is how many days after an unanswered nudge it is sent once
// more (issue 6: "repeated once two days later, then not again").
const nudgeRepeatAfter = 2

// Nudge records a scheduled message sent to a user.
type Nudge struct {
	UserID int64
	Kind   NudgeKind
	// Key is what the nudge is about: the day a planned deload fell due, the
	// first day of the deload week that ended; 0 for the daily poll (one
	// record per user).
	Key    engine.Date
	First  engine.Date // the local day it was first sent
	Last   engine.Date // the local day it was last sent
	Sent   int         // how many times it was sent
	SentAt time.Time   // when it was last sent
	// Unconfirmed marks a send recorded but not yet confirmed delivered
	// (Bot.Delivered): a process that died between recording and sending
	// leaves it so, and the next Daily puts Prev back and decides again,
	// so a scheduled message goes out at least once.
	Unconfirmed bool
	Prev        *Nudge // the record before this send; nil when it was the first
}

// ScheduleTx is the storage the scheduled messages need (embedded in Tx).
type ScheduleTx interface {
	// UserWithIdentities returns the user with id and their identities, oldest first,
	// and locks the user until the transaction ends (PostgreSQL; SQLite has a
	// single writer anyway). It returns ErrNotFound for an unknown id.
	UserWithIdentities(id int64) (User, []Identity, error)
	// Nudge returns the user's nudge of kind about key, or ErrNotFound.
	Nudge(userID int64, kind NudgeKind, key engine.Date) (Nudge, error)
	// PutNudge stores n, replacing the record of the same user, kind and key.
	PutNudge(n Nudge) error
	// DeleteNudge removes the record of the user's nudge of kind about key.
	DeleteNudge(userID int64, kind NudgeKind, key engine.Date) error
	// UnconfirmedNudges returns the user's nudges recorded as sent whose
	// delivery was never confirmed.
	UnconfirmedNudges(userID int64) ([]Nudge, error)
	// ConfirmNudge marks the send n records as delivered, when the user's
	// record of that nudge is still that send.
	ConfirmNudge(n Nudge) error
}

// PollUser is a user with a daily poll and the identity it is delivered to.
type PollUser struct {
	User User
	Via  Identity
}

// Slot is one daily poll as the scheduler planned it: the user's local day,
// at the poll time and in the zone the user had set when it was planned.
type Slot struct {
	UserID   int64
	Day      engine.Date
	PollTime string
	TZ       string
}

// Daily is what one daily poll sends a user.
type Daily struct {
	User       User
	Identities []Identity // oldest first
	// Stale is true when the user changed the poll time or zone, or turned
	// the poll off, since the slot was planned: nothing was built, and the
	// scheduler does not continue this slot's chain (the change started a new one).
	Stale    bool
	Messages []Outgoing
}

// Outgoing is one message the bot sends on its own.
type Outgoing struct {
	Kind  NudgeKind
	Reply Reply

	rec     Nudge   // what was recorded for it; rec.Prev is what it replaced
	pending *string // the user's pending question before a poll set it
}

// Daily builds the messages due to a user at the daily poll of slot s, at
// now, and records them as sent in the same transaction: a second call for
// the same day returns none of them again. In order: a deload nudge (the
// first day a planned deload is due, or its one repeat two days later when
// neither started nor skipped), an ease-back nudge (the day after a deload
// week, or its one repeat two days later when nothing was logged since), and
// the readiness check-in (unless the user checked in that day already). The
// check-in sets the user's pending question, as /checkin does, so the first
// answer continues the poll. An unknown user returns an error wrapping
// ErrNotFound. When delivery fails, Unsend each message that did not go out.
func (b *Bot) Daily(ctx context.Context, s Slot, now time.Time) (Daily, error) {
	var d Daily
	err := b.store.Do(ctx, func(tx Tx) error {
		d = Daily{}
		u, ids, err := tx.UserWithIdentities(s.UserID)
		if err != nil {
			return fmt.Errorf("user %d: %w", s.UserID, err)
		}
		d.User, d.Identities = u, ids
		if u.PollTime == "" || u.PollTime != s.PollTime || u.TZ != s.TZ {
			d.Stale = true
			return nil
		}
		// A send recorded but never confirmed: its process died before or
		// while delivering. Undo the record, so what is due goes out again.
		lost, err := tx.UnconfirmedNudges(u.ID)
		if err != nil {
			return fmt.Errorf("unconfirmed nudges: %w", err)
		}
		for _, n := range lost {
			if err := undoSend(tx, n); err != nil {
				return err
			}
			b.log.Warn("scheduled message recorded but never confirmed delivered: deciding it again", "user", b.ids.Hash(firstIdentity(ids)), "kind", string(n.Kind), "day", n.Last.String())
		}
		var id Identity
		if len(ids) > 0 {
			id = ids[0]
		}
		r := &request{ctx: ctx, tx: tx, msg: Message{Identity: id, ReceivedAt: now}, user: u, today: s.Day}
		h, p, err := r.window()
		if err != nil {
			return err
		}
		for _, f := range []func(*request, engine.History, engine.Profile, time.Time) (*Outgoing, error){b.deloadNudge, b.easeBackNudge, b.pollCheckin} {
			m, err := f(r, h, p, now)
			if err != nil {
				return err
			}
			if m != nil {
				d.Messages = append(d.Messages, *m)
			}
		}
		d.User = r.user
		return nil
	})
	if err != nil {
		return Daily{}, err
	}
	for _, m := range d.Messages {
		b.log.Info("scheduled message", "user", b.ids.Hash(firstIdentity(d.Identities)), "kind", string(m.Kind), "day", s.Day.String(), "sent", m.rec.Sent)
	}
	return d, nil
}

func firstIdentity(ids []Identity) Identity {
	if len(ids) == 0 {
		return Identity{}
	}
	return ids[0]
}

// Delivered confirms that m reached the user (or can never reach them: a
// blocked bot), so that a later Daily does not send it again.
func (b *Bot) Delivered(ctx context.Context, userID int64, m Outgoing) error {
	return b.store.Do(ctx, func(tx Tx) error {
		if err := tx.ConfirmNudge(m.rec); err != nil {
			return fmt.Errorf("confirm %s nudge: %w", m.rec.Kind, err)
		}
		return nil
	})
}

// Unsend forgets that m was sent, after its delivery failed, so that a retry
// of the same poll sends it. A check-in poll also clears the pending question
// it set, unless the user has answered since.
func (b *Bot) Unsend(ctx context.Context, userID int64, m Outgoing) error {
	return b.store.Do(ctx, func(tx Tx) error {
		if err := undoSend(tx, m.rec); err != nil {
			return err
		}
		if m.pending == nil {
			return nil
		}
		u, _, err := tx.UserWithIdentities(userID)
		if err != nil {
			return fmt.Errorf("user %d: %w", userID, err)
		}
		if u.Pending == pendingCheckin+checkinChoices[0].Field {
			u.Pending = *m.pending
			return tx.SaveUser(u)
		}
		return nil
	})
}

// record stores n and returns the Outgoing that carries it.
func record(tx Tx, prev *Nudge, n Nudge, r Reply) (*Outgoing, error) {
	n.Unconfirmed, n.Prev = true, nil
	if prev != nil {
		p := *prev
		p.Unconfirmed, p.Prev = false, nil
		n.Prev = &p
	}
	if err := tx.PutNudge(n); err != nil {
		return nil, fmt.Errorf("record %s nudge: %w", n.Kind, err)
	}
	return &Outgoing{Kind: n.Kind, Reply: r, rec: n}, nil
}

// undoSend puts back the record n replaced (n.Prev), or removes n when it
// was the first: the send never happened.
func undoSend(tx Tx, n Nudge) error {
	if n.Prev != nil {
		if err := tx.PutNudge(*n.Prev); err != nil {
			return fmt.Errorf("restore %s nudge: %w", n.Kind, err)
		}
		return nil
	}
	if err := tx.DeleteNudge(n.UserID, n.Kind, n.Key); err != nil {
		return fmt.Errorf("delete %s nudge: %w", n.Kind, err)
	}
	return nil
}

// lookup returns the user's nudge of kind about key, nil when none.
func lookup(tx Tx, userID int64, kind NudgeKind, key engine.Date) (*Nudge, error) {
	n, err := tx.Nudge(userID, kind, key)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s nudge: %w", kind, err)
	}
	return &n, nil
}

// next returns the record of sending a nudge (again) on day.
func next(prev *Nudge, n Nudge, day engine.Date, now time.Time) Nudge {
	if prev != nil {
		n = *prev
	} else {
		n.First = day
	}
	n.Last, n.SentAt = day, now.UTC()
	n.Sent++
	return n
}

// dueRepeat reports whether a nudge sent once is due its one repeat on day.
func dueRepeat(n *Nudge, day engine.Date) bool {
	return n.Sent == 1 && day >= n.First.AddDays(nudgeRepeatAfter) && n.Last < day
}

// deloadNudge: a planned deload is due (engine.Plan), keyed by the day it fell due.
func (b *Bot) deloadNudge(r *request, h engine.History, p engine.Profile, now time.Time) (*Outgoing, error) {
	st := engine.Plan(h, p, r.today)
	if !st.Due || st.NextDeload == 0 {
		return nil, nil
	}
	prev, err := lookup(r.tx, r.user.ID, NudgeDeload, st.NextDeload)
	if err != nil {
		return nil, err
	}
	// Still due means neither started nor skipped: the nudge is unanswered.
	if prev != nil && !dueRepeat(prev, r.today) {
		return nil, nil
	}
	var t strings.Builder
	if prev == nil {
		t.WriteString("A planned deload is due today.")
	} else {
		fmt.Fprintf(&t, "Reminder: your planned deload (due since %s) is still open.", st.NextDeload)
	}
	if len(st.Lines) > 0 {
		t.WriteString(" " + words.PlanLine(st.Lines[0], st.Units))
	}
	lines := words.DeloadWeek(engine.DeloadWeek(h, p, r.today), p.Units)
	if len(lines) == 0 {
		t.WriteString("\nNothing logged in the last 7 days to prescribe from: keep your training days, about half the sets at 70% of your usual loads, RIR 4 or more.")
	} else {
		t.WriteString("\nThe week, if you start today:\n" + strings.Join(lines, "\n"))
	}
	t.WriteString("\nStart it now, or skip this one; either way the count starts again.")
	reply := Reply{Text: t.String(), Buttons: [][]Button{{{Label: "Start deload", Data: "/deload now"}, {Label: "Skip this one", Data: "/deload skip"}}}}
	return record(r.tx, prev, next(prev, Nudge{UserID: r.user.ID, Kind: NudgeDeload, Key: st.NextDeload}, r.today, now), reply)
}

// easeBackNudge: the day after a deload week ended, the ease-back plan, keyed
// by the deload's first day.
func (b *Bot) easeBackNudge(r *request, h engine.History, p engine.Profile, now time.Time) (*Outgoing, error) {
	st := engine.Plan(h, p, r.today)
	if st.EaseBackWeek != 1 {
		return nil, nil
	}
	var last *engine.DeloadPeriod
	for i := range h.Deloads {
		d := &h.Deloads[i]
		if !d.Skipped && d.End < r.today && (last == nil || d.End > last.End) {
			last = d
		}
	}
	if last == nil {
		return nil, nil
	}
	prev, err := lookup(r.tx, r.user.ID, NudgeEaseBack, last.Start)
	if err != nil {
		return nil, err
	}
	if prev != nil {
		if !dueRepeat(prev, r.today) {
			return nil, nil
		}
		// Logging a session or a check-in since answers it: the lifter is back.
		e, err := r.tx.LastEntry(r.user.ID)
		switch {
		case err == nil && e.Created.After(prev.SentAt):
			return nil, nil
		case err != nil && !errors.Is(err, ErrNotFound):
			return nil, fmt.Errorf("last entry: %w", err)
		}
	}
	var t strings.Builder
	if prev != nil {
		t.WriteString("Reminder: ")
	}
	fmt.Fprintf(&t, "Your deload week is over (%s to %s). Ease back in:", last.Start, last.End)
	// The engine writes the ease-back loads into each lift's advice; collect them.
	n := 0
	for _, v := range engine.AdviseAll(h, p, r.today) {
		for _, rx := range v.Prescription {
			if rx.Kind != engine.RxEaseBack1 {
				continue
			}
			fmt.Fprintf(&t, "\n- %s: %s", v.Lift, words.EaseBackWeek1(rx, v.Units))
			n++
		}
	}
	if n == 0 {
		t.WriteString("\n- this week, train at 90-95% of your pre-deload loads")
	}
	t.WriteString("\nNext week: back to your pre-deload loads. /advice has the details per lift.")
	reply := Reply{Text: t.String(), Buttons: [][]Button{{{Label: "Show my plan", Data: "/plan"}}}}
	return record(r.tx, prev, next(prev, Nudge{UserID: r.user.ID, Kind: NudgeEaseBack, Key: last.Start}, r.today, now), reply)
}

// pollCheckin is the readiness check-in: the first question of /checkin's
// interactive flow with its buttons (askCheckin, which also sets the pending
// question so that a typed answer or a tap continues it), once a day, not
// after the day's check-in.
func (b *Bot) pollCheckin(r *request, _ engine.History, _ engine.Profile, now time.Time) (*Outgoing, error) {
	prev, err := lookup(r.tx, r.user.ID, NudgePoll, 0)
	if err != nil {
		return nil, err
	}
	if prev != nil && prev.Last >= r.today {
		return nil, nil
	}
	if _, err := r.tx.Checkin(r.user.ID, r.today); err == nil {
		return nil, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("checkin: %w", err)
	}
	before := r.user.Pending
	reply, err := b.askCheckin(r, 0, false)
	if err != nil {
		return nil, err
	}
	reply.Text = fmt.Sprintf("Good morning! Your daily check-in for %s.\n%s", r.today, reply.Text)
	n := next(prev, Nudge{UserID: r.user.ID, Kind: NudgePoll}, r.today, now)
	n.First = r.today // one record per user: First is the day of this poll
	m, err := record(r.tx, prev, n, reply)
	if m != nil {
		m.pending = &before
	}
	return m, err
}
