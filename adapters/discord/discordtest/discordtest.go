// Package discordtest is a fake Discord for tests: an httptest server that
// answers the REST calls Spotter makes (gateway URL, command overwrite,
// interaction callbacks, webhook edits and follow-ups, channel messages, DM
// channels, attachment downloads from the CDN) and runs a websocket gateway that speaks HELLO, IDENTIFY, READY,
// heartbeats and dispatches INTERACTION_CREATE. The real discordgo client
// talks to it unchanged, through an http.Client that sends discord.com to it.
//
// It behaves like Discord where Spotter's correctness depends on it: an
// interaction callback later than 3 seconds after dispatch, or a second
// callback, is refused with "Unknown interaction"; @original cannot be edited
// before the interaction was acknowledged; a 429 carries Discord's
// rate-limit headers and JSON body.
package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// AckDeadline is how long Discord waits for an interaction's first response.
const AckDeadline = 3 * time.Second

// Call is one REST request the fake received.
type Call struct {
	Method string
	Path   string // without /api/v9, e.g. "/interactions/1/tok/callback"
	Body   []byte // JSON, or payload_json of a multipart body
	Files  []string
	Status int
	At     time.Time
}

// Button is a component of a message: a button (Type 2) or a text input (Type 4).
type Button struct {
	Type     int    `json:"type"`
	Label    string `json:"label"`
	CustomID string `json:"custom_id"`
	Style    int    `json:"style"`
}

// Message is message content as sent to Discord.
type Message struct {
	ID         string
	ChannelID  string
	Content    string
	Flags      int
	Buttons    [][]Button // rows
	Files      []string
	Edits      int
	CustomID   string // a modal's custom_id
	Title      string // a modal's title
	Choices    []string
	Ephemeral  bool
	UpdatedAt  time.Time
	rawContent *string
}

// Response is one thing Spotter sent for an interaction.
type Response struct {
	Kind string // "callback", "edit" (PATCH @original) or "followup"
	Type int    // the callback type (4, 5, 6, 7, 8, 9); 0 for edits and follow-ups
	Msg  Message
	At   time.Time
}

// Exchange is one dispatched interaction and what came back for it.
type Exchange struct {
	ID, Token    string
	DispatchedAt time.Time
	s            *Server
}

// Server is the fake Discord.
type Server struct {
	URL string // http://127.0.0.1:port; give it as DISCORD_API_URL
	// AckDeadline is how late a first callback may come (default
	// AckDeadline); later ones get "Unknown interaction".
	AckDeadline time.Duration
	srv         *httptest.Server

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change
	calls      []Call
	conns      []*gwConn
	identifies []Identify
	heartbeats int
	seq        int64
	nextID     int64
	limits     []*limit
	commands   map[string][]json.RawMessage // "app/guild" -> commands
	channels   map[string][]*Message
	responses  map[string][]Response // interaction token -> responses
	exchanges  map[string]*Exchange  // interaction id -> exchange
	blocked    map[string]bool       // users whose DMs are closed
	files      map[string]*file      // attachment id -> uploaded file
}

type file struct {
	data      []byte
	downloads int
}

// BlockDMs makes messages to the user's DM channel fail as Discord does when
// the user closed DMs or blocked the bot (403, code 50007).
func (s *Server) BlockDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[userID] = true
}

// Identify is what a client sent in its op 2.
type Identify struct {
	Token   string `json:"token"`
	Intents int    `json:"intents"`
	Shard   *[2]int
}

type gwConn struct {
	ws    *websocket.Conn
	wmu   sync.Mutex
	shard [2]int
}

type limit struct {
	method, prefix string
	n              int
	after          time.Duration
	global         bool
}

// New starts a fake Discord. Close it when done.
func New() *Server {
	s := &Server{
		AckDeadline: AckDeadline,
		changed:     make(chan struct{}),
		nextID:      1_100_000_000_000_000,
		commands:    map[string][]json.RawMessage{},
		channels:    map[string][]*Message{},
		responses:   map[string][]Response{},
		exchanges:   map[string]*Exchange{},
		blocked:     map[string]bool{},
		files:       map[string]*file{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the server and drops gateway connections.
func (s *Server) Close() {
	s.mu.Lock()
	for _, c := range s.conns {
		c.ws.Close()
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) id() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// waitFor polls cond under the lock until it holds or timeout passes.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false
		}
		select {
		case <-ch:
		case <-time.After(left):
		}
	}
}

// RateLimit makes the next n requests whose method and path (without
// /api/v9) match answer 429, asking to retry after the given time.
func (s *Server) RateLimit(method, pathPrefix string, n int, retryAfter time.Duration, global bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = append(s.limits, &limit{method: method, prefix: pathPrefix, n: n, after: retryAfter, global: global})
}

// Calls returns every REST request so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Identifies returns the IDENTIFY payloads received.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Heartbeats is how many op 1 heartbeats were answered with op 11.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// WaitReady waits until n gateway connections have identified.
func (s *Server) WaitReady(n int, timeout time.Duration) bool {
	return s.waitFor(timeout, func() bool { return len(s.identifies) >= n })
}

// Commands returns the commands last registered for app (guild "" = global).
func (s *Server) Commands(app, guild string) []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[app+"/"+guild]
}

// ChannelMessages returns the messages in a channel, as they read now.
func (s *Server) ChannelMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.channels[channelID] {
		out = append(out, *m)
	}
	return out
}

// WaitChannelMessages waits until the channel holds n messages and returns them.
func (s *Server) WaitChannelMessages(channelID string, n int, timeout time.Duration) []Message {
	s.waitFor(timeout, func() bool { return len(s.channels[channelID]) >= n })
	return s.ChannelMessages(channelID)
}

// WaitChannelEdits waits until the channel's message id was edited n times.
func (s *Server) WaitChannelEdits(channelID, id string, n int, timeout time.Duration) (Message, bool) {
	var got Message
	ok := s.waitFor(timeout, func() bool {
		for _, m := range s.channels[channelID] {
			if m.ID == id {
				got = *m
				return m.Edits >= n
			}
		}
		return false
	})
	return got, ok
}

// Responses returns what was sent for an exchange so far.
func (e *Exchange) Responses() []Response {
	e.s.mu.Lock()
	defer e.s.mu.Unlock()
	return append([]Response(nil), e.s.responses[e.Token]...)
}

// Wait waits until the exchange has n responses and returns them.
func (e *Exchange) Wait(n int, timeout time.Duration) []Response {
	e.s.waitFor(timeout, func() bool { return len(e.s.responses[e.Token]) >= n })
	return e.Responses()
}

// Final waits until the exchange has a response with content (the message
// as the user sees it: a callback message, an update, an edit of @original or
// a follow-up) and returns the latest such.
func (e *Exchange) Final(timeout time.Duration) (Message, bool) {
	var got Message
	ok := e.s.waitFor(timeout, func() bool {
		for _, r := range e.s.responses[e.Token] {
			if r.Msg.rawContent != nil || r.Type == 9 || r.Type == 8 {
				got = r.Msg
			}
		}
		return got.rawContent != nil || got.CustomID != "" || got.Choices != nil
	})
	return got, ok
}

// --- interactions ---

// User is a Discord user.
type User struct {
	ID   string `json:"id"`
	Name string `json:"username"`
}

// Member is a user on a server with the permissions Discord computes for the
// channel of the interaction.
type Member struct {
	User        User
	Permissions int64
	Roles       []string
	Nick        string
}

// Permission bits Spotter reads.
const (
	PermAdministrator int64 = 1 << 3
	PermManageServer  int64 = 1 << 5
)

// Interaction is an interaction to dispatch. Set Member and GuildID for a
// server, User alone for a DM.
type Interaction struct {
	Type      int // 2 command, 3 component, 4 autocomplete, 5 modal submit
	AppID     string
	GuildID   string
	ChannelID string
	Member    *Member
	User      *User
	Data      any
	Message   *Message // for components: the message the button is on
}

// Command is slash command data.
func Command(name string, opts ...map[string]any) map[string]any {
	if opts == nil {
		opts = []map[string]any{}
	}
	return map[string]any{"id": "cmd-" + name, "name": name, "type": 1, "options": opts}
}

// Opt is a command option; typ is Discord's option type (3 string, 4
// integer, 7 channel, 8 role, 10 number, 11 attachment: value is its id). Focused marks the option being
// typed in an autocomplete.
func Opt(name string, typ int, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// Focused marks an option as the one being autocompleted.
func Focused(o map[string]any) map[string]any { o["focused"] = true; return o }

// Sub is a subcommand with its options.
func Sub(name string, opts ...map[string]any) map[string]any {
	if opts == nil {
		opts = []map[string]any{}
	}
	return map[string]any{"name": name, "type": 1, "options": opts}
}

// Component is a button tap's data.
func Component(customID string) map[string]any {
	return map[string]any{"custom_id": customID, "component_type": 2}
}

// ModalSubmit is a submitted modal: values by text input custom_id.
func ModalSubmit(customID string, values map[string]string) map[string]any {
	var rows []any
	for k, v := range values {
		rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": k, "value": v}}})
	}
	return map[string]any{"custom_id": customID, "components": rows}
}

// Attachment is an uploaded file as Discord resolves it in interaction data.
type Attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	Size        int    `json:"size"`
	URL         string `json:"url"`
	ProxyURL    string `json:"proxy_url"`
	ContentType string `json:"content_type"`
}

// AddAttachment uploads a file as a user attaching it to a slash command
// would. Its URL is on cdn.discordapp.com, as Discord's are, with the signed
// query Discord adds; a client that sends that host here downloads it.
func (s *Server) AddAttachment(name string, data []byte) Attachment {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.id()
	s.files[id] = &file{data: data}
	path := "/attachments/" + s.id() + "/" + id + "/" + name
	q := fmt.Sprintf("?ex=%x&is=%x&hm=%064x&", time.Now().Add(24*time.Hour).Unix(), time.Now().Unix(), s.nextID)
	ct := "text/csv; charset=utf-8"
	if !strings.HasSuffix(strings.ToLower(name), ".csv") {
		ct = "application/octet-stream"
	}
	return Attachment{ID: id, Filename: name, Size: len(data), URL: "https://cdn.discordapp.com" + path + q,
		ProxyURL: "https://media.discordapp.net" + path + q, ContentType: ct}
}

// Downloads is how many times the attachment was fetched.
func (s *Server) Downloads(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.files[id]; f != nil {
		return f.downloads
	}
	return 0
}

// WithAttachments adds the attachments to slash command data as Discord
// does: the option's value is the id, and data.resolved.attachments maps the
// id to the file.
func WithAttachments(cmd map[string]any, atts ...Attachment) map[string]any {
	m := map[string]any{}
	for _, a := range atts {
		m[a.ID] = a
	}
	cmd["resolved"] = map[string]any{"attachments": m}
	return cmd
}

// serveAttachment serves /attachments/{channel}/{id}/{name} like the CDN.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	seg := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	s.mu.Lock()
	var f *file
	if len(seg) == 4 && r.Method == http.MethodGet {
		f = s.files[seg[2]]
	}
	if f != nil {
		f.downloads++
	}
	s.mu.Unlock()
	if f == nil {
		http.Error(w, "This content is no longer available.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	w.Write(f.data)
}

// Interact dispatches an INTERACTION_CREATE to the gateway connection of the
// interaction's shard and returns the exchange to read the answers from.
func (s *Server) Interact(in Interaction) (*Exchange, error) {
	s.mu.Lock()
	ex := &Exchange{ID: s.id(), s: s, DispatchedAt: time.Now()}
	ex.Token = "tok-" + ex.ID
	s.exchanges[ex.ID] = ex
	s.mu.Unlock()
	d := map[string]any{
		"id": ex.ID, "application_id": in.AppID, "type": in.Type, "token": ex.Token, "version": 1,
		"channel_id": in.ChannelID, "data": in.Data, "locale": "en-US",
	}
	if in.GuildID != "" {
		d["guild_id"] = in.GuildID
		d["context"] = 0
	} else {
		d["context"] = 1
	}
	if in.Member != nil {
		roles := in.Member.Roles
		if roles == nil {
			roles = []string{}
		}
		d["member"] = map[string]any{"user": in.Member.User, "roles": roles, "nick": in.Member.Nick,
			"permissions": strconv.FormatInt(in.Member.Permissions, 10), "joined_at": "2024-01-01T00:00:00Z"}
	}
	if in.User != nil {
		d["user"] = in.User
	}
	if in.Message != nil {
		d["message"] = map[string]any{"id": in.Message.ID, "channel_id": in.Message.ChannelID, "content": in.Message.Content}
	}
	shard := 0
	if in.GuildID != "" {
		if g, err := strconv.ParseInt(in.GuildID, 10, 64); err == nil {
			shard = int(g >> 22)
		}
	}
	return ex, s.Dispatch("INTERACTION_CREATE", d, shard)
}

// Dispatch sends an op 0 event to the connection serving shardKey (for a
// guild: guild_id >> 22, Discord's rule; taken modulo each connection's
// shard count).
func (s *Server) Dispatch(event string, data any, shardKey int) error {
	s.mu.Lock()
	var target *gwConn
	for _, c := range s.conns {
		if c.shard[1] <= 1 || shardKey%c.shard[1] == c.shard[0] {
			target = c
		}
	}
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if target == nil {
		return fmt.Errorf("no gateway connection for shard key %d", shardKey)
	}
	return target.write(map[string]any{"op": 0, "t": event, "s": seq, "d": data})
}

func (c *gwConn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(v)
}

// --- HTTP ---

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		s.gateway(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/attachments/") {
		s.serveAttachment(w, r)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, "/api/v9")
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, files := readBody(r)
	call := Call{Method: r.Method, Path: path, Body: body, Files: files, At: time.Now()}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notify()
	for _, l := range s.limits {
		if l.n > 0 && l.method == r.Method && strings.HasPrefix(path, l.prefix) {
			l.n--
			secs := l.after.Seconds()
			h := w.Header()
			h.Set("Content-Type", "application/json")
			h.Set("X-RateLimit-Limit", "5")
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(l.after).UnixMilli())/1000, 'f', 3, 64))
			h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
			h.Set("X-RateLimit-Bucket", "fake-bucket")
			h.Set("X-RateLimit-Scope", "user")
			h.Set("Retry-After", strconv.Itoa(int(secs+0.999)))
			if l.global {
				h.Set("X-RateLimit-Global", "true")
				h.Set("X-RateLimit-Scope", "global")
			}
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"message": "You are being rate limited.", "retry_after": %.3f, "global": %t, "code": 0}`, secs, l.global)
			call.Status = 429
			s.calls = append(s.calls, call)
			return
		}
	}
	status, resp := s.route(r.Method, path, r.URL.Query(), body, files)
	call.Status = status
	s.calls = append(s.calls, call)
	if resp == nil {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(resp)
}

func readBody(r *http.Request) ([]byte, []string) {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		b, _ := io.ReadAll(r.Body)
		return b, nil
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	var body []byte
	var files []string
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(p)
		if p.FormName() == "payload_json" {
			body = data
		} else if p.FileName() != "" {
			files = append(files, p.FileName())
		}
	}
	return body, files
}

func discordError(code int, msg string) map[string]any {
	return map[string]any{"code": code, "message": msg}
}

// route answers one REST call; s.mu is held.
func (s *Server) route(method, path string, q map[string][]string, body []byte, files []string) (int, any) {
	seg := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case method == "GET" && path == "/gateway":
		return 200, map[string]string{"url": "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway"}

	case method == "PUT" && len(seg) >= 3 && seg[0] == "applications" && seg[len(seg)-1] == "commands":
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			return 400, discordError(50109, "The request body contains invalid JSON.")
		}
		guild := ""
		if len(seg) == 5 {
			guild = seg[3]
		}
		var raw []json.RawMessage
		for _, c := range cmds {
			c["id"] = s.id()
			c["application_id"] = seg[1]
			b, _ := json.Marshal(c)
			raw = append(raw, b)
		}
		s.commands[seg[1]+"/"+guild] = raw
		return 200, cmds

	case method == "POST" && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		ex := s.exchanges[seg[1]]
		if ex == nil || ex.Token != seg[2] {
			return 404, discordError(10062, "Unknown interaction")
		}
		for _, r := range s.responses[ex.Token] {
			if r.Kind == "callback" {
				return 400, discordError(40060, "Interaction has already been acknowledged.")
			}
		}
		if time.Since(ex.DispatchedAt) > s.AckDeadline {
			return 404, discordError(10062, "Unknown interaction")
		}
		var cb struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(body, &cb); err != nil {
			return 400, discordError(50109, "The request body contains invalid JSON.")
		}
		m := parseMessage(cb.Data, files)
		if cb.Type == 5 || cb.Type == 6 {
			m.rawContent = nil // a deferral shows nothing yet
		}
		s.responses[ex.Token] = append(s.responses[ex.Token], Response{Kind: "callback", Type: cb.Type, Msg: m, At: time.Now()})
		return 204, nil

	case len(seg) >= 3 && seg[0] == "webhooks":
		token := seg[2]
		acked := false
		for _, r := range s.responses[token] {
			acked = acked || r.Kind == "callback"
		}
		if !acked {
			return 404, discordError(10015, "Unknown Webhook")
		}
		m := parseMessage(body, files)
		kind := "followup"
		if method == "PATCH" && len(seg) == 5 && seg[4] == "@original" {
			kind = "edit"
		} else if method != "POST" || len(seg) != 3 {
			return 404, discordError(0, "404: Not Found")
		}
		m.ID = s.id()
		s.responses[token] = append(s.responses[token], Response{Kind: kind, Msg: m, At: time.Now()})
		return 200, msgJSON(m)

	case method == "POST" && path == "/users/@me/channels":
		var req struct {
			Recipient string `json:"recipient_id"`
		}
		json.Unmarshal(body, &req)
		if req.Recipient == "" {
			return 400, discordError(50035, "Invalid Form Body")
		}
		return 200, map[string]any{"id": "dm-" + req.Recipient, "type": 1, "recipients": []any{map[string]string{"id": req.Recipient}}}

	case method == "POST" && len(seg) == 3 && seg[0] == "channels" && seg[2] == "messages":
		if s.blocked[strings.TrimPrefix(seg[1], "dm-")] && strings.HasPrefix(seg[1], "dm-") {
			return 403, discordError(50007, "Cannot send messages to this user")
		}
		m := parseMessage(body, files)
		m.ID, m.ChannelID, m.UpdatedAt = s.id(), seg[1], time.Now()
		s.channels[seg[1]] = append(s.channels[seg[1]], &m)
		return 200, msgJSON(m)

	case method == "PATCH" && len(seg) == 4 && seg[0] == "channels" && seg[2] == "messages":
		for _, m := range s.channels[seg[1]] {
			if m.ID == seg[3] {
				e := parseMessage(body, files)
				if e.rawContent != nil {
					m.Content, m.rawContent = e.Content, e.rawContent
				}
				if e.Buttons != nil {
					m.Buttons = e.Buttons
				}
				m.Edits++
				m.UpdatedAt = time.Now()
				return 200, msgJSON(*m)
			}
		}
		return 404, discordError(10008, "Unknown Message")
	}
	return 404, discordError(0, "404: Not Found")
}

func msgJSON(m Message) map[string]any {
	return map[string]any{"id": m.ID, "channel_id": m.ChannelID, "content": m.Content, "flags": m.Flags}
}

// parseMessage reads message data (content, flags, components, modal or
// autocomplete fields) from a JSON body.
func parseMessage(b []byte, files []string) Message {
	var d struct {
		Content    *string `json:"content"`
		Flags      int     `json:"flags"`
		CustomID   string  `json:"custom_id"`
		Title      string  `json:"title"`
		Components []struct {
			Components []Button `json:"components"`
		} `json:"components"`
		Choices []struct {
			Name string `json:"name"`
		} `json:"choices"`
	}
	m := Message{Files: files}
	if len(bytes.TrimSpace(b)) == 0 || json.Unmarshal(b, &d) != nil {
		return m
	}
	if d.Content != nil {
		m.Content, m.rawContent = *d.Content, d.Content
	}
	m.Flags, m.CustomID, m.Title = d.Flags, d.CustomID, d.Title
	m.Ephemeral = d.Flags&(1<<6) != 0
	if d.Components != nil {
		m.Buttons = [][]Button{}
		for _, row := range d.Components {
			m.Buttons = append(m.Buttons, row.Components)
		}
	}
	if d.Choices != nil {
		m.Choices = []string{}
		for _, c := range d.Choices {
			m.Choices = append(m.Choices, c.Name)
		}
	}
	return m
}

// --- gateway ---

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	defer ws.Close()
	if c.write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}) != nil {
		return
	}
	var id struct {
		Op int `json:"op"`
		D  struct {
			Token   string  `json:"token"`
			Intents int     `json:"intents"`
			Shard   *[2]int `json:"shard"`
		} `json:"d"`
	}
	// The client may heartbeat before it identifies; answer those first.
	for {
		if err := ws.ReadJSON(&id); err != nil {
			return
		}
		if id.Op == 1 {
			s.mu.Lock()
			s.heartbeats++
			s.mu.Unlock()
			c.write(map[string]any{"op": 11})
			continue
		}
		break
	}
	if id.Op != 2 {
		ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4003, "Not authenticated."))
		return
	}
	if id.D.Shard != nil {
		c.shard = *id.D.Shard
	}
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	ready := map[string]any{"v": 9, "session_id": fmt.Sprintf("session-%d", seq),
		"user":   map[string]any{"id": "1000", "username": "Spotter", "bot": true},
		"guilds": []any{}, "shard": []int{c.shard[0], max(c.shard[1], 1)}, "application": map[string]any{"id": "app", "flags": 0}}
	if c.write(map[string]any{"op": 0, "t": "READY", "s": seq, "d": ready}) != nil {
		return
	}
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.identifies = append(s.identifies, Identify{Token: id.D.Token, Intents: id.D.Intents, Shard: id.D.Shard})
	s.notify()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		for i, x := range s.conns {
			if x == c {
				s.conns = append(s.conns[:i], s.conns[i+1:]...)
				break
			}
		}
		s.mu.Unlock()
	}()
	for {
		var op struct {
			Op int `json:"op"`
		}
		if err := ws.ReadJSON(&op); err != nil {
			return
		}
		if op.Op == 1 {
			s.mu.Lock()
			s.heartbeats++
			s.notify()
			s.mu.Unlock()
			if c.write(map[string]any{"op": 11}) != nil {
				return
			}
		}
	}
}
