package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"golang.org/x/time/rate"

	"github.com/spotterbot/spotter/bot"
)

// Limits are the outbound message rates (Telegram Bots FAQ: about 30
// messages/s overall, about 1/s per chat with short bursts, 20/min per group;
// beyond them Telegram answers 429).
type Limits struct {
	Global       rate.Limit // messages per second across all chats
	GlobalBurst  int
	Private      rate.Limit // per private chat
	PrivateBurst int
	Group        rate.Limit // per group chat
	GroupBurst   int
}

// DefaultLimits stay under Telegram's limits: at most 30 messages in any
// second overall and 20 in any minute per group (burst 3 plus 17/min), 1/s per
// private chat after a burst of 3.
func DefaultLimits() Limits {
	return Limits{
		Global: 30, GlobalBurst: 1,
		Private: 1, PrivateBurst: 3,
		Group: rate.Limit(17.0 / 60), GroupBurst: 3,
	}
}

// WithGlobal is l with the overall cap at perSecond messages a second (a
// self-hosted Bot API server, or a bot whose limit Telegram raised); the
// per-chat and per-group limits stay.
func (l Limits) WithGlobal(perSecond int) Limits {
	l.Global, l.GlobalBurst = rate.Limit(perSecond), 1
	return l
}

// Unlimited turns rate limiting off (a self-hosted Bot API server, tests).
func Unlimited() Limits {
	return Limits{Global: rate.Inf, GlobalBurst: 1, Private: rate.Inf, PrivateBurst: 1, Group: rate.Inf, GroupBurst: 1}
}

// limiter hands out send slots: first the chat's, then the global one, so a
// busy chat waiting for its own slot holds no global slot.
type limiter struct {
	l      Limits
	global *rate.Limiter

	mu    sync.Mutex
	chats map[int64]*chatLimiter
}

type chatLimiter struct {
	lim  *rate.Limiter
	used time.Time
}

// maxChatLimiters bounds the per-chat table: idle limiters (full again) are
// swept when it grows past this.
const maxChatLimiters = 4096

func newLimiter(l Limits) *limiter {
	return &limiter{l: l, global: rate.NewLimiter(l.Global, max(l.GlobalBurst, 1)), chats: map[int64]*chatLimiter{}}
}

// isGroup: group, supergroup and channel ids are negative, users positive.
func isGroup(chat int64) bool { return chat < 0 }

func (l *limiter) forChat(chat int64) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	c, ok := l.chats[chat]
	if !ok {
		if len(l.chats) >= maxChatLimiters {
			for id, c := range l.chats {
				if now.Sub(c.used) > time.Minute {
					delete(l.chats, id)
				}
			}
		}
		r, b := l.l.Private, l.l.PrivateBurst
		if isGroup(chat) {
			r, b = l.l.Group, l.l.GroupBurst
		}
		c = &chatLimiter{lim: rate.NewLimiter(r, max(b, 1))}
		l.chats[chat] = c
	}
	c.used = now
	return c.lim
}

// noChat is the chat of calls that send no message (getFile): they skip the limiter.
const noChat int64 = 0

// wait blocks until one message may go to chat.
func (l *limiter) wait(ctx context.Context, chat int64) error {
	if chat == noChat {
		return nil
	}
	if err := l.forChat(chat).Wait(ctx); err != nil {
		return err
	}
	return l.global.Wait(ctx)
}

// sender makes outbound calls through the limiter and retries them.
type sender struct {
	api *tgbot.Bot
	lim *limiter
	log *slog.Logger
	ids bot.IDHasher
	// maxBackoff caps the wait between retries of 5xx and network errors.
	maxBackoff time.Duration
	obs        Observer // counts messages, 429s and retries
}

func newSender(api *tgbot.Bot, lim *limiter, log *slog.Logger, ids bot.IDHasher) *sender {
	return &sender{api: api, lim: lim, log: log, ids: ids, maxBackoff: 30 * time.Second, obs: nopObserver{}}
}

// errPermanent marks a refusal that a retry cannot fix (400, 401, 404).
var errPermanent = errors.New("telegram refused the call")

// deliver runs one outbound message call for chat until it succeeds, fails for
// good, or ctx ends. It waits out 429s (retry_after) and retries 5xx and
// network errors with backoff: a reply is never dropped for a transient
// failure. 403 (the user blocked the bot, or left the group) returns an error
// wrapping bot.ErrUnreachable at once.
func (s *sender) deliver(ctx context.Context, chat int64, method string, call func(context.Context) error) error {
	backoff := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if err := s.lim.wait(ctx, chat); err != nil {
			return err
		}
		err := withoutBody(call(ctx))
		if err == nil {
			s.counted(chat, true)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var tooMany *tgbot.TooManyRequestsError
		var migrate *tgbot.MigrateError
		switch {
		case errors.As(err, &tooMany):
			s.obs.RateLimited()
			wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			s.log.Warn("telegram rate limit: waiting before resending", "method", method, "chat", chatHash(s.ids, chat), "retry_after", wait, "attempt", attempt)
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			s.obs.Retried()
		case errors.Is(err, tgbot.ErrorForbidden):
			s.counted(chat, false)
			return fmt.Errorf("%s: %w: %w", method, bot.ErrUnreachable, err)
		case errors.As(err, &migrate),
			errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized),
			errors.Is(err, tgbot.ErrorNotFound), errors.Is(err, tgbot.ErrorConflict):
			s.counted(chat, false)
			return fmt.Errorf("%s: %w: %w", method, errPermanent, err)
		default:
			// 5xx, an HTML error page from a proxy, a dropped connection.
			s.log.Warn("telegram call failed, retrying", "method", method, "chat", chatHash(s.ids, chat), "attempt", attempt, "in", backoff, "err", err)
			if err := sleep(ctx, backoff); err != nil {
				return err
			}
			backoff = min(backoff*2, s.maxBackoff)
			s.obs.Retried()
		}
	}
}

// withoutBody drops the answer the library quotes when it cannot read one:
// a cut-off answer to sendMessage holds the message sent and its chat, and
// errors are logged. What is kept says which call and why.
func withoutBody(err error) error {
	if err == nil || !strings.HasPrefix(err.Error(), "error decode response body for method ") {
		return err
	}
	return fmt.Errorf("unreadable answer from Telegram: %w", errors.Unwrap(err))
}

// counted tells the observer of a message call's end; calls that send no
// message (getFile) are not replies.
func (s *sender) counted(chat int64, ok bool) {
	if chat != noChat {
		s.obs.ReplySent(ok)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// chatHash hides a chat id in logs: a private chat's id is the user's id,
// so it is hashed as that user is.
func chatHash(ids bot.IDHasher, chat int64) string {
	return ids.Hash(bot.Identity{Platform: Platform, UserID: strconv.FormatInt(chat, 10)})
}
