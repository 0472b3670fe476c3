// Package discord runs Spotter on Discord with discordgo: slash commands and
// button taps in, bot replies out as interaction responses; the daily team
// check-in post; direct messages for what the bot sends on its own.
//
// Every interaction is acknowledged within Discord's 3 seconds: when the bot
// has not answered after Config.AckAfter, the adapter defers (type 5, or 6 for
// a button) and delivers the answer by editing the original response or as a
// follow-up. Replies in server channels are ephemeral (only the sender sees
// them); in DMs they are normal messages.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/spotterbot/spotter/bot"
	"github.com/spotterbot/spotter/engine"
)

// Platform is the identity platform name of Discord users.
const Platform = "discord"

// Bot is what the adapter needs of the bot.
type Bot interface {
	Handle(ctx context.Context, m bot.Message) (bot.Reply, error)
	Lifts(ctx context.Context, id bot.Identity) ([]string, error)
	CommandMenu() [][2]string
	TeamPostsDue(ctx context.Context, platform string, now time.Time) ([]bot.TeamPost, error)
	TeamPostSent(ctx context.Context, p bot.TeamPost, messageID string) error
	TeamPostFailed(ctx context.Context, p bot.TeamPost) error
	TeamPostView(ctx context.Context, platform, serverID string, day engine.Date) (bot.TeamPost, error)
}

// Config is the Discord configuration.
type Config struct {
	Token      string // DISCORD_BOT_TOKEN
	AppID      string // DISCORD_APP_ID
	GuildID    string // DISCORD_GUILD_ID: register commands on this server only (development)
	APIURL     string // DISCORD_API_URL: another Discord, e.g. a test server ("" = discord.com)
	ShardID    int    // DISCORD_SHARD_ID
	ShardCount int    // DISCORD_SHARD_COUNT (default 1)
	// AckAfter is how long the adapter waits for the bot before deferring
	// (default 1.5 s: half of Discord's 3 s, leaving room for the network).
	AckAfter time.Duration
	// IDs hides user ids in the log: the install's, as the bot's (zero: a
	// key random to this process).
	IDs bot.IDHasher
	// Observer counts interactions and messages (metrics); none when nil.
	Observer Observer
}

// ConfigFromEnv reads the DISCORD_* variables. ok is false when Discord is
// not configured (no token).
func ConfigFromEnv(getenv func(string) string) (cfg Config, ok bool, err error) {
	cfg = Config{
		Token: getenv("DISCORD_BOT_TOKEN"), AppID: getenv("DISCORD_APP_ID"), GuildID: getenv("DISCORD_GUILD_ID"),
		APIURL: getenv("DISCORD_API_URL"), ShardCount: 1,
	}
	if cfg.Token == "" {
		return cfg, false, nil
	}
	if cfg.AppID == "" {
		return cfg, true, errors.New("DISCORD_APP_ID is required with DISCORD_BOT_TOKEN (the application id from the developer portal)")
	}
	if v := getenv("DISCORD_SHARD_COUNT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return cfg, true, fmt.Errorf("DISCORD_SHARD_COUNT %q: want a whole number of at least 1", v)
		}
		cfg.ShardCount = n
	}
	if v := getenv("DISCORD_SHARD_ID"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= cfg.ShardCount {
			return cfg, true, fmt.Errorf("DISCORD_SHARD_ID %q: want 0 to DISCORD_SHARD_COUNT-1 (%d)", v, cfg.ShardCount-1)
		}
		cfg.ShardID = n
	}
	if cfg.APIURL != "" && !strings.HasPrefix(cfg.APIURL, "http://") && !strings.HasPrefix(cfg.APIURL, "https://") {
		return cfg, true, fmt.Errorf("DISCORD_API_URL %q: want an http:// or https:// URL", cfg.APIURL)
	}
	return cfg, true, nil
}

// Adapter is one shard's connection to Discord.
type Adapter struct {
	cfg   Config
	s     *discordgo.Session
	bot   Bot
	log   *slog.Logger
	now   func() time.Time
	locks userLocks
	dms   sync.Map // user id -> DM channel id: a user's DM channel never changes

	obs       Observer
	connected atomic.Bool // gateway READY (or RESUMED) and not disconnected since

	mu     sync.Mutex
	ctx    context.Context // handlers run under it; cancelled by Run's end
	closed bool
	wg     sync.WaitGroup
}

// New builds the adapter; Run connects it.
func New(cfg Config, b Bot, log *slog.Logger) (*Adapter, error) {
	if cfg.ShardCount < 1 {
		cfg.ShardCount = 1
	}
	if cfg.AckAfter <= 0 {
		cfg.AckAfter = 1500 * time.Millisecond
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32 // replies go to one host; keep connections warm
	var rt http.RoundTripper = tr
	if cfg.APIURL != "" {
		rt = rewrite{base: strings.TrimSuffix(cfg.APIURL, "/"), next: tr}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: rt}
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages
	s.StateEnabled = false // Spotter reads everything from interactions; no member cache
	s.LogLevel = discordgo.LogError
	a := &Adapter{cfg: cfg, s: s, bot: b, log: log, now: time.Now, ctx: context.Background(), obs: cfg.Observer}
	s.AddHandler(a.onInteraction)
	a.watch()
	return a, nil
}

// rewrite sends discord.com requests to another server: discordgo (v0.28)
// computes its endpoints from "https://discord.com/" at package load. The
// CDN hosts of attachment URLs go there too, so a test server serves files.
type rewrite struct {
	base string // scheme://host[:port]
	next http.RoundTripper
}

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if h := req.URL.Host; h == "discord.com" || h == "cdn.discordapp.com" || h == "media.discordapp.net" {
		scheme, host, _ := strings.Cut(r.base, "://")
		req = req.Clone(req.Context())
		req.URL.Scheme, req.URL.Host, req.Host = scheme, host, host
	}
	return r.next.RoundTrip(req)
}

// Run connects, registers the slash commands (shard 0 only: they are global
// per application), and serves interactions until ctx ends.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.obs.Loop("gateway")()
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a.mu.Lock()
	a.ctx = hctx
	a.mu.Unlock()
	if err := a.s.Open(); err != nil {
		cancel()
		return fmt.Errorf("discord gateway: %w", err)
	}
	a.log.Info("discord connected", "shard", a.cfg.ShardID, "shards", a.cfg.ShardCount)
	if a.cfg.ShardID == 0 {
		if err := a.RegisterCommands(ctx); err != nil && ctx.Err() == nil {
			a.s.Close()
			cancel()
			return err
		}
	}
	<-ctx.Done()
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	err := a.s.Close()
	a.connected.Store(false)
	// Let running handlers answer what they took, then stop them.
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
	cancel()
	if err != nil {
		return fmt.Errorf("discord close: %w", err)
	}
	return nil
}

// RegisterCommands replaces the application's slash commands with the bot's.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	cmds := Commands(a.bot.CommandMenu())
	if _, err := a.s.ApplicationCommandBulkOverwrite(a.cfg.AppID, a.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register slash commands: %w", err)
	}
	a.log.Info("discord commands registered", "count", len(cmds), "guild", a.cfg.GuildID != "")
	return nil
}

func (a *Adapter) handlerCtx() (context.Context, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil, false
	}
	a.wg.Add(1)
	return a.ctx, true
}

func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	ctx, ok := a.handlerCtx()
	if !ok {
		return
	}
	defer a.wg.Done()
	a.obs.UpdatesReceived(1)
	start, outcome := time.Now(), outcomeOK
	defer func() { a.obs.UpdateHandled(outcome, time.Since(start)) }()
	i := ic.Interaction
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		outcome = delivered(a.autocomplete(ctx, i))
	case discordgo.InteractionApplicationCommand:
		d := i.ApplicationCommandData()
		var fetch fetcher
		if att := attachmentOption(d); att != nil || d.Name == "import" {
			if refusal := checkAttachment(att); refusal != "" {
				outcome = delivered(a.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Content: refusal, Flags: discordgo.MessageFlagsEphemeral}}))
				return
			}
			fetch = func(ctx context.Context) ([]bot.Attachment, error) {
				data, err := a.download(ctx, att)
				if err != nil {
					return nil, err
				}
				return []bot.Attachment{{Name: att.Filename, Data: data}}, nil
			}
		}
		text := commandText(d)
		if fetch != nil {
			// A file comes only as a slash command's option here, so the
			// text is never blank; the bot's rule decides all the same.
			text = bot.CommandForFile(text)
		}
		outcome = a.handleWith(ctx, i, text, false, fetch)
	case discordgo.InteractionMessageComponent:
		data := i.MessageComponentData().CustomID
		if form, ok := bot.TeamDetailsDay(data); ok {
			outcome = delivered(a.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: checkinModal(form)}))
			return
		}
		outcome = a.handle(ctx, i, data, true)
	case discordgo.InteractionModalSubmit:
		outcome = a.handle(ctx, i, modalText(i.ModalSubmitData()), true)
	default:
		outcome = outcomeIgnored
	}
}

// identity is who sent an interaction.
func identity(i *discordgo.Interaction) bot.Identity {
	u := i.User
	nick := ""
	if i.Member != nil {
		u, nick = i.Member.User, i.Member.Nick
	}
	if u == nil {
		return bot.Identity{Platform: Platform}
	}
	name := nick
	if name == "" {
		name = u.GlobalName
	}
	if name == "" {
		name = u.Username
	}
	return bot.Identity{Platform: Platform, UserID: u.ID, Name: name}
}

// message translates an interaction into the bot's message.
func (a *Adapter) message(i *discordgo.Interaction, text string, callback bool) bot.Message {
	m := bot.Message{
		Identity: identity(i), ChatID: i.ChannelID, Group: i.GuildID != "",
		Text: text, Callback: callback, ReceivedAt: a.now(), Ref: "dc:" + i.ID,
	}
	if i.GuildID != "" && i.Member != nil {
		m.Server = &bot.Server{
			ID: i.GuildID, ChannelID: i.ChannelID, Roles: i.Member.Roles,
			Manager: i.Member.Permissions&(discordgo.PermissionManageServer|discordgo.PermissionAdministrator) != 0,
		}
	}
	return m
}

type result struct {
	reply bot.Reply
	err   error
}

// handle runs one interaction through the bot and answers it, deferring when
// the bot is slower than AckAfter. It returns the outcome, for the Observer.
func (a *Adapter) handle(ctx context.Context, i *discordgo.Interaction, text string, callback bool) string {
	return a.handleWith(ctx, i, text, callback, nil)
}

// fetcher downloads an interaction's files. It runs where the bot does, so
// a slow download is deferred like a slow bot.
type fetcher func(ctx context.Context) ([]bot.Attachment, error)

func (a *Adapter) handleWith(ctx context.Context, i *discordgo.Interaction, text string, callback bool, fetch fetcher) (outcome string) {
	m := a.message(i, text, callback)
	if m.Identity.UserID == "" {
		a.log.Warn("discord interaction without user", "type", i.Type.String())
		return outcomeIgnored
	}
	done := make(chan result, 1)
	go func() {
		if fetch != nil {
			atts, err := fetch(ctx)
			if err != nil {
				a.log.Warn("discord attachment download", "user", a.cfg.IDs.Hash(m.Identity), "err", err)
				done <- result{reply: bot.Reply{Text: "I could not download your file from Discord. Nothing was stored; " +
					"send it again, e.g. /import with your CSV export as the file."}}
				return
			}
			m.Attachments = atts
		}
		unlock := a.locks.lock(m.Identity.UserID) // one user's interactions in order
		defer unlock()
		r, err := a.bot.Handle(ctx, m)
		if err != nil {
			a.log.Error("discord handle", "user", a.cfg.IDs.Hash(m.Identity), "err", err)
		}
		done <- result{r, err}
	}()
	component := i.Type == discordgo.InteractionMessageComponent
	timer := time.NewTimer(a.cfg.AckAfter)
	defer timer.Stop()
	var res result
	var sent bool // the whole answer went out
	select {
	case res = <-done:
		resp, more := a.response(i, res.reply, component)
		sent = a.respond(ctx, i, resp)
		sent = a.followUps(ctx, i, more, res.reply) && sent
	case <-timer.C:
		deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: a.flags(i)}}
		if component {
			deferred = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		a.respond(ctx, i, deferred)
		res = <-done
		sent = a.late(ctx, i, res.reply, component)
	}
	if day, ok := bot.TeamTapDay(text); ok && i.GuildID != "" {
		a.refreshTeamPost(ctx, i.GuildID, day)
	}
	if res.err != nil && sent {
		return outcomeError
	}
	return delivered(sent)
}

// userLocks serialises one user's interactions: taps in quick succession
// (a check-in poll) must see each other's writes.
type userLocks struct {
	mu sync.Mutex
	m  map[string]*userLock
}

type userLock struct {
	mu   sync.Mutex
	refs int
}

func (l *userLocks) lock(key string) (unlock func()) {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[string]*userLock{}
	}
	u := l.m[key]
	if u == nil {
		u = &userLock{}
		l.m[key] = u
	}
	u.refs++
	l.mu.Unlock()
	u.mu.Lock()
	return func() {
		u.mu.Unlock()
		l.mu.Lock()
		u.refs--
		if u.refs == 0 {
			delete(l.m, key)
		}
		l.mu.Unlock()
	}
}
