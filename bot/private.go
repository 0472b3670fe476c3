package bot

import "fmt"

// privateOnly refuses a command that reads, moves or deletes a lifter's
// whole log (/import, /export, /forget, /link) in a group chat: done there
// it would show that log to everyone in it.
func privateOnly(r *request, command string) error {
	if !r.msg.Group {
		return nil
	}
	return &InputError{Problem: fmt.Sprintf("%s works in a private chat with me, so your data stays yours. Send it to me directly.", command), Example: command}
}
