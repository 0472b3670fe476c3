package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// The team's daily check-in post as a bot workflow: the scheduler calls
// PostTeams every minute; the bot decides which posts are due, claims them,
// renders them, has a TeamPoster send them and records what became of them
// (sent, failed). A tap on a post answers with a Reply.Update that shows the
// post's new counts; the adapter sends and edits what it is given.

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

// TeamPoster sends a team's daily post to the team's channel (the Discord
// adapter). The bot decides which posts are due and what they say, and
// records what became of them; the poster only sends.
type TeamPoster interface {
	// PostTeam sends r to channel and returns the platform's id of the
	// message, which later edits (Reply.Update) name.
	PostTeam(ctx context.Context, channel string, r Reply) (messageID string, err error)
}

// PostEdit asks the adapter to replace a message the bot sent on its own (a
// team post, whose counts change with every tap) with Reply.
type PostEdit struct {
	ChannelID string
	MessageID string
	Reply     Reply
}

// teamPostStale is how long a claimed but unsent post blocks other callers:
// after it, a claim whose sender died is taken over.
const teamPostStale = 2 * time.Minute

// PostTeams sends each of platform's team posts due at now through p: each
// team whose local time has reached its post time and whose post of the
// local day was neither sent nor claimed. A post is claimed in storage before
// it is sent, so replicas calling at once send it once; a post that p fails
// to send is released, so the next call (the scheduler's, a minute later)
// tries again. It returns how many posts went out and how many failed; err
// joins the failures.
func (b *Bot) PostTeams(ctx context.Context, platform string, p TeamPoster, now time.Time) (sent, failed int, err error) {
	posts, err := b.teamPostsDue(ctx, platform, now)
	var errs []error
	if err != nil {
		errs = append(errs, err) // the posts claimed before the failure still go out
	}
	for _, post := range posts {
		id, err := p.PostTeam(ctx, post.Team.ChannelID, post.Reply)
		if err != nil {
			failed++
			errs = append(errs, fmt.Errorf("team post to channel: %w", err))
			if rerr := b.teamPostFailed(ctx, post); rerr != nil {
				errs = append(errs, fmt.Errorf("release team post: %w", rerr))
			}
			continue
		}
		if err := b.teamPostSent(ctx, post, id); err != nil {
			// Sent but not recorded: the claim stays, so it is not sent again,
			// but taps cannot update it.
			errs = append(errs, fmt.Errorf("record team post: %w", err))
			continue
		}
		sent++
		b.log.Info("team post", "platform", platform, "team", post.Team.ID, "day", post.Day.String())
	}
	return sent, failed, errors.Join(errs...)
}

// teamPostsDue claims the daily posts due at now (see PostTeams). Calling it
// twice for the same day returns a team's post once.
func (b *Bot) teamPostsDue(ctx context.Context, platform string, now time.Time) ([]claimedPost, error) {
	var teams []Team
	if err := b.store.Do(ctx, func(tx Tx) error {
		var err error
		teams, err = tx.Teams()
		return err
	}); err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	var out []claimedPost
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
		var post *claimedPost
		err := b.store.Do(ctx, func(tx Tx) error {
			post = nil // a store may run fn again
			ok, err := tx.ClaimTeamPost(t.ID, day, now, teamPostStale)
			if err != nil || !ok {
				return err
			}
			rep, err := b.teamPostReply(tx, t, day)
			if err != nil {
				return err
			}
			post = &claimedPost{Team: t, Day: day, Reply: rep}
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

// teamPostSent records the message a post went out as.
func (b *Bot) teamPostSent(ctx context.Context, p claimedPost, messageID string) error {
	return b.store.Do(ctx, func(tx Tx) error { return tx.SetTeamPostMessage(p.Team.ID, p.Day, messageID) })
}

// teamPostFailed releases a claimed post that could not be sent, so the next
// teamPostsDue claims it again.
func (b *Bot) teamPostFailed(ctx context.Context, p claimedPost) error {
	return b.store.Do(ctx, func(tx Tx) error { return tx.ReleaseTeamPost(p.Team.ID, p.Day) })
}

// teamPostRef names a team's post of a day: a tap on it (teamCheckin) asks
// for it to be shown again with the new counts.
type teamPostRef struct {
	team Team
	day  engine.Date
}

// teamPostUpdate is the edit that shows a team post as it reads now, after
// the tap that changed its counts was committed (so it counts every tap
// committed before it); nil when the post was never sent, or on a storage
// error (logged: the tap itself was stored, only the counts lag).
func (b *Bot) teamPostUpdate(ctx context.Context, ref teamPostRef) *PostEdit {
	var e *PostEdit
	err := b.store.Do(ctx, func(tx Tx) error {
		e = nil
		t := ref.team
		id, err := tx.TeamPostMessage(t.ID, ref.day)
		if err != nil {
			return fmt.Errorf("team post message: %w", err)
		}
		rep, err := b.teamPostReply(tx, t, ref.day)
		if err != nil {
			return err
		}
		e = &PostEdit{ChannelID: t.ChannelID, MessageID: id, Reply: rep}
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		b.log.Error("team post update", "team", ref.team.ID, "day", ref.day.String(), "err", err)
		return nil
	}
	return e
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
