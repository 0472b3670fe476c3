package telegram_test

import (
	"bytes"
	"fmt"
	"image/png"
	"testing"
	"time"

	"github.com/spotterbot/spotter/engine"
)

// /chart through the real bot arrives in Telegram as a photo (sendPhoto)
// whose bytes are a PNG, and /export as a document.
func TestChartArrivesAsPhoto(t *testing.T) {
	backends(t, func(t *testing.T, dsn string) {
		srv := newServer(t)
		mustStart(t, srv, dsn, nil)
		today := engine.DateOf(time.Now().UTC())
		var cmds []string
		for i := 6; i >= 1; i-- {
			cmds = append(cmds, fmt.Sprintf("/log %s squat 3x5@%d rir2", today.AddDays(-3*i), 100+5*(6-i)))
		}
		cmds = append(cmds, "/chart squat", "/export")
		for _, c := range cmds {
			srv.SendText(chatOf(ann), ann, c)
		}
		ms := mustMessages(t, srv, ann.ID, len(cmds))
		chart, export := ms[len(cmds)-2], ms[len(cmds)-1]
		if chart.Photo == nil {
			t.Fatalf("/chart: got %q without a photo", chart.Plain())
		}
		img, err := png.Decode(bytes.NewReader(chart.Photo.Data))
		if err != nil {
			t.Fatalf("/chart photo is not a PNG: %v", err)
		}
		// The photo is uploaded under the lift's and the day's name, as the
		// console saves it, not as a bare chart.png.
		if got, want := chart.Photo.Name, "chart-squat-"+today.String()+".png"; got != want {
			t.Errorf("/chart photo uploaded as %q, want %q", got, want)
		}
		if b := img.Bounds(); b.Dx() < 600 || b.Dy() < 400 {
			t.Errorf("/chart image is %dx%d, too small to read on a phone", b.Dx(), b.Dy())
		}
		if export.Document == nil || !bytes.HasPrefix(export.Document.Data, []byte("record,date,lift")) {
			t.Errorf("/export: got %q, want a CSV document", export.Plain())
		}
	})
}
