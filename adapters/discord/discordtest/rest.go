package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The REST API: every call is recorded, rate-limited when asked, and routed.

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
		for _, ex := range s.exchanges {
			if ex.Token == token && time.Since(ex.DispatchedAt) > s.TokenLife {
				return 404, discordError(10015, "Unknown Webhook")
			}
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
