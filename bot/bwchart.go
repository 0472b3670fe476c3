package bot

import (
	"fmt"

	"github.com/spotterbot/spotter/bot/chart"
)

// bodyChart answers /chart bw: body weight over time.
func (b *Bot) bodyChart(r *request) (Reply, error) {
	bws, err := r.tx.BodyWeights(r.user.ID, allTime)
	if err != nil {
		return Reply{}, fmt.Errorf("body weights: %w", err)
	}
	if len(bws) == 0 {
		return Reply{Text: "No body weight logged yet, so no chart. Log it with /bw 82.5."}, nil
	}
	u := unitOr(r.user.Units)
	png, err := chart.RenderBody(chart.BodyPoints(bws, u), u)
	if err != nil {
		return Reply{}, fmt.Errorf("render body chart: %w", err)
	}
	first, last := bws[0], bws[len(bws)-1]
	text := fmt.Sprintf("Body weight, %s to %s: %s, from %s to %s (%s).", first.Date, last.Date,
		plural(len(bws), "weigh-in", "weigh-ins"), first.Weight, last.Weight, signedWeight(last.Weight.Kg()-first.Weight.Kg(), u))
	return Reply{Text: text, Image: png, ImageName: chartFileName("body weight", r.today)}, nil
}
