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
// before the interaction was acknowledged, nor edited or followed up once its
// token has expired (15 minutes after dispatch); a 429 carries Discord's
// rate-limit headers and JSON body.
package discordtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// AckDeadline is how long Discord waits for an interaction's first response.
const AckDeadline = 3 * time.Second

// TokenLife is how long an interaction's token takes edits and follow-ups.
const TokenLife = 15 * time.Minute

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
	// TokenLife is how long after dispatch an interaction's token takes
	// edits and follow-ups (default TokenLife); later, "Unknown Webhook".
	TokenLife time.Duration
	srv       *httptest.Server

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
		TokenLife:   TokenLife,
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
