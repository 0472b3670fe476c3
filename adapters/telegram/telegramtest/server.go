// Package telegramtest is a fake Telegram Bot API server for tests. It speaks
// the wire format the real client library uses: every method is a POST of a
// multipart form to /bot{token}/{method} (non-string fields as JSON text),
// answered with {"ok":true,"result":...} or {"ok":false,"error_code":...}.
// Tests inject updates (served by getUpdates with offset confirmation and
// long-poll timeout), make methods fail with 429 or 5xx on demand, and read
// back every call and the state of every message the bot sent.
package telegramtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Call is one request the bot made.
type Call struct {
	Method string
	Fields map[string]string // form fields as sent (JSON text for non-strings)
	Files  map[string]Upload // uploaded files by field name
	At     time.Time
	Status int // HTTP status the fake answered
}

// Upload is a file the bot uploaded.
type Upload struct {
	Name string
	Data []byte
}

// Failure is an error answer a method gives on demand.
type Failure struct {
	Status      int    // HTTP status and error_code, e.g. 429, 500, 502
	RetryAfter  int    // seconds, for 429 (parameters.retry_after)
	Description string // default: the status text
	HTML        bool   // answer an HTML error page instead of JSON, as a proxy in front of the API might
}

// Message is the state of a message the bot sent, after any edits.
type Message struct {
	ID        int
	ChatID    int64
	Text      string // text or caption, as sent (with markup when ParseMode is set)
	ParseMode string
	Keyboard  [][]models.InlineKeyboardButton
	Edits     int
	ReplyTo   int     // message_id of reply_parameters, 0 if none
	Photo     *Upload // sendPhoto
	Document  *Upload // sendDocument
	SentAt    time.Time
}

// Plain is the message text as the user sees it (markup removed, entities decoded).
func (m Message) Plain() string {
	if m.ParseMode != string(models.ParseModeHTML) {
		return m.Text
	}
	p, err := parseHTML(m.Text)
	if err != nil {
		return m.Text
	}
	return p
}

// Button returns the callback data of the first button labelled label.
func (m Message) Button(label string) (string, bool) {
	for _, row := range m.Keyboard {
		for _, b := range row {
			if b.Text == label {
				return b.CallbackData, true
			}
		}
	}
	return "", false
}

type queued struct {
	id  int64
	raw []byte
}

type fileEntry struct {
	path string
	data []byte
}

type callbackEntry struct {
	answered bool
}

// Server is the fake Bot API.
type Server struct {
	srv   *httptest.Server
	token string
	// Bot is what getMe answers.
	Bot models.User

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced whenever updates or calls change
	nextUpdate int64
	queue      []queued // unconfirmed updates, in id order
	confirmed  int64    // highest offset the bot confirmed
	nextMsg    map[int64]int
	messages   map[int64][]*Message // by chat, bot-sent only
	calls      []Call
	failures   map[string][]Failure
	blocked    map[int64]bool
	opened     map[int64]bool                    // private chats a user started (wrote in)
	incoming   map[int64]map[int]*models.Message // users' messages by chat and id
	pushed     map[int64][]byte                  // every update pushed, by id
	files      map[string]fileEntry
	callbacks  map[string]*callbackEntry
	webhookURL string
	webhookSec string
	commands   []models.BotCommand
	nextFile   int
	ok         map[string]int // successful calls by method
}

// New starts a fake server for the bot token token.
func New(token string) *Server {
	s := &Server{
		token:      token,
		Bot:        models.User{ID: botID(token), IsBot: true, FirstName: "Spotter", Username: "SpotterBot"},
		changed:    make(chan struct{}),
		nextUpdate: 100000,
		nextMsg:    map[int64]int{},
		messages:   map[int64][]*Message{},
		failures:   map[string][]Failure{},
		blocked:    map[int64]bool{},
		opened:     map[int64]bool{},
		incoming:   map[int64]map[int]*models.Message{},
		pushed:     map[int64][]byte{},
		files:      map[string]fileEntry{},
		callbacks:  map[string]*callbackEntry{},
		ok:         map[string]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

func botID(token string) int64 {
	id, _ := strconv.ParseInt(strings.Split(token, ":")[0], 10, 64)
	return id
}

// URL is the server's base URL (what bot.WithServerURL takes).
func (s *Server) URL() string { return s.srv.URL }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// notify wakes long polls and waiters. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// PrivateChat is the private chat with user u.
func PrivateChat(u models.User) models.Chat {
	return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username}
}

// GroupChat is a supergroup with the given (negative) id.
func GroupChat(id int64, title string) models.Chat {
	return models.Chat{ID: id, Type: models.ChatTypeSupergroup, Title: title}
}

// User is a human test user.
func User(id int64, first string) models.User {
	return models.User{ID: id, FirstName: first, LanguageCode: "en"}
}

func (s *Server) msgID(chat int64) int {
	s.nextMsg[chat]++
	return s.nextMsg[chat]
}

// TextMessage builds a text message from user from in chat, sent at at, and
// gives it the chat's next message id.
func (s *Server) TextMessage(chat models.Chat, from models.User, text string, at time.Time) *models.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &models.Message{ID: s.msgID(chat.ID), From: &from, Chat: chat, Date: int(at.Unix()), Text: text}
	if chat.Type == models.ChatTypePrivate {
		s.opened[chat.ID] = true
	}
	if s.incoming[chat.ID] == nil {
		s.incoming[chat.ID] = map[int]*models.Message{}
	}
	kept := *m
	s.incoming[chat.ID][m.ID] = &kept
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: len(utf16(cmd))}}
	}
	return m
}

func utf16(s string) []rune {
	var out []rune
	for _, r := range s {
		out = append(out, r)
		if r > 0xFFFF {
			out = append(out, 0)
		}
	}
	return out
}

// Push queues an update for getUpdates, giving it the next update id, and
// returns that id.
func (s *Server) Push(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpdate++
	u.ID = s.nextUpdate
	if u.Message != nil && u.Message.Chat.Type == models.ChatTypePrivate {
		s.opened[u.Message.Chat.ID] = true
	}
	raw, err := json.Marshal(&u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: marshal update: %v", err)) // a test bug, not input
	}
	s.queue = append(s.queue, queued{id: u.ID, raw: raw})
	s.pushed[u.ID] = raw
	s.notify()
	return u.ID
}

// PushAgain queues update id once more, as it was first pushed: a
// redelivery, even within one getUpdates answer. It reports whether id was
// pushed before.
func (s *Server) PushAgain(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.pushed[id]
	if ok {
		s.queue = append(s.queue, queued{id: id, raw: raw})
		s.notify()
	}
	return ok
}

// NextUpdateID reserves an update id without queueing anything, for updates
// a test delivers itself (webhooks).
func (s *Server) NextUpdateID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpdate++
	return s.nextUpdate
}

// SendText queues a text message from user from in chat, sent now.
func (s *Server) SendText(chat models.Chat, from models.User, text string) int64 {
	return s.SendTextAt(chat, from, text, time.Now())
}

// SendTextAt queues a text message with the given send time.
func (s *Server) SendTextAt(chat models.Chat, from models.User, text string, at time.Time) int64 {
	return s.Push(models.Update{Message: s.TextMessage(chat, from, text, at)})
}

// Tap queues a button tap by from on the bot's message messageID in chat,
// with the button's callback data, and returns the update id.
func (s *Server) Tap(chat models.Chat, from models.User, messageID int, data string) int64 {
	s.mu.Lock()
	var msg *models.Message
	for _, m := range s.messages[chat.ID] {
		if m.ID == messageID {
			msg = &models.Message{ID: m.ID, From: &s.Bot, Chat: chat, Date: int(m.SentAt.Unix()), Text: m.Plain()}
			if r := s.incoming[chat.ID][m.ReplyTo]; r != nil {
				msg.ReplyToMessage = r // as Telegram sends it: the message the bot's reply answers
			}
		}
	}
	if msg == nil {
		msg = &models.Message{ID: messageID, From: &s.Bot, Chat: chat, Date: int(time.Now().Unix())}
	}
	id := fmt.Sprintf("cb%d", len(s.callbacks)+1)
	s.callbacks[id] = &callbackEntry{}
	s.mu.Unlock()
	return s.Push(models.Update{CallbackQuery: &models.CallbackQuery{
		ID: id, From: from, Data: data, ChatInstance: strconv.FormatInt(chat.ID, 10),
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg},
	}})
}

// SendDocument queues a document from user from in chat with a caption; the
// file is then available through getFile and the file download URL. size,
// when above len(data), is the size Telegram reports (to test size limits
// without big buffers).
func (s *Server) SendDocument(chat models.Chat, from models.User, caption, name string, data []byte, size int64) int64 {
	s.mu.Lock()
	s.nextFile++
	fileID := fmt.Sprintf("file%d", s.nextFile)
	s.files[fileID] = fileEntry{path: "documents/" + fileID + "_" + name, data: data}
	if size < int64(len(data)) {
		size = int64(len(data))
	}
	m := &models.Message{ID: s.msgID(chat.ID), From: &from, Chat: chat, Date: int(time.Now().Unix()), Caption: caption,
		Document: &models.Document{FileID: fileID, FileUniqueID: "u" + fileID, FileName: name, MimeType: "text/csv", FileSize: size}}
	s.mu.Unlock()
	return s.Push(models.Update{Message: m})
}

// Fail makes the next times calls of method answer f.
func (s *Server) Fail(method string, f Failure, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range times {
		s.failures[method] = append(s.failures[method], f)
	}
}

// Open marks a user's private chat with the bot as started, as when the
// user pressed Start: until then (or until an update from that chat is
// queued) messages to it fail with 403, as Telegram's do.
func (s *Server) Open(chat int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opened[chat] = true
}

// Block makes every message to chat fail with 403, as after a user blocked the bot.
func (s *Server) Block(chat int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chat] = true
}

// Calls returns the recorded calls of the given methods (all calls when none given).
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Succeeded is the number of successful calls of method, cheaper than Calls
// for waiting on thousands.
func (s *Server) Succeeded(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ok[method]
}

// Messages returns the messages the bot sent to chat, oldest first, as they are now.
func (s *Server) Messages(chat int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages[chat]))
	for i, m := range s.messages[chat] {
		out[i] = *m
	}
	return out
}

// AllMessages returns every message the bot sent, by chat.
func (s *Server) AllMessages() map[int64][]Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int64][]Message{}
	for chat, ms := range s.messages {
		for _, m := range ms {
			out[chat] = append(out[chat], *m)
		}
	}
	return out
}

// Pending is the number of updates the bot has not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Commands returns the command menu the bot set.
func (s *Server) Commands() []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands)
}

// Webhook returns the webhook URL and secret set, empty when none.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSec
}

// WaitFor polls cond (under no lock) each time the server's state changes,
// until it is true or timeout passes; it reports whether cond came true.
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			return cond()
		}
	}
}

// WaitMessages waits until chat has at least n bot messages and returns them.
func (s *Server) WaitMessages(chat int64, n int, timeout time.Duration) ([]Message, error) {
	var got []Message
	ok := s.WaitFor(timeout, func() bool {
		got = s.Messages(chat)
		return len(got) >= n
	})
	if !ok {
		return got, fmt.Errorf("chat %d: got %d bot messages after %v, want %d", chat, len(got), timeout, n)
	}
	return got, nil
}

// apiError is an error answer.
type apiError struct {
	status     int
	desc       string
	retryAfter int
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: 400, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeJSON(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	token, method, _ := strings.Cut(rest, "/")
	if token != s.token {
		writeJSON(w, 401, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	fields, files, err := readForm(r)
	call := Call{Method: method, Fields: fields, Files: files, At: time.Now()}
	if err != nil {
		call.Status = 400
		s.record(call)
		writeJSON(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: " + err.Error()})
		return
	}

	s.mu.Lock()
	var fail *Failure
	if fs := s.failures[method]; len(fs) > 0 {
		fail = &fs[0]
		s.failures[method] = fs[1:]
	}
	s.mu.Unlock()
	if fail != nil {
		call.Status = fail.Status
		s.record(call)
		writeFailure(w, *fail)
		return
	}

	var result any
	var aerr *apiError
	if method == "getUpdates" {
		result, aerr = s.getUpdates(r.Context(), fields)
	} else {
		s.mu.Lock()
		result, aerr = s.dispatch(method, fields, files)
		s.mu.Unlock()
	}
	if aerr != nil {
		call.Status = aerr.status
		s.record(call)
		body := map[string]any{"ok": false, "error_code": aerr.status, "description": aerr.desc}
		if aerr.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": aerr.retryAfter}
		}
		writeJSON(w, aerr.status, body)
		return
	}
	call.Status = 200
	s.record(call)
	writeJSON(w, 200, map[string]any{"ok": true, "result": result})
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	if c.Status == 200 {
		s.ok[c.Method]++
	}
	s.notify()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeFailure(w http.ResponseWriter, f Failure) {
	desc := f.Description
	if desc == "" {
		desc = http.StatusText(f.Status)
		if f.Status == 429 {
			desc = fmt.Sprintf("Too Many Requests: retry after %d", f.RetryAfter)
		}
	}
	if f.HTML {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><center><h1>%d %s</h1></center></body></html>", f.Status, desc, f.Status, desc)
		return
	}
	body := map[string]any{"ok": false, "error_code": f.Status, "description": desc}
	if f.RetryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": f.RetryAfter}
	}
	writeJSON(w, f.Status, body)
}

// readForm reads a multipart (or url-encoded) form as the Bot API accepts it.
func readForm(r *http.Request) (map[string]string, map[string]Upload, error) {
	fields := map[string]string{}
	files := map[string]Upload{}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return nil, nil, fmt.Errorf("method %s not allowed", r.Method)
	}
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "multipart/form-data") {
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, nil, err
		}
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) || (err != nil && strings.Contains(err.Error(), "EOF")) {
				// The library sends an empty body (no closing boundary) for
				// methods without parameters.
				break
			}
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(io.LimitReader(p, 60<<20))
			if err != nil {
				return nil, nil, err
			}
			if p.FileName() != "" {
				files[p.FormName()] = Upload{Name: p.FileName(), Data: data}
				fields[p.FormName()] = "attach:" + p.FileName()
			} else {
				fields[p.FormName()] = string(data)
			}
		}
		return fields, files, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, nil, err
	}
	for k, v := range r.Form {
		fields[k] = v[0]
	}
	return fields, files, nil
}

func (s *Server) getUpdates(ctx context.Context, f map[string]string) (any, *apiError) {
	offset, _ := strconv.ParseInt(f["offset"], 10, 64)
	limit, _ := strconv.Atoi(f["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(f["timeout"])
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		s.mu.Lock()
		if s.webhookURL != "" {
			s.mu.Unlock()
			return nil, &apiError{status: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
		}
		if offset > 0 {
			// An offset confirms every update before it: Telegram forgets them.
			i := 0
			for i < len(s.queue) && s.queue[i].id < offset {
				i++
			}
			if i > 0 {
				s.queue = slices.Delete(s.queue, 0, i)
			}
			if offset-1 > s.confirmed {
				s.confirmed = offset - 1
			}
		}
		var out []json.RawMessage
		for _, q := range s.queue {
			if len(out) == limit {
				break
			}
			out = append(out, q.raw)
		}
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			return out, nil
		}
		select {
		case <-ch:
		case <-deadline:
			timeout = 0
		case <-ctx.Done():
			return []json.RawMessage{}, nil
		}
	}
}

// dispatch answers every method but getUpdates. Called with s.mu held.
func (s *Server) dispatch(method string, f map[string]string, files map[string]Upload) (any, *apiError) {
	switch method {
	case "getMe":
		return s.Bot, nil
	case "sendMessage", "sendPhoto", "sendDocument":
		return s.send(method, f, files)
	case "editMessageText", "editMessageReplyMarkup":
		return s.edit(method, f)
	case "answerCallbackQuery":
		id := f["callback_query_id"]
		cb := s.callbacks[id]
		if cb == nil || cb.answered {
			return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
		}
		cb.answered = true
		return true, nil
	case "setMyCommands":
		var cmds []models.BotCommand
		if err := json.Unmarshal([]byte(f["commands"]), &cmds); err != nil {
			return nil, badRequest("can't parse commands JSON object")
		}
		for _, c := range cmds {
			if !reCommand.MatchString(c.Command) {
				return nil, badRequest("BOT_COMMAND_INVALID")
			}
			if n := len([]rune(c.Description)); n < 1 || n > 256 {
				return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
			}
		}
		if len(cmds) > 100 {
			return nil, badRequest("too many commands")
		}
		s.commands = cmds
		return true, nil
	case "getFile":
		fe, ok := s.files[f["file_id"]]
		if !ok {
			return nil, badRequest("invalid file_id")
		}
		return models.File{FileID: f["file_id"], FileUniqueID: "u" + f["file_id"], FileSize: int64(len(fe.data)), FilePath: fe.path}, nil
	case "setWebhook":
		if f["url"] == "" {
			return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
		}
		if sec := f["secret_token"]; sec != "" && !reSecret.MatchString(sec) {
			return nil, badRequest("secret token contains unallowed characters")
		}
		s.webhookURL, s.webhookSec = f["url"], f["secret_token"]
		return true, nil
	case "deleteWebhook":
		s.webhookURL, s.webhookSec = "", ""
		if f["drop_pending_updates"] == "true" {
			s.queue = nil
		}
		return true, nil
	}
	return nil, &apiError{status: 404, desc: "Not Found: method not found"}
}

var (
	reCommand = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	reSecret  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

func (s *Server) chatOf(f map[string]string) (int64, *apiError) {
	id, err := strconv.ParseInt(f["chat_id"], 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	if s.blocked[id] {
		return 0, &apiError{status: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	if id > 0 && !s.opened[id] {
		// A bot may write to a user only after the user wrote to it.
		return 0, &apiError{status: 403, desc: "Forbidden: bot can't initiate conversation with a user"}
	}
	return id, nil
}

// checkText validates text with its parse mode and returns its visible length.
func checkText(text, mode string) (int, *apiError) {
	plain := text
	switch mode {
	case "":
	case string(models.ParseModeHTML):
		p, err := parseHTML(text)
		if err != nil {
			return 0, badRequest("can't parse entities: %v", err)
		}
		plain = p
	default:
		return 0, badRequest("unsupported parse_mode %q in this fake", mode)
	}
	return len(utf16(plain)), nil
}

func keyboardOf(raw string) ([][]models.InlineKeyboardButton, *apiError) {
	if raw == "" {
		return nil, nil
	}
	var kb struct {
		InlineKeyboard [][]models.InlineKeyboardButton `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return nil, badRequest("BUTTON_TEXT_INVALID")
			}
			if n := len(b.CallbackData); b.URL == "" && (n < 1 || n > 64) {
				return nil, badRequest("BUTTON_DATA_INVALID")
			}
		}
	}
	return kb.InlineKeyboard, nil
}

func (s *Server) send(method string, f map[string]string, files map[string]Upload) (any, *apiError) {
	chat, aerr := s.chatOf(f)
	if aerr != nil {
		return nil, aerr
	}
	m := &Message{ChatID: chat, ParseMode: f["parse_mode"], SentAt: time.Now()}
	limit := 4096
	switch method {
	case "sendMessage":
		m.Text = f["text"]
		if m.Text == "" {
			return nil, badRequest("message text is empty")
		}
	case "sendPhoto":
		up, ok := files["photo"]
		if !ok {
			return nil, badRequest("there is no photo in the request")
		}
		m.Photo, m.Text, limit = &up, f["caption"], 1024
	case "sendDocument":
		up, ok := files["document"]
		if !ok {
			return nil, badRequest("there is no document in the request")
		}
		m.Document, m.Text, limit = &up, f["caption"], 1024
	}
	n, aerr := checkText(m.Text, m.ParseMode)
	if aerr != nil {
		return nil, aerr
	}
	if n > limit {
		if method == "sendMessage" {
			return nil, badRequest("message is too long")
		}
		return nil, badRequest("message caption is too long")
	}
	if m.Keyboard, aerr = keyboardOf(f["reply_markup"]); aerr != nil {
		return nil, aerr
	}
	if rp := f["reply_parameters"]; rp != "" {
		var p models.ReplyParameters
		if err := json.Unmarshal([]byte(rp), &p); err != nil {
			return nil, badRequest("can't parse reply parameters JSON object")
		}
		m.ReplyTo = p.MessageID
	}
	m.ID = s.msgID(chat)
	s.messages[chat] = append(s.messages[chat], m)
	return s.wire(m), nil
}

func (s *Server) find(chat int64, id int) *Message {
	for _, m := range s.messages[chat] {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func (s *Server) edit(method string, f map[string]string) (any, *apiError) {
	chat, aerr := s.chatOf(f)
	if aerr != nil {
		return nil, aerr
	}
	id, _ := strconv.Atoi(f["message_id"])
	m := s.find(chat, id)
	if m == nil {
		return nil, badRequest("message to edit not found")
	}
	kb, aerr := keyboardOf(f["reply_markup"])
	if aerr != nil {
		return nil, aerr
	}
	next := *m
	next.Keyboard = kb
	if method == "editMessageText" {
		if f["text"] == "" {
			return nil, badRequest("message text is empty")
		}
		n, aerr := checkText(f["text"], f["parse_mode"])
		if aerr != nil {
			return nil, aerr
		}
		if n > 4096 {
			return nil, badRequest("MESSAGE_TOO_LONG")
		}
		next.Text, next.ParseMode = f["text"], f["parse_mode"]
	}
	if next.Text == m.Text && next.ParseMode == m.ParseMode && sameKeyboard(next.Keyboard, m.Keyboard) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	next.Edits++
	*m = next
	return s.wire(m), nil
}

func sameKeyboard(a, b [][]models.InlineKeyboardButton) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return string(ja) == string(jb)
}

// wire is a sent message as the API returns it.
func (s *Server) wire(m *Message) map[string]any {
	out := map[string]any{
		"message_id": m.ID,
		"from":       s.Bot,
		"chat":       map[string]any{"id": m.ChatID, "type": chatType(m.ChatID)},
		"date":       m.SentAt.Unix(),
	}
	text := m.Plain()
	switch {
	case m.Photo != nil:
		out["photo"] = []map[string]any{{"file_id": "photo" + strconv.Itoa(m.ID), "file_unique_id": "p" + strconv.Itoa(m.ID), "width": 800, "height": 600}}
		if text != "" {
			out["caption"] = text
		}
	case m.Document != nil:
		out["document"] = map[string]any{"file_id": "doc" + strconv.Itoa(m.ID), "file_unique_id": "d" + strconv.Itoa(m.ID), "file_name": m.Document.Name}
		if text != "" {
			out["caption"] = text
		}
	default:
		out["text"] = text
	}
	if len(m.Keyboard) > 0 {
		out["reply_markup"] = map[string]any{"inline_keyboard": m.Keyboard}
	}
	if m.Edits > 0 {
		out["edit_date"] = time.Now().Unix()
	}
	return out
}

func chatType(id int64) string {
	if id < 0 {
		return "supergroup"
	}
	return "private"
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	if token != s.token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	var data []byte
	found := false
	for _, fe := range s.files {
		if fe.path == path {
			data, found = fe.data, true
		}
	}
	s.calls = append(s.calls, Call{Method: "file", Fields: map[string]string{"path": path}, At: time.Now(), Status: 200})
	s.notify()
	s.mu.Unlock()
	if !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}
