package telegramtest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/adapters/telegram/telegramtest"
)

const token = "99:fake"

func mustClient(t *testing.T, srv *telegramtest.Server, h tgbot.HandlerFunc) *tgbot.Bot {
	t.Helper()
	opts := []tgbot.Option{tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe()}
	if h != nil {
		opts = append(opts, tgbot.WithDefaultHandler(h))
	}
	b, err := tgbot.New(token, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The real library's errors come out of the fake's answers.
func TestErrorsAsTheLibrarySeesThem(t *testing.T) {
	srv := telegramtest.New(token)
	defer srv.Close()
	api := mustClient(t, srv, nil)
	ctx := context.Background()
	send := func(chat int64, text string) error {
		_, err := api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chat, Text: text, ParseMode: models.ParseModeHTML})
		return err
	}
	srv.Open(1)
	srv.Fail("sendMessage", telegramtest.Failure{Status: 429, RetryAfter: 7}, 1)
	var tooMany *tgbot.TooManyRequestsError
	if err := send(1, "hi"); !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Errorf("429: got %v, want TooManyRequestsError with RetryAfter 7", err)
	}
	srv.Open(2)
	srv.Block(2)
	if err := send(2, "hi"); !errors.Is(err, tgbot.ErrorForbidden) {
		t.Errorf("blocked: got %v, want ErrorForbidden", err)
	}
	if err := send(3, "hi"); !errors.Is(err, tgbot.ErrorForbidden) || !strings.Contains(err.Error(), "can't initiate") {
		t.Errorf("a user who never wrote to the bot: got %v, want ErrorForbidden", err)
	}
	if err := send(1, "a <b>bold</b> &amp; <unknown>"); !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), "can't parse entities") {
		t.Errorf("bad HTML: got %v, want a bad request about entities", err)
	}
	if err := send(1, "<b>fine</b> &lt;3"); err != nil {
		t.Errorf("good HTML: %v", err)
	}
	if got := srv.Messages(1)[0].Plain(); got != "fine <3" {
		t.Errorf("plain text: got %q, want %q", got, "fine <3")
	}
	if _, err := api.GetMe(ctx); err != nil {
		t.Errorf("getMe: %v", err)
	}
	bad, _ := tgbot.New("1:wrong", tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe())
	if _, err := bad.GetMe(ctx); !errors.Is(err, tgbot.ErrorUnauthorized) {
		t.Errorf("wrong token: got %v, want ErrorUnauthorized", err)
	}
}

// The library's own poll loop receives injected updates and confirms them.
func TestUpdatesReachTheLibrary(t *testing.T) {
	srv := telegramtest.New(token)
	defer srv.Close()
	got := make(chan string, 10)
	api := mustClient(t, srv, func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
		if u.Message != nil {
			got <- u.Message.Text
		}
		if u.CallbackQuery != nil {
			got <- "tap " + u.CallbackQuery.Data + " on " + u.CallbackQuery.Message.Message.Text
		}
	})
	u := telegramtest.User(5, "Eve")
	chat := telegramtest.PrivateChat(u)
	srv.SendText(chat, u, "/start")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { api.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	if m := <-got; m != "/start" {
		t.Errorf("first update: got %q", m)
	}
	m, err := api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 5, Text: "pick", ReplyMarkup: models.InlineKeyboardMarkup{
		InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "A", CallbackData: "/a"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Tap(chat, u, m.ID, "/a")
	if got := <-got; got != "tap /a on pick" {
		t.Errorf("tap: got %q", got)
	}
	if !srv.WaitFor(5*time.Second, func() bool { return srv.Pending() == 0 }) {
		t.Errorf("unconfirmed updates: got %d, want 0", srv.Pending())
	}
}
