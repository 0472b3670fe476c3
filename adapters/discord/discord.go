// Package discord runs Spotter on Discord with discordgo: slash commands and
// button taps in, bot replies out as interaction responses; the daily team
// check-in post; direct messages for what the bot sends on its own.
//
// Every interaction that the bot answers is recorded in the inbox (bot/inbox)
// before anything goes back to Discord, and handled through it: one user's
// interactions in order, users in parallel; one left unfinished by a crash
// is answered after the restart with a follow-up (see interaction.go).
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
	"github.com/spotterbot/spotter/bot/inbox"
)

// Platform is the identity platform name of Discord users.
const Platform = "discord"

// Bot is what the adapter needs of the bot.
type Bot interface {
	Handle(ctx context.Context, m bot.Message) (bot.Reply, error)
	Lifts(ctx context.Context, id bot.Identity) ([]string, error)
	CommandMenu() [][2]string
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
	// Replica names this shard's process among those sharing the database
	// (default: the host name and the shard id): the same name after a
	// restart takes its unfinished interactions at once; another shard
	// takes them once their lease (Lease, default 2 minutes) runs out.
	Replica string
	Lease   time.Duration
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
	store inbox.Store
	ib    *inbox.Inbox // records, orders and hands out interactions; set by Run
	log   *slog.Logger
	now   func() time.Time
	dms   sync.Map // user id -> DM channel id: a user's DM channel never changes

	obs       Observer
	connected atomic.Bool // gateway READY (or RESUMED) and not disconnected since

	mu     sync.Mutex
	ctx    context.Context // handlers run under it; cancelled by Run's end
	closed bool
	wg     sync.WaitGroup
}

// New builds the adapter on store, which keeps interactions between their
// arrival and their answer (*storage.Store); Run connects it.
func New(cfg Config, b Bot, store inbox.Store, log *slog.Logger) (*Adapter, error) {
	if store == nil {
		return nil, errors.New("discord: no inbox store")
	}
	if cfg.ShardCount < 1 {
		cfg.ShardCount = 1
	}
	if cfg.AckAfter <= 0 {
		cfg.AckAfter = 1500 * time.Millisecond
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	if cfg.Replica == "" {
		cfg.Replica = fmt.Sprintf("%s/shard%d", inbox.DefaultReplica(), cfg.ShardID)
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
	a := &Adapter{cfg: cfg, s: s, bot: b, store: store, log: log, now: time.Now, ctx: context.Background(), obs: cfg.Observer}
	s.AddHandler(a.onEvent)
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

// Run answers the interactions left unfinished by the last run, connects,
// registers the slash commands (shard 0 only: they are global per
// application), and serves interactions until ctx ends; then it lets the
// interactions taken finish (up to 10 s) and returns.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.obs.Loop("gateway")()
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	ib, err := inbox.New(a.store, inbox.Config{Platform: Platform, Replica: a.cfg.Replica, Lease: a.cfg.Lease,
		Logger: a.log, Observer: inboxObserver{a.obs}})
	if err != nil {
		return fmt.Errorf("discord: %w", err)
	}
	ib.Start(hctx, a.process)
	defer ib.Close(ctx) // after the drain: releases what is left to the other shards
	a.mu.Lock()
	a.ctx, a.ib = hctx, ib
	a.mu.Unlock()
	// Before the gateway: what was recorded first is answered first.
	if err := ib.Recover(ctx); err != nil {
		cancel()
		ib.Wait()
		if ctx.Err() != nil {
			return nil // stopped while storage was down: nothing was taken
		}
		return fmt.Errorf("discord: %w", err)
	}
	if err := a.s.Open(); err != nil {
		cancel()
		ib.Wait()
		return fmt.Errorf("discord gateway: %w", err)
	}
	a.log.Info("discord connected", "shard", a.cfg.ShardID, "shards", a.cfg.ShardCount)
	serving, stopServing := context.WithCancel(ctx)
	served := make(chan struct{})
	go func() { ib.Serve(serving); close(served) }()
	defer func() { stopServing(); <-served }()
	if a.cfg.ShardID == 0 {
		if err := a.RegisterCommands(ctx); err != nil && ctx.Err() == nil {
			a.s.Close()
			cancel()
			ib.Wait()
			return err
		}
	}
	<-ctx.Done()
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	err = a.s.Close()
	a.connected.Store(false)
	// Let the interactions taken be answered, then stop: what is left stays
	// undone in the inbox, for the next start.
	stopServing()
	<-served
	deadline := time.Now().Add(10 * time.Second)
	intake := make(chan struct{})
	go func() { a.wg.Wait(); close(intake) }()
	select {
	case <-intake:
	case <-time.After(time.Until(deadline)):
	}
	if left := ib.Drain(time.Until(deadline), cancel); left > 0 {
		a.log.Warn("discord stopped before all interactions were answered; the rest is answered at the next start", "left", left)
	}
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
