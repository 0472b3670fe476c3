package bot

import (
	"strings"
	"unicode/utf8"
)

// breaks are where SplitText prefers to cut, best first: between
// paragraphs, between lines, between words.
var breaks = []string{"\n\n", "\n", " "}

// SplitText cuts text into pieces for a platform that caps a message's
// length: each piece measures at most limit, where measure is the
// platform's count (bytes, UTF-16 code units, ...). It cuts at the last
// paragraph break that fits, else at the last line break, else at the last
// space; a word longer than a piece is cut between two characters. It never
// cuts inside a character (a UTF-8 sequence, so never inside a UTF-16
// surrogate pair either) and drops nothing: the pieces joined are text, and
// a break stays at the end of the piece before the cut. Adapters trim what
// their platform would not show (white space at a message's ends).
//
// measure must be additive over characters (the measure of a string is the
// sum of its characters'), as every platform's count is. A single character
// that measures more than limit becomes a piece of its own. Empty text
// gives no pieces.
func SplitText(text string, limit int, measure func(string) int) []string {
	var pieces []string
	for text != "" {
		fit, whole := fitting(text, limit, measure)
		if whole {
			return append(pieces, text)
		}
		cut := fit
		for _, b := range breaks {
			if at := breakBefore(text, fit, b); at > 0 {
				cut = at
				break
			}
		}
		pieces = append(pieces, text[:cut])
		text = text[cut:]
	}
	return pieces
}

// fitting is the length in bytes of the longest prefix of text that
// measures at most limit, always at least one character; whole says all of
// text fits.
func fitting(text string, limit int, measure func(string) int) (fit int, whole bool) {
	n := 0
	for fit < len(text) {
		_, size := utf8.DecodeRuneInString(text[fit:])
		w := measure(text[fit : fit+size])
		if n+w > limit {
			if fit == 0 {
				return size, size == len(text) // one character wider than a piece
			}
			return fit, false
		}
		n += w
		fit += size
	}
	return fit, true
}

// breakBefore is where to cut text at its last break b within the first fit
// bytes: just after b, or at fit when b runs across it (the rest of b then
// starts the next piece, which is still a cut at b). Zero when no b in
// reach follows some text: a cut before the first character would make no
// progress.
func breakBefore(text string, fit int, b string) int {
	reach := min(fit+len(b), len(text))
	at := strings.LastIndex(text[:reach], b)
	if at <= 0 {
		return 0
	}
	return min(at+len(b), fit)
}
