package discord_test

import (
	"strings"
	"testing"

	dt "github.com/spotterbot/spotter/adapters/discord/discordtest"
)

// TestDeleteButton: /delete alone offers the latest sessions, a button
// each; a tap deletes that session only.
func TestDeleteButton(t *testing.T) {
	t.Parallel()
	h := mustStart(t, options{})
	u := dt.User{ID: "608", Name: "ia"}
	for _, l := range [][3]string{{"squat", "100x5x3", "2026-11-02"}, {"bench", "80x5x3", "2026-11-03"}, {"squat", "102.5x5x3", "2026-11-04"}} {
		mustFinal(t, h.inDM(u, 2, dt.Command("log", dt.Opt("lift", 3, l[0]), dt.Opt("sets", 3, l[1]), dt.Opt("date", 3, l[2]))))
	}
	menu := mustFinal(t, h.inDM(u, 2, dt.Command("delete")))
	if !strings.HasPrefix(menu.Content, "Which session?") {
		t.Fatalf("/delete = %q, want the menu", menu.Content)
	}
	var tap dt.Button
	for _, row := range menu.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.Label, "2026-11-03 bench") {
				tap = b
			}
		}
	}
	if tap.CustomID == "" {
		t.Fatalf("no bench button in %+v", menu.Buttons)
	}
	got := mustFinal(t, h.inDM(u, 3, dt.Component(tap.CustomID)))
	handle := strings.Fields(tap.Label)[1]
	if !strings.HasPrefix(got.Content, "Deleted "+handle+", bench on 2026-11-03") {
		t.Errorf("after the tap = %q, want the bench session deleted", got.Content)
	}
	hist := mustFinal(t, h.inDM(u, 2, dt.Command("history")))
	if strings.Contains(hist.Content, "bench") || strings.Count(hist.Content, " squat: ") != 2 {
		t.Errorf("history = %q, want the two squat sessions only", hist.Content)
	}
}
