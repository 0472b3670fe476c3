package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// /team status: what a coach sees of the members who share with the team.

// teamStatus lists each sharing member for a coach.
func (b *Bot) teamStatus(r *request, t Team) (Reply, error) {
	if !isCoach(t, r.msg.Server) {
		return Reply{Text: "Only coaches see the team status: members with the coach role or Manage Server."}, nil
	}
	ms, err := r.tx.TeamMembers(t.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("team members: %w", err)
	}
	if len(ms) == 0 {
		return Reply{Text: "No member shares with the coaches yet. Members share with /team join."}, nil
	}
	lines := []string{fmt.Sprintf("Team status (%d sharing):", len(ms))}
	for _, m := range ms {
		line, err := b.memberStatus(r.tx, m, r.msg.ReceivedAt)
		if err != nil {
			return Reply{}, err
		}
		lines = append(lines, line)
	}
	return Reply{Text: strings.Join(lines, "\n")}, nil
}

// memberStatus is one member's line: readiness today (their local day),
// strained days in the last 7, deload due or running, verdicts on main lifts.
func (b *Bot) memberStatus(tx Tx, m TeamMember, now time.Time) (string, error) {
	u, err := tx.UserByID(m.UserID)
	if err != nil {
		return "", fmt.Errorf("member %d: %w", m.UserID, err)
	}
	today := engine.DateOf(now.In(u.Location()))
	name := m.Name
	if name == "" {
		name = u.Name
	}
	var parts []string
	if f, ok := b.dayFlags(tx, u.ID, today); !ok {
		parts = append(parts, "no check-in today")
	} else {
		switch {
		case len(f) == 0:
			parts = append(parts, "ready today (no flags)")
		case len(f) == 1:
			parts = append(parts, "OK today (1 flag: "+f[0]+")")
		default:
			parts = append(parts, "strained today ("+strings.Join(f, ", ")+")")
		}
	}
	strained := 0
	for d := today.AddDays(-6); d <= today; d++ {
		if f, _ := b.dayFlags(tx, u.ID, d); len(f) >= 2 {
			strained++
		}
	}
	parts = append(parts, fmt.Sprintf("strained %d of the last 7 days", strained))
	h, err := readWindow(tx, u.ID, today)
	if err != nil {
		return "", err
	}
	p, err := loadProfile(tx, u)
	if err != nil {
		return "", err
	}
	st := engine.Plan(h, p, today)
	switch {
	case st.InDeload != nil:
		parts = append(parts, fmt.Sprintf("deload running (day %d, ends %s)", today.DaysSince(st.InDeload.Start)+1, st.InDeload.End))
	case st.Due:
		parts = append(parts, "planned deload due")
	default:
		parts = append(parts, "no deload due")
	}
	var vs []string
	for _, v := range engine.AdviseAll(h, p, today) {
		if p.MainCompound(v.Lift) {
			vs = append(vs, fmt.Sprintf("%s %s", v.Lift, v.Kind))
		}
	}
	if len(vs) > 0 {
		parts = append(parts, strings.Join(vs, ", "))
	} else {
		parts = append(parts, "no main lift in the last 28 days")
	}
	return "- " + name + ": " + strings.Join(parts, "; "), nil
}
