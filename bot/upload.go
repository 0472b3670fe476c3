package bot

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
)

// What a file sent to the bot means and how big it may be. Adapters check
// a file against MaxFileBytes before downloading it and answer with
// FileTooBig, so that a file the bot would refuse is never fetched.

// MaxFileBytes is the largest file an adapter downloads for the bot: the
// import limit, so that nothing the bot could read is refused and nothing
// it would refuse reaches memory. (Telegram's Bot API serves files of up
// to 20 MB; a larger limit here would not reach past that.)
const MaxFileBytes = workoutcsv.MaxBytes

// FileTooBig is the reply to a file over MaxFileBytes, before it is
// downloaded. name is the file's name ("" when the platform gives none);
// size is its size in bytes as the platform states it, or 0 when only the
// download showed it too big.
func FileTooBig(name string, size int64) string {
	if name == "" {
		name = "That file"
	}
	is := "is"
	if size > 0 {
		is = fmt.Sprintf("is %.1f MB,", float64(size)/(1<<20))
	}
	return fmt.Sprintf("%s %s too big to import: I take files up to %d MB. "+
		"Export a shorter period from the app, or split the file, and send it again with /import.", name, is, MaxFileBytes>>20)
}

// CommandForFile is the command a file with this caption (or text typed
// with it) stands for: the caption when it says anything, else /import. A
// file sent on its own is an export to import, the one thing the bot reads
// files for.
func CommandForFile(caption string) string {
	if strings.TrimSpace(caption) == "" {
		return "/import"
	}
	return caption
}
