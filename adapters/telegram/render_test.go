package telegram

import (
	"slices"
	"testing"
)

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		limit int
		want  []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}}, // UTF-16: two units each
	} {
		if got := splitText(tc.text, tc.limit); !slices.Equal(got, tc.want) {
			t.Errorf("splitText(%q, %d): got %q, want %q", tc.text, tc.limit, got, tc.want)
		}
	}
}

func TestToHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Logged <b>x</b> & y", "Logged &lt;b&gt;x&lt;/b&gt; &amp; y"},
		{"DELOAD squat: a <planned> deload\n- HOLD on", "<b>DELOAD</b> squat: a &lt;planned&gt; deload\n- HOLD on"},
		{"PUSHING on", "PUSHING on"},
	} {
		if got := toHTML(tc.in); got != tc.want {
			t.Errorf("toHTML(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}
