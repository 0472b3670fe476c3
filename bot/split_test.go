package bot_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/spotterbot/spotter/bot"
)

// Measures as the platforms count: Discord's (bytes, see
// adapters/discord/reply.go) and Telegram's (UTF-16 code units).
func bytesLen(s string) int { return len(s) }

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		name    string
		text    string
		limit   int
		measure func(string) int
		want    []string
	}{
		{"empty", "", 10, bytesLen, nil},
		{"short", "short", 10, bytesLen, []string{"short"}},
		{"exact limit", "0123456789", 10, bytesLen, []string{"0123456789"}},
		{"one over", "0123456789a", 10, bytesLen, []string{"0123456789", "a"}},
		{"paragraph before line", "aa\n\nbb\ncc\ndd", 10, bytesLen, []string{"aa\n\n", "bb\ncc\ndd"}},
		{"line before word", "aa bb\ncc dd ee", 10, bytesLen, []string{"aa bb\n", "cc dd ee"}},
		{"last line that fits", "aaaa\nbbbb\ncccc", 10, bytesLen, []string{"aaaa\nbbbb\n", "cccc"}},
		{"word", "one two three four", 10, bytesLen, []string{"one two ", "three four"}},
		{"break right after the limit", "aaaa bbbbb ccc", 10, bytesLen, []string{"aaaa bbbbb", " ccc"}},
		{"paragraph across the limit", "aaaaaaaaa\n\nbb", 10, bytesLen, []string{"aaaaaaaaa\n", "\nbb"}},
		{"word longer than the limit", "abcdefghijkl", 5, bytesLen, []string{"abcde", "fghij", "kl"}},
		{"long word after a short one", "ab cdefghijklmn", 5, bytesLen, []string{"ab ", "cdefg", "hijkl", "mn"}},
		{"leading breaks", "\n\nabcdefgh", 5, bytesLen, []string{"\n\n", "abcde", "fgh"}},
		{"no cut before the first character", " abcdefgh", 5, bytesLen, []string{" abcd", "efgh"}},
		{"only breaks", "\n\n\n\n\n\n", 4, bytesLen, []string{"\n\n\n\n", "\n\n"}},
		{"emoji in UTF-16", "😀😀😀", 4, utf16Len, []string{"😀😀", "😀"}},
		{"surrogate pair at the boundary", "abc😀d", 4, utf16Len, []string{"abc", "😀d"}},
		{"UTF-8 rune at the boundary", "abcé", 4, bytesLen, []string{"abc", "é"}},
		{"emoji at the byte boundary", "ab😀", 5, bytesLen, []string{"ab", "😀"}},
		{"character wider than the limit", "😀a", 1, utf16Len, []string{"😀", "a"}},
		{"cyrillic by bytes", "привет мир", 12, bytesLen, []string{"привет", " мир"}},
		{"cyrillic by UTF-16", "привет мир", 12, utf16Len, []string{"привет мир"}},
	} {
		got := bot.SplitText(tc.text, tc.limit, tc.measure)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: SplitText(%q, %d): got %q, want %q", tc.name, tc.text, tc.limit, got, tc.want)
		}
	}
}

// Random texts of words, spaces, line and paragraph breaks, accents,
// emoji, CJK and invalid bytes: whatever the limit, no piece is empty or
// over the limit, none splits a character, and joined they are the input.
func TestSplitTextKeepsEverything(t *testing.T) {
	alphabet := []string{"a", "b", "z", " ", " ", "\n", "\n\n", "é", "ß", "😀", "🏋️", "中", "\xff", "12", "x5"}
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := range 3000 {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		limit := 4 + rng.IntN(60) // at least one character in either measure
		for _, m := range []struct {
			name    string
			measure func(string) int
		}{{"bytes", bytesLen}, {"utf16", utf16Len}} {
			pieces := bot.SplitText(text, limit, m.measure)
			if got := strings.Join(pieces, ""); got != text {
				t.Fatalf("text %d (%s, limit %d): joined pieces differ from the input\ngot  %q\nwant %q", i, m.name, limit, got, text)
			}
			for _, p := range pieces {
				if p == "" || m.measure(p) > limit {
					t.Fatalf("text %d (%s, limit %d): piece %q measures %d", i, m.name, limit, p, m.measure(p))
				}
				if utf8.ValidString(text) && !utf8.ValidString(p) {
					t.Fatalf("text %d (%s, limit %d): piece %q splits a character", i, m.name, limit, p)
				}
			}
		}
	}
}
