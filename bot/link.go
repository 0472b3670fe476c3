package bot

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"
)

// /link joins two identities (say Telegram and Discord) into one Spotter
// user: /link on one platform gives a one-time code; /link CODE on the other
// merges the second account's history into the first.

// MergeCounts says what a merge moved.
type MergeCounts struct {
	Sets            int // sets moved
	Checkins        int // check-ins moved
	CheckinsDropped int // check-ins of days both users had, where the other was newer
	Entries         int // log entries moved (what /undo walks)
	Ranges          int // rep ranges moved: those of lifts into had none for
}

// LinkTx is the storage /link needs.
type LinkTx interface {
	// AddLinkCode stores a one-time code for the user, valid until expires.
	AddLinkCode(code string, userID int64, expires time.Time) error
	// TakeLinkCode uses up a code and returns its user. It returns
	// ErrNotFound when the code is unknown, used or expired at now.
	TakeLinkCode(code string, now time.Time) (userID int64, err error)
	// MergeUsers moves everything of user from to user into (identities,
	// sets, check-ins, entries, deloads...) and deletes from. Of two
	// check-ins of the same day the newer is kept; into's settings stay,
	// and of two rep ranges for the same lift into's is kept.
	MergeUsers(into, from int64) (MergeCounts, error)
	// Identities returns the user's identities.
	Identities(userID int64) ([]Identity, error)
}

// linkCodeTTL is how long a link code works: long enough to switch apps.
const linkCodeTTL = 10 * time.Minute

// linkAlphabet has no 0/O or 1/I, so a code read off a screen types back right.
const linkAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

const linkCodeLen = 8 // 32^8 = 1.1e12 codes

func newLinkCode() (string, error) {
	buf := make([]byte, linkCodeLen)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("link code: %w", err)
	}
	for i, c := range buf {
		buf[i] = linkAlphabet[int(c)%len(linkAlphabet)] // 256 is a multiple of 32: no bias
	}
	return string(buf), nil
}

func (b *Bot) link(r *request) (Reply, error) {
	// A code shown in a group could be redeemed by any member, joining their
	// account to this one: codes are given and taken in private only.
	if err := privateOnly(r, "/link"); err != nil {
		return Reply{}, err
	}
	code := strings.ToUpper(strings.TrimSpace(r.args))
	if code == "" {
		c, err := newLinkCode()
		if err != nil {
			return Reply{}, err
		}
		if err := r.tx.AddLinkCode(c, r.user.ID, r.msg.ReceivedAt.Add(linkCodeTTL)); err != nil {
			return Reply{}, fmt.Errorf("add link code: %w", err)
		}
		return Reply{Text: fmt.Sprintf("Your link code: %s\nSend /link %s to Spotter on your other platform within %d minutes. That account's log then joins this one (this account's settings stay). The code works once.", c, c, int(linkCodeTTL.Minutes()))}, nil
	}
	if len(code) != linkCodeLen || strings.Trim(code, linkAlphabet) != "" {
		return Reply{}, badToken(r.args, fmt.Sprintf("a link code is %d letters and digits.", linkCodeLen), "/link K7P2XQ9M")
	}
	into, err := r.tx.TakeLinkCode(code, r.msg.ReceivedAt)
	if errors.Is(err, ErrNotFound) {
		return Reply{Text: "That code is unknown, used or expired. Send /link on your other platform for a new one."}, nil
	}
	if err != nil {
		return Reply{}, fmt.Errorf("take link code: %w", err)
	}
	if into == r.user.ID {
		return Reply{Text: "That code is from this same Spotter account: nothing to join. Send it to the bot on your other platform."}, nil
	}
	n, err := r.tx.MergeUsers(into, r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("merge users: %w", err)
	}
	u, err := r.tx.UserByID(into)
	if err != nil {
		return Reply{}, fmt.Errorf("merged user: %w", err)
	}
	r.user = u
	ids, err := r.tx.Identities(into)
	if err != nil {
		return Reply{}, fmt.Errorf("identities: %w", err)
	}
	var names []string
	for _, id := range ids {
		names = append(names, id.Platform)
	}
	b.log.Info("linked", "user", b.ids.Hash(r.msg.Identity), "into", into, "sets", n.Sets, "checkins", n.Checkins)
	text := fmt.Sprintf("Linked: %s are now one Spotter account. Moved %s and %s from this account", strings.Join(names, " and "), plural(n.Sets, "set", "sets"), plural(n.Checkins, "check-in", "check-ins"))
	if n.CheckinsDropped > 0 {
		text += fmt.Sprintf("; on %s both accounts had a check-in and I kept the newer one", plural(n.CheckinsDropped, "day", "days"))
	}
	text += ". Your settings are those of the account that made the code (/settings)"
	if n.Ranges > 0 {
		text += fmt.Sprintf(", with %s from this account for lifts it had none for", plural(n.Ranges, "rep range", "rep ranges"))
	}
	text += ". /history shows everything."
	return Reply{Text: text}, nil
}
