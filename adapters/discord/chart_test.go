package discord_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
	"github.com/spotterbot/spotter/engine"
)

// TestChartFileName: /chart's PNG reaches Discord under the lift's and the
// day's name, as the console saves it ("chart-squat-2026-12-04.png"), not
// as a bare chart.png.
func TestChartFileName(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "606", Name: "go"}
	today := engine.DateOf(time.Now().UTC())
	for i := 6; i >= 1; i-- {
		mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, "paused squat"), dt.Opt("sets", 3, fmt.Sprintf("3x5@%d", 100+5*(6-i))),
			dt.Opt("effort", 3, "rir2"), dt.Opt("date", 3, today.AddDays(-3*i).String()))))
	}
	got := mustFinal(t, h.inDM(u, 2, dt.Command("chart", dt.Opt("text", 3, "paused squat"))))
	if want := []string{"chart-paused-squat-" + today.String() + ".png"}; !reflect.DeepEqual(got.Files, want) {
		t.Errorf("/chart sent files %q (text %q), want %q", got.Files, got.Content, want)
	}
}
