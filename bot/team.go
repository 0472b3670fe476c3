package bot

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spotterbot/spotter/bot/words"
	"github.com/spotterbot/spotter/engine"
)

// Teams: a Discord server is a team. Members share (or not) their readiness
// with the team's coaches; one check-in post a day goes to the team channel.
// The post shows counts only; a member's details reach coaches only through
// /team status, and only for members who ran /team join.

// Server is where a message was sent when it came from a Discord server, with
// what the platform says about the sender there. It is nil elsewhere.
type Server struct {
	ID        string   // the server (guild) id: the team's key
	ChannelID string   // the channel the message was sent in
	Manager   bool     // the sender may manage the server (Manage Server or Administrator)
	Roles     []string // the sender's role ids on the server
}

// Team is one server's team settings.
type Team struct {
	ID        int64
	Platform  string
	ServerID  string
	ChannelID string // where the daily post goes
	PostTime  string // "07:30", local to TZ
	TZ        string
	CoachRole string // role id whose members are coaches; "" = Manage Server only
}

// Location is the team's time zone, UTC when unknown.
func (t Team) Location() *time.Location { return cachedZone(t.TZ) }

// TeamMember is a member who shares readiness with the team's coaches.
type TeamMember struct {
	UserID int64
	Name   string
}

// claimedPost is one day's check-in post of a team, claimed and ready to send.
type claimedPost struct {
	Team  Team
	Day   engine.Date
	Reply Reply
}

// TeamTx is the storage teams need.
type TeamTx interface {
	// Team returns the team of a server, or ErrNotFound.
	Team(platform, serverID string) (Team, error)
	// SaveTeam creates or updates the team of (Platform, ServerID) and returns it with its ID.
	SaveTeam(t Team) (Team, error)
	// Teams returns every team.
	Teams() ([]Team, error)
	// ShareWithTeam records whether the user shares with the team's coaches.
	ShareWithTeam(teamID, userID int64, name string, sharing bool) error
	// TeamMembers returns the members who share with the team, by name.
	TeamMembers(teamID int64) ([]TeamMember, error)
	// UserByID returns a user, or ErrNotFound.
	UserByID(id int64) (User, error)
	// ClaimTeamPost reserves the team's post of a day for the caller. It
	// returns false when the post was sent, or claimed less than stale ago.
	ClaimTeamPost(teamID int64, day engine.Date, now time.Time, stale time.Duration) (bool, error)
	// SetTeamPostMessage records the platform message id of a sent post.
	SetTeamPostMessage(teamID int64, day engine.Date, messageID string) error
	// ReleaseTeamPost drops an unsent claim, so a later call posts again.
	ReleaseTeamPost(teamID int64, day engine.Date) error
	// TeamPostMessage returns the message id of a sent post, or ErrNotFound.
	TeamPostMessage(teamID int64, day engine.Date) (string, error)
	// AddTeamCheckin records that the user checked in through the team's post of a day.
	AddTeamCheckin(teamID int64, day engine.Date, userID int64) error
	// TeamCheckins returns the users who checked in through the team's post of a day.
	TeamCheckins(teamID int64, day engine.Date) ([]int64, error)
}

// Button data of the daily post. A tap sends "/team checkin DAY ANSWER";
// Details sends "/team details DAY", which an adapter with forms (Discord)
// answers with a form whose fields it appends to "/team checkin DAY".
const (
	teamCheckinPrefix = "/team checkin "
	teamDetailsPrefix = "/team details "
)

// TeamDetailsDay reports whether data is the Details button of a team post;
// form is the text the filled-in form's fields are appended to.
func TeamDetailsDay(data string) (form string, ok bool) {
	rest, ok := strings.CutPrefix(data, teamDetailsPrefix)
	if !ok {
		return "", false
	}
	if _, err := engine.ParseDate(strings.TrimSpace(rest)); err != nil {
		return "", false
	}
	return teamCheckinPrefix + strings.TrimSpace(rest), true
}

// quickAnswers maps the post's one-tap buttons to check-in fields. In the
// terms of engine-rules section 2: Ready and OK raise no flag (OK answers the
// neutral middle of each scale); Fatigued raises two flags (soreness high,
// motivation low), so it makes the day strained on its own, as a lifter who
// calls themselves fatigued means a cluster, not one complaint. Three
// Fatigued days in 7 make recovery poor. A tap overwrites only the fields it
// names; fields given earlier that day (joints, numbers) stay.
var quickAnswers = []struct {
	Word, Label, Fields string
}{
	{"ready", "Ready", "sleep good soreness none motivation high"},
	{"ok", "OK", "sleep ok soreness normal motivation normal"},
	{"fatigued", "Fatigued", "soreness high motivation low"},
}

const teamExample = "/team setup #training 07:30 Europe/Berlin"

var (
	reChannel = regexp.MustCompile(`^<#(\d{1,25})>$|^(\d{1,25})$`)
	reRole    = regexp.MustCompile(`^<@&(\d{1,25})>$|^(\d{1,25})$`)
)

func (b *Bot) team(r *request) (Reply, error) {
	sub, rest, _ := strings.Cut(strings.TrimSpace(r.args), " ")
	sub = strings.ToLower(sub)
	rest = strings.TrimSpace(rest)
	if r.msg.Server == nil {
		return Reply{}, &InputError{Problem: "Teams live on Discord servers: run /team in your team's server.", Example: teamExample}
	}
	if sub == "setup" {
		return b.teamSetup(r, rest)
	}
	t, err := r.tx.Team(r.msg.Identity.Platform, r.msg.Server.ID)
	if errors.Is(err, ErrNotFound) {
		if sub == "" || sub == "help" {
			return Reply{Text: teamHelp}, nil
		}
		return Reply{}, &InputError{Problem: "This server is not a team yet: someone with Manage Server sets it up first.", Example: teamExample}
	}
	if err != nil {
		return Reply{}, fmt.Errorf("team: %w", err)
	}
	switch sub {
	case "join", "leave":
		if err := r.tx.ShareWithTeam(t.ID, r.user.ID, r.msg.Identity.Name, sub == "join"); err != nil {
			return Reply{}, fmt.Errorf("share with team: %w", err)
		}
		if sub == "join" {
			return Reply{Text: "You now share with this team's coaches: your readiness today, strained days this week, deload due or running, and the verdict on your main lifts. Nothing else, and nothing in public. /team leave stops it."}, nil
		}
		return Reply{Text: "You no longer share anything with this team's coaches. Your own log is unchanged; /team join shares again."}, nil
	case "coach-role", "coachrole", "coach":
		return b.teamCoachRole(r, t, rest)
	case "status":
		return b.teamStatus(r, t)
	case "checkin":
		return b.teamCheckin(r, t, rest)
	case "details":
		return Reply{Text: "Give the full check-in with /checkin, e.g. " + checkinExample}, nil
	case "", "help":
		return Reply{Text: teamHelp}, nil
	}
	return Reply{}, badToken(sub, "team commands are setup, join, leave, coach-role and status.", "/team join")
}

const teamHelp = "Team commands:\n/team setup CHANNEL TIME TZ - make this server a team with a daily check-in post (Manage Server)\n/team coach-role ROLE - members with this role are coaches (Manage Server)\n/team join - share your readiness and deload status with the coaches\n/team leave - stop sharing\n/team status - each sharing member's readiness today (coaches)"

func isCoach(t Team, s *Server) bool {
	return s.Manager || t.CoachRole != "" && contains(s.Roles, t.CoachRole)
}

func (b *Bot) teamSetup(r *request, args string) (Reply, error) {
	if !r.msg.Server.Manager {
		return Reply{Text: "Only members with the Manage Server permission can set up the team."}, nil
	}
	w := strings.Fields(args)
	if len(w) != 3 {
		return Reply{}, &InputError{Token: args, Problem: "setup takes the channel, the time (HH:MM) and the time zone.", Example: teamExample}
	}
	m := reChannel.FindStringSubmatch(w[0])
	if m == nil {
		return Reply{}, badToken(w[0], "name the channel, like #training.", teamExample)
	}
	channel := m[1] + m[2]
	tm := rePollTime.FindStringSubmatch(w[1])
	if tm == nil {
		return Reply{}, badToken(w[1], "the time is HH:MM in 24 hours.", teamExample)
	}
	h, _ := strconv.Atoi(tm[1])
	at := fmt.Sprintf("%02d:%s", h, tm[2])
	loc, err := loadZone(w[2]) // as /settings tz: europe/berlin works too
	if err != nil || strings.EqualFold(w[2], "local") {
		return Reply{}, badToken(w[2], "use an IANA time zone name.", teamExample)
	}
	t, err := r.tx.Team(r.msg.Identity.Platform, r.msg.Server.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Reply{}, fmt.Errorf("team: %w", err)
	}
	t.Platform, t.ServerID, t.ChannelID, t.PostTime, t.TZ = r.msg.Identity.Platform, r.msg.Server.ID, channel, at, loc.String()
	if _, err := r.tx.SaveTeam(t); err != nil {
		return Reply{}, fmt.Errorf("save team: %w", err)
	}
	b.log.Info("team setup", "user", b.ids.Hash(r.msg.Identity), "at", at, "tz", t.TZ)
	return Reply{Text: fmt.Sprintf("This server is a Spotter team. Every day at %s (%s) I post one check-in in <#%s>: members tap Ready, OK, Fatigued or Details. The post shows counts only.\nMembers who want their coaches to see their readiness: /team join.\nCoaches are members with Manage Server; add a coach role with /team coach-role @Coaches. Coaches see /team status.", at, t.TZ, channel)}, nil
}

func (b *Bot) teamCoachRole(r *request, t Team, args string) (Reply, error) {
	if !r.msg.Server.Manager {
		return Reply{Text: "Only members with the Manage Server permission can choose the coach role."}, nil
	}
	a := strings.TrimSpace(args)
	switch {
	case strings.EqualFold(a, "none") || strings.EqualFold(a, "off"):
		t.CoachRole = ""
	default:
		m := reRole.FindStringSubmatch(a)
		if m == nil {
			return Reply{}, badToken(a, "name a role, like @Coaches, or none.", "/team coach-role @Coaches")
		}
		t.CoachRole = m[1] + m[2]
	}
	if _, err := r.tx.SaveTeam(t); err != nil {
		return Reply{}, fmt.Errorf("save team: %w", err)
	}
	if t.CoachRole == "" {
		return Reply{Text: "No coach role: coaches are the members with Manage Server."}, nil
	}
	return Reply{Text: fmt.Sprintf("Coaches are now the members with <@&%s>, and those with Manage Server.", t.CoachRole)}, nil
}

// teamCheckin records a tap (or a Details form) on the team's post.
func (b *Bot) teamCheckin(r *request, t Team, args string) (Reply, error) {
	w := strings.Fields(strings.ToLower(args))
	if len(w) == 0 {
		return Reply{}, &InputError{Problem: "Say how you are: ready, ok or fatigued, or the check-in fields.", Example: "/team checkin ready"}
	}
	day := r.today
	if _, err := engine.ParseDate(w[0]); err == nil || w[0] == "today" || w[0] == "yesterday" {
		d, err := resolveDate(w[0], r.today, "/team checkin ready")
		if err != nil {
			return Reply{}, err
		}
		day, w = d, w[1:]
	}
	fields := strings.Join(w, " ")
	label := ""
	for _, q := range quickAnswers {
		if len(w) == 1 && w[0] == q.Word {
			fields, label = q.Fields, q.Label
		}
	}
	if fields == "" {
		return Reply{}, &InputError{Problem: "The form was empty: answer at least one field.", Example: checkinExample}
	}
	cmd, err := ParseCheckin(fields)
	if err != nil {
		return Reply{}, err
	}
	if cmd.DateWord != "" {
		return Reply{}, badToken(cmd.DateWord, "the post's day is already set; give only the fields.", checkinExample)
	}
	c, had, err := storeCheckin(r, day, cmd)
	if err != nil {
		return Reply{}, err
	}
	summary := fmt.Sprintf("check-in for %s (%s)", day, strings.Join(cmd.Given, ", "))
	if _, err := r.tx.AddEntry(Entry{UserID: r.user.ID, Kind: EntryCheckin, Date: day, Summary: summary, Prev: had, Created: r.msg.ReceivedAt}); err != nil {
		return Reply{}, fmt.Errorf("add entry: %w", err)
	}
	if err := r.tx.AddTeamCheckin(t.ID, day, r.user.ID); err != nil {
		return Reply{}, fmt.Errorf("team checkin: %w", err)
	}
	// The post's counts changed: once this is committed, the reply carries
	// the post as it reads then (teamPostUpdate), for the adapter to edit.
	r.teamPost = &teamPostRef{team: t, day: day}
	var text strings.Builder
	if label != "" {
		fmt.Fprintf(&text, "Checked in for %s as %s: %s.", day, label, describeCheckin(c))
	} else {
		fmt.Fprintf(&text, "Checked in for %s: %s.", day, describeCheckin(c))
	}
	if flags, _ := b.dayFlags(r.tx, r.user.ID, day); len(flags) >= 2 {
		fmt.Fprintf(&text, "\nA strained day (%s). Take it easier today; /advice says what it means for your lifts.", strings.Join(flags, ", "))
	}
	text.WriteString("\nOnly you see this. The team post shows counts only")
	if shared, err := b.sharesWith(r.tx, t.ID, r.user.ID); err == nil && shared {
		text.WriteString("; your coaches see your readiness (/team leave stops it).")
	} else {
		text.WriteString("; /team join lets your coaches see your readiness.")
	}
	return Reply{Text: text.String()}, nil
}

func (b *Bot) sharesWith(tx Tx, teamID, userID int64) (bool, error) {
	ms, err := tx.TeamMembers(teamID)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.UserID == userID {
			return true, nil
		}
	}
	return false, nil
}

// dayFlags returns the readiness flags of a user's check-in of day, as the
// engine reads them against the user's baselines (engine-rules section 2);
// ok is false when there is no check-in that day.
func (b *Bot) dayFlags(tx Tx, userID int64, day engine.Date) (flags []string, ok bool) {
	if _, err := tx.Checkin(userID, day); err != nil {
		return nil, false
	}
	h, err := tx.History(userID, "", day, day.AddDays(-baselineDays))
	if err != nil {
		b.log.Error("history for team readiness", "err", err)
		return nil, true
	}
	return words.DayFlags(engine.ReadinessOf(h, day)), true
}
