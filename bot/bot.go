package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"
	"unicode"

	"github.com/spotterbot/spotter/bot/limits"
	"github.com/spotterbot/spotter/engine"
)

// Bot is the conversation. It keeps no state between messages: everything
// lives in the Store, so any replica can take any message.
type Bot struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
	name  string    // the bot's username, so "/log@Name" is understood
	sched Scheduler // told about poll changes; nil = none (see SetScheduler)
	ids   IDHasher  // user ids in the log
}

// Option configures a Bot.
type Option func(*Bot)

// WithLogger sets the logger (default: slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(b *Bot) { b.log = l } }

// WithIDHasher sets how user ids are hidden in the log (default: the zero
// IDHasher, a key random to this process).
func WithIDHasher(h IDHasher) Option { return func(b *Bot) { b.ids = h } }

// IDs is how the bot hides user ids in its log; the parts that log beside
// it (the scheduler, the adapters) are given the same, so that one user has
// one name across the log.
func (b *Bot) IDs() IDHasher { return b.ids }

// WithClock sets the clock used when a message has no ReceivedAt.
func WithClock(now func() time.Time) Option { return func(b *Bot) { b.now = now } }

// New returns a bot on store.
func New(store Store, opts ...Option) *Bot {
	b := &Bot{store: store, log: slog.Default(), now: time.Now}
	for _, o := range opts {
		o(b)
	}
	return b
}

// errRollback aborts a transaction whose message could not be read, so that
// nothing is stored from it.
var errRollback = errors.New("rollback: input error")

// request is one message being handled inside a transaction.
type request struct {
	ctx   context.Context
	tx    Tx
	msg   Message
	user  User
	today engine.Date
	args  string
	after []func(context.Context) error // run once the transaction is committed
	// teamPost is a team post whose counts the message changed: once the
	// transaction is committed, the reply's Update shows it anew.
	teamPost *teamPostRef

	ahead *window // read ahead by HandleBatch, for /log; nil: none
}

func newRequest(ctx context.Context, tx Tx, m Message, u User, args string, ahead *window) *request {
	return &request{ctx: ctx, tx: tx, msg: m, user: u, args: args, ahead: ahead, today: engine.DateOf(m.ReceivedAt.In(u.Location()))}
}

// prepared is what HandleBatch read ahead for one message.
type prepared struct {
	user   *User   // nil: read by run
	window *window // nil: read by /log
}

type handler func(r *request) (Reply, error)

// Handle answers one message. The reply is always meant to be sent, also when
// err is not nil (it then says that nothing was stored, and for a Durable
// message failing with ErrUnavailable that it was kept). A non-nil error
// means an internal failure: the caller may retry the message later, and
// because handling is keyed by Message.Ref a retry never stores anything
// twice.
func (b *Bot) Handle(ctx context.Context, m Message) (reply Reply, err error) {
	// A bug must not take the service down, nor make one message crash it at
	// every restart (adapters replay unfinished messages): the message gets an
	// apology and counts as handled, and the log gets the stack.
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("panic handling message", "user", b.ids.Hash(m.Identity), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			reply, err = Reply{Text: sorryPanicked}, nil
		}
	}()
	if m.ReceivedAt.IsZero() {
		m.ReceivedAt = b.now()
	}
	text := strings.TrimSpace(m.Text)
	name, args := splitCommand(text)
	var res outcome
	err = b.store.Do(ctx, func(tx Tx) error {
		res = b.run(ctx, tx, m, name, args, prepared{}, true)
		switch res.kind {
		case kept:
			return nil
		case failed:
			return res.err
		}
		return errRollback
	})
	if err != nil && res.kind != refused && res.kind != duplicate {
		res = outcome{kind: failed, err: err}
	}
	return b.finish(ctx, m, name, res)
}

// outcomeKind says what became of one message inside its transaction.
type outcomeKind int

const (
	failed    outcomeKind = iota // internal error: nothing stored, the caller may retry
	kept                         // handled: its writes are to be committed
	refused                      // input error: its writes are rolled back
	duplicate                    // handled before: rolled back, the first reply given
	panicked                     // a bug: rolled back, an apology given
)

// outcome is one message's result before its transaction ends.
type outcome struct {
	kind   outcomeKind
	reply  Reply
	userID int64                         // whose message it was (for kept)
	err    error                         // for failed
	after  []func(context.Context) error // for kept, run after the commit
	// teamPost is request.teamPost, for kept: rendered after the commit.
	teamPost *teamPostRef
}

// run handles m inside tx: the work of Handle and HandleBatch for one
// message. When the outcome is not kept, the caller rolls back what it wrote.
// pre holds what the caller has read for m already (HandleBatch reads a
// batch's users and /log windows in one statement each). record says to record m as handled here; a caller that does not records
// the kept outcome itself (HandleBatch records a whole batch at once).
func (b *Bot) run(ctx context.Context, tx Tx, m Message, name, args string, pre prepared, record bool) outcome {
	var u User
	if pre.user != nil {
		u = *pre.user
	} else {
		var err error
		if u, err = tx.UserFor(m.Identity, defaultUser(m.Identity)); err != nil {
			return outcome{err: fmt.Errorf("user for identity: %w", err)}
		}
	}
	r := newRequest(ctx, tx, m, u, args, pre.window)
	h := b.route(name, u)
	if m.Edited { // (HandleBatch's deferredLog leaves edits to run)
		h = editedMessage
	}
	reply, err := h(r)
	var ie *InputError
	if errors.As(err, &ie) {
		// A write sent again after it was done (/delete #2s, /lift merge)
		// reads as an input error now; the sender gets the first reply.
		// The refused transaction is rolled back, so this records nothing.
		if m.Ref != "" && record {
			if prev, seen, herr := tx.Handled(m.Identity.Platform, m.Ref, r.user.ID, ""); herr == nil && seen {
				return outcome{kind: duplicate, reply: loadReply(prev)}
			}
		}
		return outcome{kind: refused, reply: Reply{Text: ie.Error()}}
	}
	if err != nil {
		return outcome{err: err}
	}
	if m.Group && (healthReplies[name] || name == "" && u.Pending != "") {
		reply.Private = true
	}
	if m.Ref != "" && record {
		// Recorded last, in the same transaction as the work: a message
		// handled before rolls all of this back and gets its first reply.
		prev, seen, err := tx.Handled(m.Identity.Platform, m.Ref, r.user.ID, storedReply(reply))
		if err != nil {
			return outcome{err: fmt.Errorf("record message: %w", err)}
		}
		if seen {
			return outcome{kind: duplicate, reply: loadReply(prev)}
		}
	}
	return outcome{kind: kept, reply: reply, userID: r.user.ID, after: r.after, teamPost: r.teamPost}
}

// healthReplies are the commands whose replies can show check-in readings
// or readiness; in a group they are Private, as are answers to the check-in's
// questions.
var healthReplies = map[string]bool{"checkin": true, "advice": true, "chart": true, "undo": true, "today": true, "routine": true}

// editedMessage answers an edit: what was stored came from the message as
// first sent, and changing it silently behind the lifter's back (or not at
// all without a word) would both surprise.
func editedMessage(r *request) (Reply, error) {
	return Reply{Text: "Editing a message changes nothing I stored: I keep what you first sent. To fix a /log or a /checkin, send /undo (or tap Undo), then send it again."}, nil
}

// sorryPanicked answers a message that hit a bug (storage faults: faults.go).
const sorryPanicked = "Something went wrong on my side and nothing was stored. The problem is logged; please try a different wording or /help."

// finish turns a message's outcome, once its transaction has ended, into
// Handle's answer, and runs its after hooks when it was kept (committed).
func (b *Bot) finish(ctx context.Context, m Message, name string, res outcome) (Reply, error) {
	name = b.logName(name)
	switch res.kind {
	case duplicate:
		b.log.Info("duplicate message", "user", b.ids.Hash(m.Identity), "command", name)
		return res.reply, nil
	case refused:
		b.log.Info("input refused", "user", b.ids.Hash(m.Identity), "command", name)
		return res.reply, nil
	case panicked:
		return res.reply, nil
	case failed:
		b.log.Error("handle message", "user", b.ids.Hash(m.Identity), "command", name, "err", res.err)
		return failedReply(m, res.err), res.err
	}
	for _, f := range res.after {
		if err := f(ctx); err != nil {
			b.log.Error("after handling", "user", b.ids.Hash(m.Identity), "command", name, "err", err)
		}
	}
	if res.teamPost != nil {
		res.reply.Update = b.teamPostUpdate(ctx, *res.teamPost)
	}
	b.log.Debug("handled", "user", b.ids.Hash(m.Identity), "command", name)
	return res.reply, nil
}

// logName is a command's name as the log shows it: a command the bot
// knows, "" for text, "unknown" for anything else (a mistyped command is the
// user's own words).
func (b *Bot) logName(name string) string {
	if name == "" {
		return ""
	}
	for _, c := range b.commands() {
		if c.name == name {
			return name
		}
	}
	return "unknown"
}

// splitCommand returns the lower-cased command without "/" and "@BotName",
// and the rest of the text. Text without a leading "/" has name "".
func splitCommand(text string) (name, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", text
	}
	first, rest := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 { // "/log\nsquat 100x5" too
		first, rest = text[:i], text[i:]
	}
	first = strings.ToLower(strings.TrimPrefix(first, "/"))
	first, _, _ = strings.Cut(first, "@")
	return first, strings.TrimSpace(rest)
}

func defaultUser(id Identity) User {
	return User{
		Name:        id.Name,
		Units:       engine.Kg,
		Level:       engine.Intermediate,
		TZ:          "UTC",
		Increment:   engine.NewLoad(2.5, engine.Kg),
		DeloadStyle: engine.DeloadStandard,
	}
}

// resolveDate turns a date word into a day, refusing future days.
func resolveDate(word string, today engine.Date, example string) (engine.Date, error) {
	switch word {
	case "", "today":
		return today, nil
	case "yesterday":
		return today.AddDays(-1), nil
	}
	d, err := engine.ParseDate(word)
	if err != nil {
		return 0, badToken(word, "a date is today, yesterday or YYYY-MM-DD.", example)
	}
	if d > today {
		return 0, badToken(word, fmt.Sprintf("that is in the future (today is %s where you are).", today), example)
	}
	if d < limits.Earliest {
		return 0, badToken(word, "that is too long ago.", example)
	}
	return d, nil
}

// storedReply is what is kept of a reply for a redelivered message: its text
// and buttons (an Undo button must survive a replay), not images or files.
func storedReply(r Reply) string {
	b, err := json.Marshal(struct {
		Text    string     `json:"text"`
		Buttons [][]Button `json:"buttons,omitempty"`
		Edit    bool       `json:"edit,omitempty"`
		Keep    bool       `json:"keep,omitempty"`
		Private bool       `json:"private,omitempty"`
	}{r.Text, r.Buttons, r.Edit, r.Keep, r.Private})
	if err != nil {
		return r.Text
	}
	return string(b)
}

// loadReply reads storedReply's form; plain text (older rows) is a text reply.
func loadReply(s string) Reply {
	var v struct {
		Text    string     `json:"text"`
		Buttons [][]Button `json:"buttons"`
		Edit    bool       `json:"edit"`
		Keep    bool       `json:"keep"`
		Private bool       `json:"private"`
	}
	if !strings.HasPrefix(s, "{") || json.Unmarshal([]byte(s), &v) != nil {
		return Reply{Text: s}
	}
	return Reply{Text: v.Text, Buttons: v.Buttons, Edit: v.Edit, Keep: v.Keep, Private: v.Private}
}
