package bot

import (
	"testing"

	"github.com/spotterbot/spotter/engine"
)

func TestFileNames(t *testing.T) {
	day, err := engine.ParseDate("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		got, want string
	}{
		{chartFileName("squat", day), "chart-squat-2026-12-04.png"},
		{chartFileName("paused squat", day), "chart-paused-squat-2026-12-04.png"},
		{chartFileName("Squat (Barbell)", day), "chart-squat-barbell-2026-12-04.png"},
		{chartFileName("../../etc/passwd", day), "chart-etc-passwd-2026-12-04.png"},
		{exportFileName("alice", day), "spotter-export-alice-2026-12-04.csv"},
		{exportFileName("Ana María López", day), "spotter-export-ana-maría-lópez-2026-12-04.csv"},
		{exportFileName("  ", day), "spotter-export-2026-12-04.csv"},
		{exportFileName("", day), "spotter-export-2026-12-04.csv"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"squat", "squat"},
		{"  Front--Squat  ", "front-squat"},
		{"pull-up", "pull-up"},
		{"...", ""},
		{"a/b\\c:d", "a-b-c-d"},
		{"x234567890123456789012345678901234567890123", "x234567890123456789012345678901234567890"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
