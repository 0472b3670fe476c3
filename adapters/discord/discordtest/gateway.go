package discordtest

import (
	"fmt"
	"net/http"

	"github.com/gorilla/websocket"
)

// The gateway: HELLO, IDENTIFY, READY, heartbeats, then dispatches.

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
