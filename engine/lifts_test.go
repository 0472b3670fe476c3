package engine

import "testing"

func TestCanonicalLift(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sq", "squat"}, {"Back  Squat", "squat"}, {"bp", "bench"}, {"bench press", "bench"}, {"dl", "deadlift"},
		{"ohp", "overhead press"}, {"press", "overhead press"}, {"paused sq", "paused squat"},
		{"close grip bench press", "close grip bench"}, {"seated leg press", "seated leg press"},
		{"seated overhead press", "seated overhead press"}, {"leg press", "leg press"}, {"incline press", "incline press"},
		{"zercher squat", "zercher squat"}, {"deficit dl", "deficit deadlift"},
	}
	for _, tt := range tests {
		if got := CanonicalLift(tt.in); got != tt.want {
			t.Errorf("CanonicalLift(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
