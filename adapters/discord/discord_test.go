package discord_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/discord"
	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/storage"
)

const (
	appID   = "900"
	guildID = "4242" // 4242>>22 = 0: shard 0 of any count
	chanID  = "555"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type harness struct {
	t   *testing.T
	srv *dt.Server
	st  *storage.Store
	bot *bot.Bot
	a   *discord.Adapter
}

type options struct {
	ackAfter time.Duration
	store    func(bot.Store) bot.Store // wraps the store (a slow one)
	observer discord.Observer
}

// mustStart runs the real discordgo adapter against a fake Discord and a
// fresh SQLite database.
func mustStart(t *testing.T, o options) *harness {
	t.Helper()
	return mustStartWith(t, o, nil)
}

// mustStartWith is mustStart with before run on the database before the
// adapter starts.
func mustStartWith(t *testing.T, o options, before func(*storage.Store)) *harness {
	t.Helper()
	srv := dt.New()
	t.Cleanup(srv.Close)
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "spotter.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if before != nil {
		before(st)
	}
	var store bot.Store = st
	if o.store != nil {
		store = o.store(st)
	}
	b := bot.New(store, bot.WithLogger(quiet))
	a, err := discord.New(discord.Config{Token: "test-token", AppID: appID, APIURL: srv.URL, AckAfter: o.ackAfter, Observer: o.observer}, b, st, quiet)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, a)
	if !srv.WaitReady(1, 5*time.Second) {
		t.Fatal("adapter did not identify on the gateway")
	}
	waitFor(t, "commands registered", func() bool { return len(srv.Commands(appID, "")) > 0 })
	return &harness{t: t, srv: srv, st: st, bot: b, a: a}
}

func mustRun(t *testing.T, a *discord.Adapter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("adapter run: %v", err)
		}
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func member(id, name string, perms int64, roles ...string) *dt.Member {
	return &dt.Member{User: dt.User{ID: id, Name: name}, Permissions: perms, Roles: roles}
}

// inServer sends an interaction as m in the team's channel.
func (h *harness) inServer(m *dt.Member, typ int, data any, msg *dt.Message) *dt.Exchange {
	h.t.Helper()
	ex, err := h.srv.Interact(dt.Interaction{Type: typ, AppID: appID, GuildID: guildID, ChannelID: chanID, Member: m, Data: data, Message: msg})
	if err != nil {
		h.t.Fatal(err)
	}
	return ex
}

func (h *harness) inDM(u dt.User, typ int, data any) *dt.Exchange {
	h.t.Helper()
	ex, err := h.srv.Interact(dt.Interaction{Type: typ, AppID: appID, ChannelID: "dm-" + u.ID, User: &u, Data: data})
	if err != nil {
		h.t.Fatal(err)
	}
	return ex
}

// mustFinal returns what the user sees in the end for an exchange.
func mustFinal(t *testing.T, ex *dt.Exchange) dt.Message {
	t.Helper()
	m, ok := ex.Final(5 * time.Second)
	if !ok {
		t.Fatalf("no reply; responses: %+v", ex.Responses())
	}
	return m
}

func button(t *testing.T, m dt.Message, label string) dt.Button {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Label == label {
				return b
			}
		}
	}
	t.Fatalf("no %q button in %q: %+v", label, m.Content, m.Buttons)
	return dt.Button{}
}

func TestCommandsRegistered(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	byName := map[string]map[string]any{}
	for _, raw := range h.srv.Commands(appID, "") {
		var c map[string]any
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		byName[c["name"].(string)] = c
	}
	for _, m := range h.bot.CommandMenu() { // every command of the bot, /plates and /today too
		if byName[m[0]] == nil {
			t.Errorf("command /%s not registered; got %d commands", m[0], len(byName))
		}
	}
	var settings []string
	for _, c := range byName["settings"]["options"].([]any)[0].(map[string]any)["choices"].([]any) {
		settings = append(settings, c.(map[string]any)["value"].(string))
	}
	for _, want := range []string{"units", "range", "bar", "plates", "timer"} {
		if !slices.Contains(settings, want) {
			t.Errorf("/settings name choices %v: no %q", settings, want)
		}
	}
	opts := byName["log"]["options"].([]any)
	lift := opts[0].(map[string]any)
	if lift["name"] != "lift" || lift["autocomplete"] != true || lift["required"] != true {
		t.Errorf("/log first option = %v, want required lift with autocomplete", lift)
	}
	// /team needs a server; everything else works in the bot's DMs too.
	for name, want := range map[string]bool{"log": true, "advice": true, "team": false} {
		if got, ok := byName[name]["dm_permission"].(bool); !ok || got != want {
			t.Errorf("/%s dm_permission = %v, want %v", name, byName[name]["dm_permission"], want)
		}
	}
	if got := len(h.srv.Identifies()); got != 1 || h.srv.Identifies()[0].Token != "Bot test-token" {
		t.Errorf("identifies = %+v, want one with the bot token", h.srv.Identifies())
	}
	waitFor(t, "a heartbeat answered", func() bool { return h.srv.Heartbeats() > 0 })
}

func TestLogUndo(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	ana := member("101", "ana", 0)
	ex := h.inServer(ana, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"), dt.Opt("effort", 3, "rir2")), nil)
	got := mustFinal(t, ex)
	if want := "Logged squat: 1 set of 5 reps at 100 kg, RIR 2."; !strings.HasPrefix(got.Content, want) {
		t.Errorf("reply = %q, want prefix %q", got.Content, want)
	}
	if !got.Ephemeral {
		t.Errorf("reply in a server channel is not ephemeral (flags %d)", got.Flags)
	}
	if r := ex.Responses()[0]; r.Kind != "callback" || r.Type != 4 {
		t.Errorf("first response %s type %d, want callback type 4", r.Kind, r.Type)
	}
	undo := button(t, got, "Undo")
	if !regexp.MustCompile(`^/undo \d+$`).MatchString(undo.CustomID) {
		t.Errorf("Undo custom_id = %q, want /undo N", undo.CustomID)
	}

	tap := h.inServer(ana, 3, dt.Component(undo.CustomID), &got)
	if got := mustFinal(t, tap); !strings.HasPrefix(got.Content, "Removed squat on ") || !got.Ephemeral {
		t.Errorf("undo reply = %q (ephemeral %v), want Removed squat..., ephemeral", got.Content, got.Ephemeral)
	}
	hist := mustFinal(t, h.inServer(ana, 2, dt.Command("history"), nil))
	if !strings.HasPrefix(hist.Content, "Nothing logged yet") {
		t.Errorf("history after undo = %q, want nothing logged", hist.Content)
	}
	// The same tap delivered twice (a gateway redelivery) stores nothing twice.
	again := mustFinal(t, h.inServer(ana, 3, dt.Component(undo.CustomID), &got))
	if !strings.Contains(again.Content, "already gone") {
		t.Errorf("second undo = %q, want already gone", again.Content)
	}
}

func TestDMRepliesAreNotEphemeral(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inDM(dt.User{ID: "202", Name: "bo"}, 2, dt.Command("log", dt.Opt("lift", 3, "bench"), dt.Opt("sets", 3, "3x5@80"), dt.Opt("date", 3, "yesterday"), dt.Opt("tags", 3, "travel"))))
	if got.Ephemeral {
		t.Errorf("DM reply is ephemeral, want a normal message")
	}
	if !strings.Contains(got.Content, "Logged bench on ") || !strings.Contains(got.Content, "3 sets of 5 reps at 80 kg") || !strings.Contains(got.Content, "#travel") {
		t.Errorf("reply = %q, want bench yesterday 3x5 at 80 with #travel", got.Content)
	}
}

func TestAutocompleteLifts(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "303", Name: "cy"}
	mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "paused squat"), dt.Opt("sets", 3, "90x3"))))
	got := mustFinal(t, h.inDM(u, 4, dt.Command("log", dt.Focused(dt.Opt("lift", 3, "squ")))))
	if len(got.Choices) < 2 || got.Choices[0] != "paused squat" || got.Choices[1] != "squat" {
		t.Errorf("choices = %v, want [paused squat squat] (the user's lifts first)", got.Choices)
	}
}

// /help's command comes by autocomplete: the bot has more commands than
// the 25 choices Discord allows.
func TestAutocompleteHelpCommands(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inDM(dt.User{ID: "305", Name: "ed"}, 4, dt.Command("help", dt.Focused(dt.Opt("command", 3, "rou")))))
	if !slices.Equal(got.Choices, []string{"routine"}) {
		t.Errorf("choices for \"rou\" = %v, want [routine]", got.Choices)
	}
	got = mustFinal(t, h.inDM(dt.User{ID: "305", Name: "ed"}, 4, dt.Command("help", dt.Focused(dt.Opt("command", 3, "")))))
	if len(got.Choices) != 25 || got.Choices[0] != "start" {
		t.Errorf("choices for nothing typed = %v, want the first 25 commands from /start", got.Choices)
	}
}

func TestInvalidInputNamesTheToken(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inServer(member("1", "x", 0), 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100y5")), nil))
	if !strings.Contains(got.Content, `"100y5"`) || !strings.Contains(got.Content, "Example: /log squat 100x5 rir2") {
		t.Errorf("reply = %q, want the bad token and an example", got.Content)
	}
}

func TestCheckinByButtons(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := member("404", "di", 0)
	msg := mustFinal(t, h.inServer(u, 2, dt.Command("checkin"), nil))
	answers := []string{"poor", "high", "ok", "low", "normal"}
	for step, a := range answers {
		if !strings.HasPrefix(msg.Content, "Check-in ") {
			t.Fatalf("step %d: %q, want a check-in question", step+1, msg.Content)
		}
		ex := h.inServer(u, 3, dt.Component(button(t, msg, a).CustomID), &msg)
		msg = mustFinal(t, ex)
		if r := ex.Responses()[0]; r.Type != 7 {
			t.Errorf("step %d: response type %d, want 7 (update the poll message)", step+1, r.Type)
		}
	}
	want := "Check-in saved for "
	if !strings.HasPrefix(msg.Content, want) || !strings.Contains(msg.Content, "sleep poor, soreness high, joints ok, motivation low, warm-ups normal") {
		t.Errorf("final = %q, want saved with every answer", msg.Content)
	}
}

func TestCheckinByOptions(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inServer(member("405", "ed", 0), 2, dt.Command("checkin", dt.Opt("sleep", 3, "good"), dt.Opt("rhr", 4, 54.0), dt.Opt("slept", 10, 7.5)), nil))
	if !strings.Contains(got.Content, "sleep good, resting HR 54 bpm, slept 7.5 h") {
		t.Errorf("reply = %q, want the three fields", got.Content)
	}
}

func TestAdvice(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "505", Name: "fa"}
	today := time.Now()
	for k, load := range []string{"100x5", "102.5x5", "105x5", "107.5x5"} {
		d := today.AddDate(0, 0, -3*(4-k)).Format("2006-01-02")
		mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, load), dt.Opt("effort", 3, "rir2"), dt.Opt("date", 3, d))))
	}
	got := mustFinal(t, h.inDM(u, 2, dt.Command("advice", dt.Opt("lift", 3, "squat"))))
	if !regexp.MustCompile(`^(PUSH|HOLD|DELOAD) squat`).MatchString(got.Content) || !strings.Contains(got.Content, "\n- ") {
		t.Errorf("advice = %q, want a verdict line for squat and evidence lines", got.Content)
	}
}

// slowStore makes every transaction slow, as a loaded database would.
type slowStore struct {
	bot.Store
	delay time.Duration
}

func (s slowStore) Do(ctx context.Context, fn func(tx bot.Tx) error) error {
	time.Sleep(s.delay)
	return s.Store.Do(ctx, fn)
}

func TestSlowBotIsDeferredInTime(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{store: func(s bot.Store) bot.Store { return slowStore{s, 2500 * time.Millisecond} }})
	ex := h.inServer(member("606", "gu", 0), 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5")), nil)
	rs := ex.Wait(1, 5*time.Second)
	if len(rs) == 0 {
		t.Fatal("no response at all")
	}
	first := rs[0]
	if first.Kind != "callback" || first.Type != 5 || !first.Msg.Ephemeral {
		t.Errorf("first response %s type %d ephemeral %v, want a deferred (5) ephemeral callback", first.Kind, first.Type, first.Msg.Ephemeral)
	}
	if lag := first.At.Sub(ex.DispatchedAt); lag > 2*time.Second {
		t.Errorf("acknowledged after %v, want well within Discord's 3 s", lag)
	}
	got := mustFinal(t, ex)
	if !strings.HasPrefix(got.Content, "Logged squat") || len(got.Buttons) == 0 {
		t.Errorf("final = %q with %d button rows, want the log reply with Undo", got.Content, len(got.Buttons))
	}
	if last := ex.Responses()[len(ex.Responses())-1]; last.Kind != "edit" {
		t.Errorf("the reply came as %s, want an edit of @original", last.Kind)
	}
	for _, c := range h.srv.Calls() {
		if c.Status >= 400 {
			t.Errorf("call %s %s answered %d", c.Method, c.Path, c.Status)
		}
	}
}

func TestSlowTapIsDeferredInTime(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{store: func(s bot.Store) bot.Store { return slowStore{s, 900 * time.Millisecond} }, ackAfter: 500 * time.Millisecond})
	u := member("607", "ha", 0)
	logged := mustFinal(t, h.inServer(u, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5")), nil))
	ex := h.inServer(u, 3, dt.Component(button(t, logged, "Undo").CustomID), &logged)
	got := mustFinal(t, ex)
	rs := ex.Responses()
	if rs[0].Type != 6 || rs[len(rs)-1].Kind != "followup" || !got.Ephemeral || !strings.HasPrefix(got.Content, "Removed squat") {
		t.Errorf("responses %+v, want a deferred update (6) then an ephemeral follow-up saying Removed squat", rs)
	}
}

func TestFakeRefusesLateAcknowledgement(t *testing.T) {
	t.Parallel()
	// The deadline test above can fail: without deferral, a slow bot's answer is refused.
	h := mustStart(t, options{store: func(s bot.Store) bot.Store { return slowStore{s, 400 * time.Millisecond} }, ackAfter: 5 * time.Second})
	h.srv.AckDeadline = 300 * time.Millisecond
	ex := h.inServer(member("608", "io", 0), 2, dt.Command("help"), nil)
	waitFor(t, "the late callback", func() bool {
		for _, c := range h.srv.Calls() {
			if strings.HasSuffix(c.Path, "/callback") {
				return true
			}
		}
		return false
	})
	if rs := ex.Responses(); len(rs) != 0 {
		t.Errorf("late callback accepted: %+v", rs)
	}
}

func TestRateLimitedReplyStillArrives(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	h.srv.RateLimit("POST", "/interactions/", 1, 300*time.Millisecond, false)
	ex := h.inServer(member("609", "jo", 0), 2, dt.Command("help"), nil)
	got := mustFinal(t, ex)
	if !strings.HasPrefix(got.Content, "Spotter commands:") {
		t.Errorf("reply = %q, want the help", got.Content)
	}
	var statuses []int
	for _, c := range h.srv.Calls() {
		if strings.HasPrefix(c.Path, "/interactions/") {
			statuses = append(statuses, c.Status)
		}
	}
	if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 204 {
		t.Errorf("callback statuses = %v, want [429 204] (discordgo waits and retries)", statuses)
	}
}

func TestNotify(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	ctx := context.Background()
	r := bot.Reply{Text: "Check-in time. How did you sleep?", Buttons: [][]bot.Button{{{Label: "good", Data: "/checkin sleep good"}}}}
	if err := h.a.Notify(ctx, bot.Identity{Platform: "discord", UserID: "707"}, r); err != nil {
		t.Fatal(err)
	}
	ms := h.srv.ChannelMessages("dm-707")
	if len(ms) != 1 || ms[0].Content != r.Text || button(t, ms[0], "good").CustomID != "/checkin sleep good" {
		t.Errorf("DM = %+v, want the poll with its button", ms)
	}
	// The next day's poll: the DM channel is known, Discord is not asked again.
	if err := h.a.Notify(ctx, bot.Identity{Platform: "discord", UserID: "707"}, r); err != nil {
		t.Fatal(err)
	}
	opened := 0
	for _, c := range h.srv.Calls() {
		if c.Method == "POST" && c.Path == "/users/@me/channels" {
			opened++
		}
	}
	if got := len(h.srv.ChannelMessages("dm-707")); got != 2 || opened != 1 {
		t.Errorf("two polls to one user: %d DMs, DM channel opened %d times; want 2 and once", got, opened)
	}
	h.srv.BlockDMs("708")
	err := h.a.Notify(ctx, bot.Identity{Platform: "discord", UserID: "708"}, r)
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("notify a user with closed DMs: err %v, want ErrUnreachable", err)
	}
}

func TestLongReplyIsSplit(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "808", Name: "ka"}
	// 100 one-set sessions of a lift with a long name make /history longer than 2000 characters.
	lift := "close grip paused bench with chains"
	for k := 0; k < 40; k++ {
		d := time.Now().AddDate(0, 0, -k-1).Format("2006-01-02")
		if _, err := h.bot.Handle(context.Background(), bot.Message{Identity: bot.Identity{Platform: "discord", UserID: u.ID}, Text: "/log " + d + " " + lift + " 60x5 rir2"}); err != nil {
			t.Fatal(err)
		}
	}
	ex := h.inDM(u, 2, dt.Command("history", dt.Opt("lift", 3, lift), dt.Opt("sessions", 4, 40.0)))
	rs := ex.Wait(2, 5*time.Second)
	total := 0
	for _, r := range rs {
		if len(r.Msg.Content) > 2000 {
			t.Errorf("a message of %d characters, over Discord's 2000", len(r.Msg.Content))
		}
		total += strings.Count(r.Msg.Content, lift+":")
	}
	if len(rs) < 2 || total != 40 {
		t.Errorf("%d messages with %d sessions, want the 40 sessions over 2+ messages", len(rs), total)
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env     map[string]string
		ok      bool
		wantErr string
		shard   [2]int
	}{
		{env: map[string]string{}, ok: false},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t"}, ok: true, wantErr: "DISCORD_APP_ID"},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "1"}, ok: true, shard: [2]int{0, 1}},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "1", "DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "4"}, ok: true, shard: [2]int{2, 4}},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "1", "DISCORD_SHARD_ID": "4", "DISCORD_SHARD_COUNT": "4"}, ok: true, wantErr: "DISCORD_SHARD_ID"},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "1", "DISCORD_SHARD_COUNT": "0"}, ok: true, wantErr: "DISCORD_SHARD_COUNT"},
		{env: map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "1", "DISCORD_API_URL": "localhost:1"}, ok: true, wantErr: "DISCORD_API_URL"},
	}
	for _, tc := range tests {
		cfg, ok, err := discord.ConfigFromEnv(func(k string) string { return tc.env[k] })
		if ok != tc.ok {
			t.Errorf("%v: ok = %v, want %v", tc.env, ok, tc.ok)
		}
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%v: err %v, want none", tc.env, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: err %v, want one naming %s", tc.env, err, tc.wantErr)
		case tc.wantErr == "" && tc.ok && [2]int{cfg.ShardID, cfg.ShardCount} != tc.shard:
			t.Errorf("%v: shard %d/%d, want %v", tc.env, cfg.ShardID, cfg.ShardCount, tc.shard)
		}
	}
}

func TestShards(t *testing.T) {
	t.Parallel()
	srv := dt.New()
	t.Cleanup(srv.Close)
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "spotter.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b := bot.New(st, bot.WithLogger(quiet))
	for shard := 0; shard < 2; shard++ {
		a, err := discord.New(discord.Config{Token: "tok", AppID: appID, APIURL: srv.URL, ShardID: shard, ShardCount: 2}, b, st, quiet)
		if err != nil {
			t.Fatal(err)
		}
		mustRun(t, a)
	}
	if !srv.WaitReady(2, 5*time.Second) {
		t.Fatal("two shards did not identify")
	}
	seen := map[[2]int]bool{}
	for _, id := range srv.Identifies() {
		if id.Shard != nil {
			seen[*id.Shard] = true
		}
	}
	if !seen[[2]int{0, 2}] || !seen[[2]int{1, 2}] {
		t.Errorf("identified shards %v, want [0 2] and [1 2]", seen)
	}
	// A guild of shard 1 ((id >> 22) % 2 == 1) is answered by shard 1's session.
	ex, err := srv.Interact(dt.Interaction{Type: 2, AppID: appID, GuildID: "4194304", ChannelID: chanID, Member: member("1", "x", 0), Data: dt.Command("help")})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustFinal(t, ex); !strings.HasPrefix(got.Content, "Spotter commands:") {
		t.Errorf("shard 1 reply = %q, want the help", got.Content)
	}
	// Registration runs beside the gateway connection: wait for it, then
	// make sure no second shard registers too.
	countPuts := func() int {
		n := 0
		for _, c := range srv.Calls() {
			if c.Method == "PUT" {
				n++
			}
		}
		return n
	}
	for deadline := time.Now().Add(10 * time.Second); countPuts() == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if puts := countPuts(); puts != 1 {
		t.Errorf("commands registered %d times, want once (by shard 0)", puts)
	}
}

// /log's note option reaches the bot as a quoted note, kept as typed.
func TestLogNoteOption(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	got := mustFinal(t, h.inDM(dt.User{ID: "404", Name: "di"}, 2, dt.Command("log", dt.Opt("lift", 3, "squat"), dt.Opt("sets", 3, "100x5"), dt.Opt("tags", 3, "travel"), dt.Opt("note", 3, "Felt fast, belt 💪"))))
	if !strings.Contains(got.Content, "Note kept: “Felt fast, belt 💪”") || !strings.Contains(got.Content, "#travel") {
		t.Errorf("reply = %q, want the note kept as typed and #travel", got.Content)
	}
}
