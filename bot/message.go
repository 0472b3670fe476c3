// Package bot is Spotter's conversation, the same on every platform: it parses
// commands, calls storage and the engine, and renders replies. Adapters turn
// platform events into Messages and Replies into platform calls.
package bot

import (
	"time"
)

// Identity is one account on one platform. Several identities can map to one
// Spotter user (see /link).
type Identity struct {
	Platform string // "telegram", "discord", "console"
	UserID   string // the platform's user id
	Name     string // display name, for greetings only
}

// Message is one inbound message or button tap.
type Message struct {
	Identity    Identity
	ChatID      string // where replies go
	Group       bool   // sent in a group or server channel rather than privately
	Text        string // the command text; a button tap carries its button's Data
	Callback    bool   // a button tap rather than typed text
	Edited      bool   // the sender edited a message sent earlier (its Text is the new one)
	Attachments []Attachment
	// FilesByPath says the platform takes a file as a path typed after the
	// command ("/import ~/Downloads/strong.csv" on the console, which reads
	// it and attaches it) rather than sent with the message: help and
	// prompts for a file then show that way.
	FilesByPath bool
	// CommandLine says the user types at a command line on the machine
	// that runs Spotter (the console, spotter's subcommands), so a reply
	// may point them at a command of the spotter program ("spotter import
	// --undo-last --user NAME"), which chat users have no way to run.
	CommandLine bool
	ReceivedAt  time.Time
	// Ref is the platform's id of this message or update, unique per platform.
	// Handling the same Ref twice stores nothing the second time.
	Ref string
	// Durable says the adapter keeps this message until it is handled (a
	// durable inbox): when Handle fails with ErrUnavailable, the adapter
	// hands it in again once storage is back, so the failure reply says it
	// was kept rather than asking for it again (bot/faults.go).
	Durable bool
	// Server is set for messages sent in a Discord server (teams, bot/team.go).
	Server *Server
}

// Attachment is a file sent with a message (an import CSV).
type Attachment struct {
	Name string
	Data []byte
}

// Button is a tap target under a reply. Data is the message text a tap sends
// back, e.g. "/undo 42".
type Button struct {
	Label string
	Data  string
}

// Reply is what the bot answers.
type Reply struct {
	Text    string
	Buttons [][]Button // rows of buttons
	Edit    bool       // replaces the message the tapped button sits under
	Keep    bool       // a tap answered with this reply leaves the tapped message's buttons in place (a menu: /advice's lifts)
	Image   []byte     // a PNG to send as a photo
	// ImageName is a file name for Image ("chart-squat-2026-12-04.png"),
	// for platforms that save or show one.
	ImageName string
	File      *File // a document to send
	// Private marks a reply to a message in a group that holds the
	// sender's health data (check-in readings, readiness): it is for the
	// sender's eyes only. An adapter sends it to the sender privately, or
	// in place where the platform shows a reply to one member only.
	Private bool
	// Update asks the adapter to also edit a message the bot sent on its own
	// (a team post, whose counts a tap changed). It is not kept for a
	// redelivered message: the post was updated when it was first handled.
	Update *PostEdit
}

// ImageFileName is the file name to send Image under: ImageName, or
// "chart.png" when the reply names none.
func (r Reply) ImageFileName() string {
	if r.ImageName == "" {
		return "chart.png"
	}
	return r.ImageName
}

// File is an outbound document.
type File struct {
	Name string
	Data []byte
}
