package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// newLogger builds the one logger every subcommand uses, from
// SPOTTER_LOG_FORMAT (text or json; default text) and SPOTTER_LOG_LEVEL
// (debug, info, warn or error; default def). A value it does not know is a
// configError: a typo must not start the bot logging nothing, or everything.
func newLogger(getenv func(string) string, w io.Writer, def slog.Level) (*slog.Logger, error) {
	lvl, err := parseLevel(getenv("SPOTTER_LOG_LEVEL"), def)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch f := getenv("SPOTTER_LOG_FORMAT"); strings.ToLower(f) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, configError{fmt.Sprintf("SPOTTER_LOG_FORMAT %q: want text or json", f)}
	}
}

// parseLevel reads a level name; slog's own parser also takes offsets
// ("warn+2") and would make the documented four names a lie.
func parseLevel(s string, def slog.Level) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "":
		return def, nil
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, configError{fmt.Sprintf("SPOTTER_LOG_LEVEL %q: want debug, info, warn or error", s)}
}
