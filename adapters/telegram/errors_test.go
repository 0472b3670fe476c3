package telegram

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestWithoutBodyDropsTheQuotedAnswer(t *testing.T) {
	decode := errors.New("invalid character '<' looking for beginning of value")
	lib := fmt.Errorf("error decode response body for method %s, %s, %w", "sendMessage", `{"ok":true,"result":{"chat":{"id":987654321,"first_name":"Zebedee"},"text":"SECRET-TEXT-123`, decode)
	got := withoutBody(lib)
	if !errors.Is(got, decode) {
		t.Errorf("got %v, want it to wrap the decoding error", got)
	}
	for _, s := range []string{"987654321", "Zebedee", "SECRET-TEXT-123"} {
		if strings.Contains(got.Error(), s) {
			t.Errorf("got %q, want no %q", got, s)
		}
	}
	other := errors.New("error do request for method sendMessage, EOF")
	if got := withoutBody(other); got != other {
		t.Errorf("another error: got %v, want it unchanged", got)
	}
}
