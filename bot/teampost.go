package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// The team's daily check-in post: which are due, their text, and what
// became of them (sent, failed); the adapter sends and edits what it is given.

// teamPostReply builds the public post: the day, the buttons, and counts only.
func (b *Bot) teamPostReply(tx Tx, t Team, day engine.Date) (Reply, error) {
	users, err := tx.TeamCheckins(t.ID, day)
	if err != nil {
		return Reply{}, fmt.Errorf("team checkins: %w", err)
	}
	checked, fatigued := 0, 0
	for _, u := range users {
		flags, ok := b.dayFlags(tx, u, day)
		if !ok {
			continue // undone since: not checked in
		}
		checked++
		if len(flags) >= 2 {
			fatigued++
		}
	}
	text := fmt.Sprintf("Daily check-in, %s %s. How are you today? Your answer is private; the team sees only the counts.\n", day.Weekday(), day)
	switch checked {
	case 0:
		text += "No one checked in yet."
	default:
		text += fmt.Sprintf("%d checked in, %d fatigued.", checked, fatigued)
	}
	var row []Button
	for _, q := range quickAnswers {
		row = append(row, Button{Label: q.Label, Data: teamCheckinPrefix + day.String() + " " + q.Word})
	}
	row = append(row, Button{Label: "Details…", Data: teamDetailsPrefix + day.String()})
	return Reply{Text: text, Buttons: [][]Button{row}}, nil
}

// teamPostStale is how long a claimed but unsent post blocks other callers:
// after it, a claim whose sender died is taken over.
const teamPostStale = 2 * time.Minute

// TeamPostsDue claims the daily posts due at now: each team whose local time
// has reached its post time and whose post of the local day was not sent or
// claimed. The caller sends each and then calls TeamPostSent (or
// TeamPostFailed). Calling it twice for the same day returns a team's post once.
func (b *Bot) TeamPostsDue(ctx context.Context, platform string, now time.Time) ([]TeamPost, error) {
	var teams []Team
	if err := b.store.Do(ctx, func(tx Tx) error {
		var err error
		teams, err = tx.Teams()
		return err
	}); err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	var out []TeamPost
	for _, t := range teams {
		if t.Platform != platform {
			continue
		}
		local := now.In(t.Location())
		if hm := local.Format("15:04"); hm < t.PostTime || hm > teamPostLate(t.PostTime) {
			// Before the post time, or so late that a morning check-in makes
			// no sense (a team set up at 23:00 for 07:30 starts tomorrow).
			continue
		}
		day := engine.DateOf(local)
		var post *TeamPost
		err := b.store.Do(ctx, func(tx Tx) error {
			ok, err := tx.ClaimTeamPost(t.ID, day, now, teamPostStale)
			if err != nil || !ok {
				return err
			}
			rep, err := b.teamPostReply(tx, t, day)
			if err != nil {
				return err
			}
			post = &TeamPost{Team: t, Day: day, Reply: rep}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("claim team post: %w", err)
		}
		if post != nil {
			out = append(out, *post)
		}
	}
	return out, nil
}

// TeamPostSent records the message a post went out as.
func (b *Bot) TeamPostSent(ctx context.Context, p TeamPost, messageID string) error {
	return b.store.Do(ctx, func(tx Tx) error { return tx.SetTeamPostMessage(p.Team.ID, p.Day, messageID) })
}

// TeamPostFailed releases a claimed post that could not be sent, so the next
// TeamPostsDue tries again.
func (b *Bot) TeamPostFailed(ctx context.Context, p TeamPost) error {
	return b.store.Do(ctx, func(tx Tx) error { return tx.ReleaseTeamPost(p.Team.ID, p.Day) })
}

// TeamPostView returns a server's post of a day as it should read now (its
// counts change with every tap), or ErrNotFound when it was never sent.
func (b *Bot) TeamPostView(ctx context.Context, platform, serverID string, day engine.Date) (TeamPost, error) {
	var p TeamPost
	err := b.store.Do(ctx, func(tx Tx) error {
		t, err := tx.Team(platform, serverID)
		if err != nil {
			return err
		}
		id, err := tx.TeamPostMessage(t.ID, day)
		if err != nil {
			return err
		}
		rep, err := b.teamPostReply(tx, t, day)
		p = TeamPost{Team: t, Day: day, MessageID: id, Reply: rep}
		return err
	})
	return p, err
}

// teamPostLate is the last local time a day's team post still goes out:
// three hours after its post time (or 23:59).
func teamPostLate(postTime string) string {
	t, err := time.Parse("15:04", postTime)
	if err != nil {
		return "23:59"
	}
	late := t.Add(3 * time.Hour)
	if late.Day() != t.Day() {
		return "23:59"
	}
	return late.Format("15:04")
}
