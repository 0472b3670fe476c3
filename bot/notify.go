package bot

import "context"

// Notifier delivers what the bot sends on its own (scheduled check-in polls,
// deload nudges, team posts). Each adapter implements it for its platform.
type Notifier interface {
	// Notify sends r to the private chat of identity to. It returns an error
	// wrapping ErrUnreachable when the platform says the user cannot be reached
	// (blocked the bot, left): the caller stops retrying.
	Notify(ctx context.Context, to Identity, r Reply) error
}

// ErrUnreachable marks a recipient the platform refuses to deliver to.
var ErrUnreachable = unreachable{}

type unreachable struct{}

func (unreachable) Error() string { return "recipient unreachable" }
