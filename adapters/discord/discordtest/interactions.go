package discordtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Interactions to dispatch, their data, and the files they carry.

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
