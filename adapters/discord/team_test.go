package discord_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/discord"
	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot"
)

const coachRole = "777"

// mustTeam sets the server up as a team posting at 00:00 UTC (always due).
func (h *harness) mustTeam(t *testing.T) {
	t.Helper()
	owner := member("1", "owner", dt.PermManageServer)
	// A post time a minute ago, so the post is due now (posts go out for
	// three hours after their time).
	at := time.Now().UTC().Add(-time.Minute)
	postAt := at.Format("15:04")
	if at.Day() != time.Now().UTC().Day() {
		postAt = "00:00"
	}
	got := mustFinal(t, h.inServer(owner, 2, dt.Command("team", dt.Sub("setup", dt.Opt("channel", 7, chanID), dt.Opt("time", 3, postAt), dt.Opt("tz", 3, "UTC"))), nil))
	if !strings.HasPrefix(got.Content, "This server is a Spotter team.") {
		t.Fatalf("setup = %q", got.Content)
	}
	got = mustFinal(t, h.inServer(owner, 2, dt.Command("team", dt.Sub("coach-role", dt.Opt("role", 8, coachRole))), nil))
	if !strings.HasPrefix(got.Content, "Coaches are now the members with <@&"+coachRole+">") {
		t.Fatalf("coach-role = %q", got.Content)
	}
}

// postDue is the scheduler's call: the bot sends the team posts due at now
// through the adapter.
func (h *harness) postDue(ctx context.Context, now time.Time) (int, error) {
	sent, _, err := h.bot.PostTeams(ctx, discord.Platform, h.a, now)
	return sent, err
}

// mustPost runs the scheduler's call and returns the channel's one post.
func (h *harness) mustPost(t *testing.T) dt.Message {
	t.Helper()
	n, err := h.postDue(context.Background(), time.Now())
	if err != nil || n != 1 {
		t.Fatalf("PostTeams = %d, %v; want 1 post", n, err)
	}
	ms := h.srv.ChannelMessages(chanID)
	if len(ms) != 1 {
		t.Fatalf("%d messages in the channel, want 1", len(ms))
	}
	return ms[0]
}

func TestTeamSetupNeedsManageServer(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	plain := member("2", "pat", 0, coachRole)
	got := mustFinal(t, h.inServer(plain, 2, dt.Command("team", dt.Sub("setup", dt.Opt("channel", 7, chanID), dt.Opt("time", 3, "07:30"), dt.Opt("tz", 3, "Europe/Berlin"))), nil))
	if !strings.Contains(got.Content, "Only members with the Manage Server permission") || !got.Ephemeral {
		t.Errorf("setup by a plain member = %q, want refused (ephemeral)", got.Content)
	}
	got = mustFinal(t, h.inServer(plain, 2, dt.Command("team", dt.Sub("join")), nil))
	if !strings.Contains(got.Content, "not a team yet") {
		t.Errorf("join after a refused setup = %q, want not a team yet", got.Content)
	}
	if n, err := h.postDue(context.Background(), time.Now()); n != 0 || err != nil {
		t.Errorf("PostTeams = %d, %v; want nothing to post", n, err)
	}
	// Administrator counts as Manage Server.
	admin := member("3", "ada", dt.PermAdministrator)
	got = mustFinal(t, h.inServer(admin, 2, dt.Command("team", dt.Sub("setup", dt.Opt("channel", 7, chanID), dt.Opt("time", 3, "7:30"), dt.Opt("tz", 3, "Europe/Berlin"))), nil))
	if !strings.Contains(got.Content, "at 07:30 (Europe/Berlin)") {
		t.Errorf("setup by an admin = %q, want the team at 07:30 Berlin", got.Content)
	}
}

func TestTeamPostDueAtLocalTime(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	owner := member("1", "owner", dt.PermManageServer)
	mustFinal(t, h.inServer(owner, 2, dt.Command("team", dt.Sub("setup", dt.Opt("channel", 7, chanID), dt.Opt("time", 3, "07:30"), dt.Opt("tz", 3, "America/New_York"))), nil))
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		at   time.Time
		want int
	}{
		{time.Date(2026, 3, 2, 7, 29, 0, 0, ny), 0},
		{time.Date(2026, 3, 2, 12, 29, 0, 0, time.UTC), 0}, // 07:29 in New York
		{time.Date(2026, 3, 2, 7, 30, 0, 0, ny), 1},
		{time.Date(2026, 3, 2, 18, 0, 0, 0, ny), 0},  // already posted today
		{time.Date(2026, 3, 3, 7, 31, 0, 0, ny), 1},  // the next day
		{time.Date(2026, 3, 4, 10, 31, 0, 0, ny), 0}, // over three hours late: that day is skipped
	} {
		n, err := h.postDue(context.Background(), tc.at)
		if err != nil || n != tc.want {
			t.Errorf("at %s: posted %d (%v), want %d", tc.at, n, err, tc.want)
		}
	}
	ms := h.srv.ChannelMessages(chanID)
	if len(ms) != 2 || !strings.Contains(ms[0].Content, "2026-03-02") || !strings.Contains(ms[1].Content, "2026-03-03") {
		t.Errorf("posts = %+v, want one for March 2 and one for March 3", ms)
	}
}

func TestTeamDailyPostAppearsOnce(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	h.mustTeam(t)
	post := h.mustPost(t)
	for k := 0; k < 2; k++ {
		if n, err := h.postDue(context.Background(), time.Now()); n != 0 || err != nil {
			t.Errorf("call %d again the same day: posted %d (%v), want 0", k+2, n, err)
		}
	}
	if ms := h.srv.ChannelMessages(chanID); len(ms) != 1 {
		t.Errorf("%d posts in the channel, want 1", len(ms))
	}
	for _, l := range []string{"Ready", "OK", "Fatigued", "Details…"} {
		button(t, post, l)
	}
	if !strings.Contains(post.Content, "No one checked in yet.") {
		t.Errorf("post = %q, want no one checked in", post.Content)
	}
}

func TestTeamPostFailureIsRetried(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	h.mustTeam(t)
	h.srv.RateLimit("POST", "/channels/", 1, 100*time.Millisecond, false)
	// discordgo waits out the 429 and retries: the post still goes out once.
	if n, err := h.postDue(context.Background(), time.Now()); n != 1 || err != nil {
		t.Fatalf("PostTeams = %d, %v; want 1", n, err)
	}
	if ms := h.srv.ChannelMessages(chanID); len(ms) != 1 {
		t.Errorf("%d posts, want 1", len(ms))
	}
}

func TestTeamTapsStatusAndPrivacy(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	h.mustTeam(t)
	post := h.mustPost(t)
	ana := member("11", "ana", 0)
	bo := member("12", "bo", 0)
	cy := member("13", "cy", 0)
	coach := member("14", "coachkim", 0, coachRole)
	for _, m := range []*dt.Member{ana, cy} {
		got := mustFinal(t, h.inServer(m, 2, dt.Command("team", dt.Sub("join")), nil))
		if !strings.HasPrefix(got.Content, "You now share with this team's coaches") {
			t.Fatalf("join = %q", got.Content)
		}
	}
	taps := []struct {
		m     *dt.Member
		label string
		want  string
	}{
		{ana, "Ready", "as Ready: sleep good, soreness none, motivation high"},
		{bo, "OK", "as OK: sleep ok, soreness normal, motivation normal"},
		{cy, "Fatigued", "as Fatigued: soreness high, motivation low"},
	}
	for k, tp := range taps {
		got := mustFinal(t, h.inServer(tp.m, 3, dt.Component(button(t, post, tp.label).CustomID), &post))
		if !strings.Contains(got.Content, tp.want) || !got.Ephemeral {
			t.Errorf("%s tap reply = %q (ephemeral %v), want %q, ephemeral", tp.label, got.Content, got.Ephemeral, tp.want)
		}
		if _, ok := h.srv.WaitChannelEdits(chanID, post.ID, k+1, 5*time.Second); !ok {
			t.Fatalf("post not updated after tap %d", k+1)
		}
	}
	now, _ := h.srv.WaitChannelEdits(chanID, post.ID, 3, time.Second)
	if !strings.Contains(now.Content, "3 checked in, 1 fatigued.") {
		t.Errorf("post = %q, want 3 checked in, 1 fatigued", now.Content)
	}
	// A second tap by the same member changes their answer, not the count of members.
	mustFinal(t, h.inServer(cy, 3, dt.Component(button(t, post, "Ready").CustomID), &post))
	now, _ = h.srv.WaitChannelEdits(chanID, post.ID, 4, 5*time.Second)
	if !strings.Contains(now.Content, "3 checked in, 0 fatigued.") {
		t.Errorf("post after cy changed to Ready = %q, want 3 checked in, 0 fatigued", now.Content)
	}
	mustFinal(t, h.inServer(cy, 3, dt.Component(button(t, post, "Fatigued").CustomID), &post))
	h.srv.WaitChannelEdits(chanID, post.ID, 5, 5*time.Second)

	// Details… opens the full form; its answers are recorded too.
	ex := h.inServer(bo, 3, dt.Component(button(t, post, "Details…").CustomID), &post)
	modal := mustFinal(t, ex)
	if ex.Responses()[0].Type != 9 || !strings.HasPrefix(modal.CustomID, "/team checkin ") || len(modal.Buttons) != 5 {
		t.Fatalf("Details = %+v, want a modal (9) with 5 inputs", ex.Responses())
	}
	got := mustFinal(t, h.inServer(bo, 5, dt.ModalSubmit(modal.CustomID, map[string]string{"sleep": "Poor", "joints": "irritated", "more": "rhr 61 #travel"}), &post))
	if !strings.Contains(got.Content, "sleep poor, soreness normal, joints irritated, motivation normal, resting HR 61 bpm, #travel") || !strings.Contains(got.Content, "A strained day") {
		t.Errorf("details reply = %q, want the merged check-in, strained", got.Content)
	}
	now, _ = h.srv.WaitChannelEdits(chanID, post.ID, 6, 5*time.Second)
	if !strings.Contains(now.Content, "3 checked in, 2 fatigued.") {
		t.Errorf("post = %q, want 3 checked in, 2 fatigued", now.Content)
	}

	// cy's squat sessions give a verdict on a main lift.
	for k, load := range []string{"100x5", "102.5x5", "105x5"} {
		d := time.Now().AddDate(0, 0, -2*(3-k)).Format("2006-01-02")
		if _, err := h.bot.Handle(context.Background(), bot.Message{Identity: bot.Identity{Platform: "discord", UserID: cy.User.ID}, Text: "/log " + d + " squat " + load + " rir2"}); err != nil {
			t.Fatal(err)
		}
	}
	// The coach sees only the members who joined.
	st := mustFinal(t, h.inServer(coach, 2, dt.Command("team", dt.Sub("status")), nil))
	if !st.Ephemeral || !strings.HasPrefix(st.Content, "Team status (2 sharing):") {
		t.Errorf("status = %q (ephemeral %v), want 2 sharing, ephemeral", st.Content, st.Ephemeral)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^- ana: ready today \(no flags\); strained 0 of the last 7 days; no deload due; no main lift in the last 28 days$`),
		regexp.MustCompile(`(?m)^- cy: strained today \(soreness high, motivation low\); strained 1 of the last 7 days; no deload due; squat (PUSH|HOLD|DELOAD)$`),
	} {
		if !want.MatchString(st.Content) {
			t.Errorf("status = %q, want a line matching %s", st.Content, want)
		}
	}
	if strings.Contains(st.Content, "bo") {
		t.Errorf("status lists bo, who did not join: %q", st.Content)
	}
	// After /team leave, cy is no longer listed.
	mustFinal(t, h.inServer(cy, 2, dt.Command("team", dt.Sub("leave")), nil))
	st = mustFinal(t, h.inServer(member("1", "owner", dt.PermManageServer), 2, dt.Command("team", dt.Sub("status")), nil))
	if !strings.HasPrefix(st.Content, "Team status (1 sharing):") || strings.Contains(st.Content, "cy") {
		t.Errorf("status after cy left = %q, want ana only", st.Content)
	}

	// A member without the coach role or Manage Server is refused.
	refused := mustFinal(t, h.inServer(ana, 2, dt.Command("team", dt.Sub("status")), nil))
	if !strings.HasPrefix(refused.Content, "Only coaches see the team status") {
		t.Errorf("status by a non-coach = %q, want refused", refused.Content)
	}

	// Nothing public ever names a member or their answers: every channel
	// message, and every interaction response that is not ephemeral.
	private := []string{"ana", "bo", "cy", "sleep", "soreness", "joints", "motivation", "poor", "irritated", "travel", "61"}
	versions := 0
	for _, c := range h.srv.Calls() {
		if !strings.HasPrefix(c.Path, "/channels/"+chanID+"/messages") {
			continue
		}
		var m struct{ Content string }
		if err := json.Unmarshal(c.Body, &m); err != nil {
			t.Fatal(err)
		}
		versions++
		for _, p := range private {
			if strings.Contains(strings.ToLower(m.Content), p) {
				t.Errorf("public post shows %q: %q", p, m.Content)
			}
		}
	}
	if versions != 7 {
		t.Errorf("%d versions of the post checked, want 7 (sent, then 6 taps)", versions)
	}
	for _, c := range h.srv.Calls() {
		if c.Method == "POST" && strings.HasSuffix(c.Path, "/callback") && !strings.Contains(string(c.Body), `"flags":64`) &&
			!strings.Contains(string(c.Body), `"type":9`) && !strings.Contains(string(c.Body), `"type":8`) {
			t.Errorf("a public interaction response in the server: %s", c.Body)
		}
	}
}

func TestTeamCommandOutsideServer(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inDM(dt.User{ID: "21", Name: "dm"}, 2, dt.Command("team", dt.Sub("status"))))
	if !strings.Contains(strings.ToLower(got.Content), "teams live on discord servers") {
		t.Errorf("team in a DM = %q, want pointed to a server", got.Content)
	}
}

var reCode = regexp.MustCompile(`Your link code: ([A-Z0-9]{8})`)

func TestLinkTelegramAndDiscord(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	ctx := context.Background()
	tg := bot.Identity{Platform: "telegram", UserID: "555001", Name: "Ana"}
	say := func(text string) string {
		t.Helper()
		r, err := h.bot.Handle(ctx, bot.Message{Identity: tg, ChatID: tg.UserID, Text: text})
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		return r.Text
	}
	say("/log yesterday bench 80x5 rir2")
	ana := dt.User{ID: "31", Name: "ana"}
	mustFinal(t, h.inDM(ana, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"), dt.Opt("effort", 3, "rir2"))))
	before := mustFinal(t, h.inDM(ana, 2, dt.Command("history")))
	if strings.Contains(before.Content, "bench") {
		t.Fatalf("history before linking already shows bench: %q", before.Content)
	}

	m := reCode.FindStringSubmatch(say("/link"))
	if m == nil {
		t.Fatal("no link code from Telegram")
	}
	got := mustFinal(t, h.inDM(ana, 2, dt.Command("link", dt.Opt("code", 3, strings.ToLower(m[1])))))
	if !strings.HasPrefix(got.Content, "Linked: telegram and discord are now one Spotter account. Moved 1 set and 0 check-ins") {
		t.Errorf("link reply = %q", got.Content)
	}
	for name, hist := range map[string]string{
		"discord":  mustFinal(t, h.inDM(ana, 2, dt.Command("history"))).Content,
		"telegram": say("/history"),
	} {
		if !strings.Contains(hist, " squat: 1x5 at 100 kg") || !strings.Contains(hist, " bench: 1x5 at 80 kg") {
			t.Errorf("history on %s = %q, want both the squat and the bench session", name, hist)
		}
	}
	// The code works once.
	again := mustFinal(t, h.inDM(dt.User{ID: "32", Name: "eve"}, 2, dt.Command("link", dt.Opt("code", 3, m[1]))))
	if !strings.HasPrefix(again.Content, "That code is unknown, used or expired.") {
		t.Errorf("second use of the code = %q, want refused", again.Content)
	}
}
