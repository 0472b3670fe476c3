package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoggerFormats(t *testing.T) {
	for _, tc := range []struct {
		format string
		check  func(t *testing.T, line string)
	}{
		{"json", func(t *testing.T, line string) {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("line %q is not JSON: %v", line, err)
			}
			if m["level"] != "INFO" || m["msg"] != "poll sent" || m["user"] != "u1" {
				t.Errorf("got %v, want level INFO, msg %q, user u1", m, "poll sent")
			}
		}},
		{"text", func(t *testing.T, line string) {
			if !strings.Contains(line, `level=INFO msg="poll sent" user=u1`) {
				t.Errorf("got %q, want a text line with level, msg and user", line)
			}
		}},
		{"", func(t *testing.T, line string) { // the default is text
			if !strings.Contains(line, "level=INFO") || strings.HasPrefix(line, "{") {
				t.Errorf("got %q, want a text line", line)
			}
		}},
		{"JSON", func(t *testing.T, line string) {
			if !json.Valid([]byte(line)) {
				t.Errorf("got %q, want JSON", line)
			}
		}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var buf bytes.Buffer
			log, err := newLogger(env(map[string]string{"SPOTTER_LOG_FORMAT": tc.format}), &buf, slog.LevelInfo)
			if err != nil {
				t.Fatal(err)
			}
			log.Debug("below the level")
			log.Info("poll sent", "user", "u1")
			lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
			if len(lines) != 1 {
				t.Fatalf("got %d lines %q, want the info line only", len(lines), buf.String())
			}
			tc.check(t, lines[0])
		})
	}
}

func TestLogLevels(t *testing.T) {
	for _, tc := range []struct {
		env  string
		def  slog.Level
		want slog.Level
	}{
		{"", slog.LevelWarn, slog.LevelWarn},
		{"", slog.LevelInfo, slog.LevelInfo},
		{"debug", slog.LevelWarn, slog.LevelDebug},
		{"info", slog.LevelWarn, slog.LevelInfo},
		{"WARN", slog.LevelInfo, slog.LevelWarn},
		{"error", slog.LevelInfo, slog.LevelError},
	} {
		log, err := newLogger(env(map[string]string{"SPOTTER_LOG_LEVEL": tc.env}), &bytes.Buffer{}, tc.def)
		if err != nil {
			t.Errorf("SPOTTER_LOG_LEVEL=%q: %v", tc.env, err)
			continue
		}
		for _, l := range []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError} {
			if got, want := log.Enabled(context.Background(), l), l >= tc.want; got != want {
				t.Errorf("SPOTTER_LOG_LEVEL=%q (default %v): %v enabled = %v, want %v", tc.env, tc.def, l, got, want)
			}
		}
	}
}

// A bad log setting stops every subcommand before it opens anything, with
// exit code 2 and a sentence naming the variable.
func TestBadLogSettingsStopStartUp(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(csv, []byte("Date,Exercise Name,Weight,Reps\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SPOTTER_LOG_LEVEL": "verbose"}, `spotter: SPOTTER_LOG_LEVEL "verbose": want debug, info, warn or error`},
		{map[string]string{"SPOTTER_LOG_LEVEL": "warn+2"}, `spotter: SPOTTER_LOG_LEVEL "warn+2": want debug, info, warn or error`},
		{map[string]string{"SPOTTER_LOG_FORMAT": "logfmt"}, `spotter: SPOTTER_LOG_FORMAT "logfmt": want text or json`},
	} {
		for _, args := range [][]string{{"serve"}, {"chat"}, {"migrate"}, {"import", csv, "--user", "ann"}, {"export", "--user", "ann"}} {
			db := filepath.Join(t.TempDir(), "s.db")
			tc.env["TELEGRAM_BOT_TOKEN"] = "1:x"
			var out, errOut bytes.Buffer
			err := run(context.Background(), append(args, "--db", db), env(tc.env), strings.NewReader("/log squat 100x5\n"), &out, &errOut)
			if err == nil {
				t.Errorf("%v with %v: got nil error, want exit 2", args, tc.env)
				continue
			}
			if got := exitCode(err); got != 2 {
				t.Errorf("%v with %v: exit code %d, want 2", args, tc.env, got)
			}
			if got := errorText(err); got != tc.want {
				t.Errorf("%v with %v: got %q, want %q", args, tc.env, got, tc.want)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%v with %v: the database was opened (%v), want start-up stopped first", args, tc.env, err)
			}
		}
	}
}

func TestMigrateLogsJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{"SPOTTER_LOG_FORMAT": "json", "SPOTTER_LOG_LEVEL": "debug"})
	if err := run(context.Background(), []string{"migrate", "--db", filepath.Join(t.TempDir(), "m.db")}, getenv, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("migrate at debug level logged nothing")
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["level"] == nil || m["msg"] == nil {
			t.Errorf("log line %q: want JSON with level and msg (%v)", l, err)
		}
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		text string
	}{
		{usageError{"unexpected argument \"x\""}, 2, "unexpected argument \"x\""},
		{configError{"TELEGRAM_RATE_LIMIT \"fast\": ..."}, 2, "spotter: TELEGRAM_RATE_LIMIT \"fast\": ..."},
		{errors.New("open sqlite: disk full"), 1, "spotter: open sqlite: disk full"},
	} {
		if got := exitCode(tc.err); got != tc.code {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.code)
		}
		if got := errorText(tc.err); got != tc.text {
			t.Errorf("errorText(%v) = %q, want %q", tc.err, got, tc.text)
		}
	}
}
