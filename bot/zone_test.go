package bot

import (
	"testing"
	"time"
)

func TestLoadZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no zoneinfo here: %v", err)
	}
	for _, tc := range []struct {
		name string
		want string
	}{{"", "UTC"}, {"UTC", "UTC"}, {"Europe/Berlin", berlin.String()}, {"Europe/Berlin", berlin.String()}, {"Mars/Olympus", "UTC"}} {
		if got := cachedZone(tc.name).String(); got != tc.want {
			t.Errorf("cachedZone(%q): got %s, want %s", tc.name, got, tc.want)
		}
	}
	at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	if got, want := at.In(cachedZone("Europe/Berlin")).Hour(), at.In(berlin).Hour(); got != want {
		t.Errorf("cached zone: got hour %d, want %d", got, want)
	}
}
