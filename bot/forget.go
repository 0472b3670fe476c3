package bot

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ForgetTx is the storage work of /forget.
type ForgetTx interface {
	// Forget deletes every row about the user in every table (the user,
	// identities, entries, sets, check-ins, deloads, rep ranges, handled
	// messages and any table added later) and returns the rows each table lost.
	Forget(userID int64) (map[string]int64, error)
}

// pendingForget marks a /forget waiting for its confirmation; the Unix time
// of the request follows the colon.
const pendingForget = "forget:"

// forgetWord is what a user types to confirm /forget.
const forgetWord = "delete"

// forgetWindow is how long a /forget waits for its confirmation: a stray
// "delete" typed a day later must not wipe an account.
const forgetWindow = 10 * time.Minute

func (b *Bot) forget(r *request) (Reply, error) {
	if err := privateOnly(r, "/forget"); err != nil {
		return Reply{}, err
	}
	switch a := strings.ToLower(strings.TrimSpace(r.args)); a {
	case "":
		r.user.Pending = pendingForget + strconv.FormatInt(r.msg.ReceivedAt.Unix(), 10)
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		text := "This deletes everything I have about you: every set, check-in, deload, body weight and note, your settings, rep ranges and routines, " +
			"and every account linked to you. It cannot be undone. Want a copy first? Send /export.\n" +
			fmt.Sprintf("To go ahead, tap Delete everything or type %s within %d minutes.", strings.ToUpper(forgetWord), int(forgetWindow.Minutes()))
		return Reply{Text: text, Buttons: [][]Button{{
			{Label: "Delete everything", Data: "/forget confirm"},
			{Label: "Cancel", Data: "/forget cancel"},
		}}}, nil
	case "confirm", forgetWord:
		return b.forgetConfirmed(r)
	case "cancel", "no":
		return b.forgetCancel(r)
	default:
		return Reply{}, badToken(r.args, "/forget takes nothing; it then asks you to confirm.", "/forget")
	}
}

// forgetAnswer takes the typed confirmation word (or anything else, which
// cancels). An answer that is neither the word nor a no ("yes", "ok") is
// told the word: whoever typed it may well have meant to go ahead.
func (b *Bot) forgetAnswer(r *request) (Reply, error) {
	a := strings.ToLower(strings.TrimSpace(r.args))
	if a == forgetWord {
		return b.forgetConfirmed(r)
	}
	if asked, err := strconv.ParseInt(strings.TrimPrefix(r.user.Pending, pendingForget), 10, 64); err != nil ||
		r.msg.ReceivedAt.Sub(time.Unix(asked, 0)) > forgetWindow {
		// A question nobody answered long ago: forget it and read the text as usual.
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		return b.notACommand(r)
	}
	reply, err := b.forgetCancel(r)
	if err == nil && !plainNo(a) {
		word := strings.ToUpper(forgetWord)
		reply.Text = fmt.Sprintf("Kept everything; nothing was deleted: the confirmation is the word %s. "+
			"To delete everything, send /forget again, then type %s.", word, word)
	}
	return reply, err
}

// plainNo reports whether an answer to /forget's question plainly means no.
func plainNo(a string) bool {
	switch strings.Trim(a, ".! ") {
	case "no", "n", "nope", "cancel", "stop", "keep", "don't", "dont":
		return true
	}
	return false
}

func (b *Bot) forgetCancel(r *request) (Reply, error) {
	if strings.HasPrefix(r.user.Pending, pendingForget) {
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
	}
	return Reply{Text: "Kept everything; nothing was deleted.", Edit: r.msg.Callback}, nil
}

func (b *Bot) forgetConfirmed(r *request) (Reply, error) {
	asked, ok := strings.CutPrefix(r.user.Pending, pendingForget)
	at, err := strconv.ParseInt(asked, 10, 64)
	if !ok || err != nil {
		return Reply{Text: "Nothing to confirm: send /forget first.", Edit: r.msg.Callback}, nil
	}
	if r.msg.ReceivedAt.Sub(time.Unix(at, 0)) > forgetWindow {
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		return Reply{Text: "That confirmation has expired and nothing was deleted. Send /forget again if you still want it.", Edit: r.msg.Callback}, nil
	}
	counts, err := r.tx.Forget(r.user.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("forget: %w", err)
	}
	b.log.Info("forgot user", "user", b.ids.Hash(r.msg.Identity))
	// The reply is recorded with the message; it must not point back at
	// the user who is gone.
	r.user = User{}
	return Reply{Text: forgetReport(counts), Edit: r.msg.Callback}, nil
}

// forgetReport says what was deleted, in words for the tables a user knows.
func forgetReport(counts map[string]int64) string {
	named := []struct {
		table, one, many string
	}{
		{"sets", "set", "sets"},
		{"checkins", "check-in", "check-ins"},
		{"deloads", "deload", "deloads"},
		{"entries", "log entry", "log entries"},
		{"lift_ranges", "rep range", "rep ranges"},
		{"body_weights", "body weight", "body weights"},
		{"notes", "note", "notes"},
		{"routines", "routine", "routines"},
		{"rest_timers", "rest timer setting", "rest timer settings"},
		{"identities", "linked account", "linked accounts"},
	}
	var parts []string
	seen := map[string]bool{"users": true, "handled_messages": true}
	for _, n := range named {
		seen[n.table] = true
		if c := counts[n.table]; c > 0 {
			parts = append(parts, plural(int(c), n.one, n.many))
		}
	}
	var other []string
	for t, c := range counts {
		if !seen[t] && c > 0 {
			other = append(other, fmt.Sprintf("%d rows of %s", c, strings.ReplaceAll(t, "_", " ")))
		}
	}
	sort.Strings(other)
	parts = append(parts, other...)
	if counts["users"] > 0 {
		parts = append(parts, "your settings")
	}
	text := "Done: I deleted everything I had about you"
	if len(parts) > 0 {
		text += " (" + strings.Join(parts, ", ") + ")"
	}
	text += "."
	if counts["handled_messages"] > 0 {
		text += " The messages you sent are no longer linked to you."
	}
	return text + " If you write to me again, you start as a new user."
}
