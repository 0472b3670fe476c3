package schedule

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
)

// stopQuiet passes River's log on, except while the scheduler stops: River
// then cancels its services' work in progress, and each logs the cut-off
// ("context canceled") as an error, though a stop asked for is none. Those
// go out at debug level.
type stopQuiet struct {
	next     slog.Handler
	stopping *atomic.Bool
}

func (h stopQuiet) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h stopQuiet) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn && h.stopping.Load() && cancelled(r) {
		r.Level = slog.LevelDebug
		if !h.next.Enabled(ctx, r.Level) {
			return nil
		}
	}
	return h.next.Handle(ctx, r)
}

func (h stopQuiet) WithAttrs(as []slog.Attr) slog.Handler {
	return stopQuiet{next: h.next.WithAttrs(as), stopping: h.stopping}
}

func (h stopQuiet) WithGroup(name string) slog.Handler {
	return stopQuiet{next: h.next.WithGroup(name), stopping: h.stopping}
}

// cancelled reports whether the record is about a cancelled context.
func cancelled(r slog.Record) bool {
	found := strings.Contains(r.Message, "context canceled")
	r.Attrs(func(a slog.Attr) bool {
		if strings.Contains(a.Value.String(), "context canceled") {
			found = true
		}
		return !found
	})
	return found
}
