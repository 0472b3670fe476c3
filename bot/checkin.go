package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

const pendingCheckin = "checkin:"

func (b *Bot) checkin(r *request) (Reply, error) {
	if strings.EqualFold(strings.TrimSpace(r.args), "skip") {
		step := stepOf(strings.TrimPrefix(r.user.Pending, pendingCheckin))
		if step < 0 {
			return Reply{Text: "No check-in question is open. Start one with /checkin."}, nil
		}
		return b.askCheckin(r, step+1, r.msg.Callback)
	}
	cmd, err := ParseCheckinIn(r.args, r.user.Units)
	if err != nil {
		return Reply{}, err
	}
	day, err := resolveDate(cmd.DateWord, r.today, checkinExample)
	if err != nil {
		return Reply{}, err
	}
	if cmd.Body.Milli != 0 && len(cmd.Given) == 0 && len(cmd.Fields.Tags) == 0 {
		// Only a body weight: a weigh-in, as /bw stores it.
		text, _, err := storeBodyWeight(r, day, cmd.Body, 0)
		return Reply{Text: text}, err
	}
	if len(cmd.Given) == 0 && len(cmd.Fields.Tags) == 0 {
		if day != r.today {
			return Reply{}, &InputError{Problem: "For another day, give the fields.", Example: "/checkin yesterday sleep poor soreness high"}
		}
		// The whole poll is one entry, so one /undo takes it back: it
		// restores the day's check-in as it was before the first question.
		prev, err := r.tx.Checkin(r.user.ID, day)
		var had *engine.Checkin
		switch {
		case err == nil:
			had = &prev
		case !errors.Is(err, ErrNotFound):
			return Reply{}, fmt.Errorf("checkin: %w", err)
		}
		if _, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryCheckin, Date: day, Summary: fmt.Sprintf("the check-in you answered for %s", day), Prev: had, Created: r.msg.ReceivedAt}); err != nil {
			return Reply{}, fmt.Errorf("add entry: %w", err)
		}
		return b.askCheckin(r, 0, false)
	}
	c, had, err := storeCheckin(r, day, cmd)
	if err != nil {
		return Reply{}, err
	}
	// An answer to the open poll question continues the poll; the poll's
	// entry (made when it started) already covers it for /undo.
	if strings.HasPrefix(r.user.Pending, pendingCheckin) && len(cmd.Given) == 1 && day == r.today && cmd.Body.Milli == 0 {
		step := stepOf(strings.TrimPrefix(r.user.Pending, pendingCheckin))
		if step >= 0 && checkinChoices[step].Field == cmd.Given[0] {
			return b.askCheckin(r, step+1, r.msg.Callback)
		}
		// A second tap on an earlier question's button (a double tap, or a
		// tap before the message showed the next question): the answer
		// stands, and the message shows the open question again.
		if earlier := stepOf(cmd.Given[0]); r.msg.Callback && step >= 0 && earlier >= 0 && earlier < step {
			return b.askCheckin(r, step, true)
		}
	}
	given := describeCheckin(mergeCheckin(engine.Checkin{}, cmd))
	if cmd.Body.Milli != 0 {
		given += ", body weight " + cmd.Body.String()
	}
	summary := fmt.Sprintf("your check-in for %s (%s)", day, given)
	id, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryCheckin, Date: day, Summary: summary, Prev: had, Created: r.msg.ReceivedAt})
	if err != nil {
		return Reply{}, fmt.Errorf("add entry: %w", err)
	}
	verb := "Saved"
	if had != nil {
		verb = "Updated"
	}
	text := fmt.Sprintf("%s your check-in for %s: %s.", verb, day, describeCheckin(c))
	if cmd.Body.Milli != 0 {
		// Stored under the check-in's entry: one /undo takes both back.
		bw, _, err := storeBodyWeight(r, day, cmd.Body, id)
		if err != nil {
			return Reply{}, err
		}
		text += "\n" + bw
	}
	line, err := b.readinessLine(r, c)
	if err != nil {
		return Reply{}, err
	}
	if line != "" {
		text += "\n" + line
	}
	return Reply{Text: text}, nil
}

func stepOf(field string) int {
	for i, f := range checkinChoices {
		if f.Field == field {
			return i
		}
	}
	return -1
}

// askCheckin asks question step of the interactive check-in, or finishes it.
func (b *Bot) askCheckin(r *request, step int, edit bool) (Reply, error) {
	if step >= len(checkinChoices) {
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		c, err := r.tx.Checkin(r.user.ID, r.today)
		if err != nil {
			return Reply{}, fmt.Errorf("checkin: %w", err)
		}
		text := fmt.Sprintf("Check-in saved for %s: %s.", r.today, describeCheckin(c))
		line, err := b.readinessLine(r, c)
		if err != nil {
			return Reply{}, err
		}
		if line != "" {
			text += "\n" + line
		}
		return Reply{Edit: edit, Text: text + "\nAdd numbers any time: /checkin rhr 54 hrv 70 slept 7.5"}, nil
	}
	q := checkinChoices[step]
	r.user.Pending = pendingCheckin + q.Field
	if err := r.tx.SaveUser(r.user); err != nil {
		return Reply{}, fmt.Errorf("save user: %w", err)
	}
	var row []Button
	for _, a := range q.Answers {
		row = append(row, Button{Label: a, Data: fmt.Sprintf("/checkin %s %s", q.Field, a)})
	}
	skip := []Button{{Label: "skip", Data: "/checkin skip"}}
	text := fmt.Sprintf("Check-in %d/%d. %s %s", step+1, len(checkinChoices), q.Question, strings.Join(q.Answers, " / "))
	return Reply{Text: text, Buttons: [][]Button{row, skip}, Edit: edit}, nil
}

// answerPending takes a typed answer to the interactive check-in.
func (b *Bot) answerPending(r *request) (Reply, error) {
	field := strings.TrimPrefix(r.user.Pending, pendingCheckin)
	step := stepOf(field)
	if step < 0 {
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		return b.notACommand(r)
	}
	ans := strings.ToLower(strings.TrimSpace(r.args))
	if ans == "skip" || ans == "-" {
		return b.askCheckin(r, step+1, false)
	}
	if ans == "stop" || ans == "cancel" {
		r.user.Pending = ""
		if err := r.tx.SaveUser(r.user); err != nil {
			return Reply{}, fmt.Errorf("save user: %w", err)
		}
		return Reply{Text: "Check-in stopped; the answers so far are saved."}, nil
	}
	if !contains(checkinChoices[step].Answers, ans) {
		return Reply{}, badToken(r.args, fmt.Sprintf("answer %s, or skip, or stop.", strings.Join(checkinChoices[step].Answers, ", ")), checkinChoices[step].Answers[0])
	}
	r.args = field + " " + ans
	return b.checkin(r)
}

func describeCheckin(c engine.Checkin) string {
	var parts []string
	add := func(name, v string) {
		if v != "" {
			parts = append(parts, name+" "+v)
		}
	}
	add("sleep", string(c.Sleep))
	add("soreness", string(c.Soreness))
	add("joints", string(c.Joints))
	add("motivation", string(c.Motivation))
	add("warm-ups", string(c.Warmup))
	if c.RHR > 0 {
		parts = append(parts, fmt.Sprintf("resting HR %d bpm", c.RHR))
	}
	if c.HRV > 0 {
		parts = append(parts, fmt.Sprintf("HRV %s ms", engine.FormatNumber(c.HRV)))
	}
	if c.SleptHours > 0 {
		parts = append(parts, fmt.Sprintf("slept %s h", engine.FormatNumber(c.SleptHours)))
	}
	for _, t := range c.Tags {
		parts = append(parts, "#"+t)
	}
	if len(parts) == 0 {
		return "nothing answered"
	}
	return strings.Join(parts, ", ")
}

// readinessLine says what the day's check-in means for readiness. A failed
// read fails the check-in: on PostgreSQL a failed statement ends the
// transaction's use, so going on without the line would fail the check-in
// anyway, and with a vaguer error (SQLSTATE 25P02, not the lock timeout or
// lost connection that caused it).
func (b *Bot) readinessLine(r *request, c engine.Checkin) (string, error) {
	// The day's own baseline window, whatever day it is: a check-in entered
	// late counts on its own date (engine-rules section 7).
	h, err := r.tx.History(r.user.ID, "", c.Date, c.Date.AddDays(-baselineDays))
	if err != nil {
		return "", fmt.Errorf("history for readiness: %w", err)
	}
	return words.DaySummary(engine.ReadinessOf(h, c.Date)), nil
}

// storeCheckin merges the given fields into the day's check-in (one per day:
// a second updates the first) and stores it. It returns the result and the
// check-in as it was before (nil when there was none), for /undo.
func storeCheckin(r *request, day engine.Date, cmd CheckinCommand) (engine.Checkin, *engine.Checkin, error) {
	prev, err := r.tx.Checkin(r.user.ID, day)
	var had *engine.Checkin
	switch {
	case err == nil:
		had = &prev
	case errors.Is(err, ErrNotFound):
		prev = engine.Checkin{Date: day}
	default:
		return engine.Checkin{}, nil, fmt.Errorf("checkin: %w", err)
	}
	c := mergeCheckin(prev, cmd)
	c.Date = day
	if err := r.tx.PutCheckin(r.user.ID, c); err != nil {
		return engine.Checkin{}, nil, fmt.Errorf("put checkin: %w", err)
	}
	return c, had, nil
}
