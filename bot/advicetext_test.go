package bot_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spotterbot/spotter/storage/storagetest"
)

// TestAdviceSummaryFits: /advice with no lift is one line per lift and one
// message: four lifts in at most 1,500 characters, thirty in at most 4,096
// (Telegram's limit), on the transcripts of testdata/advice.
func TestAdviceSummaryFits(t *testing.T) {
	line := regexp.MustCompile(`(?m)^(PUSH|HOLD|DELOAD) [^:]+: `)
	for _, tt := range []struct {
		lifts, max int
	}{{1, 1500}, {4, 1500}, {8, 4096}, {30, 4096}} {
		path := filepath.Join("testdata", "advice", fmt.Sprintf("lifts-%02d.txt", tt.lifts))
		out := string(runTranscript(t, storagetest.Open(t, storagetest.Backends(t)[0]), path))
		_, reply, ok := strings.Cut(out, "> /advice\n")
		if !ok {
			t.Fatalf("%s: no /advice in the transcript", path)
		}
		reply = strings.TrimRight(reply, "\n")
		if n := len([]rune(reply)); n > tt.max {
			t.Errorf("%d lifts: /advice is %d characters, want at most %d:\n%s", tt.lifts, n, tt.max, reply)
		}
		if got := len(line.FindAllString(reply, -1)); got != tt.lifts {
			t.Errorf("%d lifts: got %d verdict lines, want one per lift:\n%s", tt.lifts, got, reply)
		}
	}
}
