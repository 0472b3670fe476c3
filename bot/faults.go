package bot

import (
	"errors"
	"fmt"
	"time"
)

// ErrUnavailable marks a failure of the store itself: a lost connection, a
// lock or statement timeout, a full or read-only disk. Nothing was stored,
// and the same message handled later may well succeed. A Store wraps such
// errors with it (errors.Is finds it); any other internal error is a bug or
// bad data, which handling the message again does not mend.
var ErrUnavailable = errors.New("storage unavailable")

// What a storage fault is called in replies. Which one a message gets
// depends on whether anything keeps it: a Message.Durable message is kept
// by its adapter and handled again until it is handled, so telling its
// sender to send it again would store it twice; any other message is gone,
// and only sending it again saves it.
const (
	sorryFailed = "Something went wrong on my side and nothing was stored. Please send it again in a minute."
	sorryKept   = "My storage is not answering right now. I have kept your message and will answer it when storage is back; there is no need to send it again."
)

// failedReply is the reply to a message whose handling failed with err.
func failedReply(m Message, err error) Reply {
	if m.Durable && errors.Is(err, ErrUnavailable) {
		return Reply{Text: sorryKept}
	}
	return Reply{Text: sorryFailed}
}

// Notices for an adapter that keeps messages across a storage outage (see
// Message.Durable). It sends them itself, since the store they would go
// through is what failed.

// KeptTooNotice answers a message that arrives while an earlier one of the
// same chat is kept: it is kept as well, and answered after that one.
func KeptTooNotice() Reply {
	return Reply{Text: "My storage is still not answering. I have kept this message too and will answer it after the one before; there is no need to send it again."}
}

// UnavailableNotice answers a chat whose messages could not even be kept:
// the platform holds them until the adapter confirms it took them.
func UnavailableNotice() Reply {
	return Reply{Text: "My storage is not answering right now, so I can't take messages yet. They wait for me until it is back, and then I will answer each one; there is no need to send them again."}
}

// ResentNotice answers a message that repeats, word for word, one sent ago
// before that kept one was answered: the lifter sent it again after a
// fault. It is not stored a second time. answered says whether the kept one
// has been answered by now.
func ResentNotice(ago time.Duration, answered bool) Reply {
	if answered {
		return Reply{Text: fmt.Sprintf("That is the same as the message you sent %s, which I kept while my storage was down and have answered above: I stored it once. If you meant it as another one, send it again now.", agoText(ago))}
	}
	return Reply{Text: fmt.Sprintf("That is the same as the message you sent %s, which I have kept: I will answer it once, so I am not storing this one.", agoText(ago))}
}

// agoText is ago in words: "just now", "1 minute ago", "3 hours ago".
func agoText(ago time.Duration) string {
	switch m := int(ago / time.Minute); {
	case m < 1:
		return "just now"
	case m == 1:
		return "1 minute ago"
	case m < 120:
		return fmt.Sprintf("%d minutes ago", m)
	default:
		return fmt.Sprintf("%d hours ago", m/60)
	}
}
