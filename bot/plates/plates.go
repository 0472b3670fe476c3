// Package plates works out which plates go on each side of a barbell for a
// load, from the lifter's bar and plate set. It is pure arithmetic on
// thousandths of one unit (kg or lb: the caller converts), so 172.5 stays
// 172500 and no float drift can make a breakdown miss its load.
//
// A breakdown uses the fewest plates per side and, among those, the
// heaviest first: what greedy loading gives for the usual plate sets, but
// also right for a set where greedy fails (15 and 10 for 20 a side: 10 10,
// not a dead end after 15) and for a limited number of plates.
package plates

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Grain is the finest plate step, in thousandths: every plate is a multiple
// of it, which keeps the table of reachable loads small (a 1000 kg load is
// at most 10,000 grains a side).
const Grain = 50

// MaxPlates is the most denominations a set may have, MaxPairs the most
// pairs of one denomination a lifter can say they own.
const (
	MaxPlates = 12
	MaxPairs  = 20
)

// Plate is one denomination: its weight in thousandths and how many pairs
// the lifter owns, 0 for as many as needed.
type Plate struct {
	Milli int64
	Pairs int
}

// Kit is a bar and plates, all in one unit's thousandths.
type Kit struct {
	Bar    int64
	Plates []Plate
}

// Check reports what is wrong with the kit: no bar, no plates, a plate
// off the Grain, a denomination twice, too many of something.
func (k Kit) Check() error {
	if k.Bar <= 0 {
		return errors.New("the bar weighs nothing")
	}
	if len(k.Plates) == 0 {
		return errors.New("no plates")
	}
	if len(k.Plates) > MaxPlates {
		return fmt.Errorf("more than %d kinds of plate", MaxPlates)
	}
	seen := map[int64]bool{}
	for _, p := range k.Plates {
		switch {
		case p.Milli <= 0:
			return errors.New("a plate that weighs nothing")
		case p.Milli%Grain != 0:
			return fmt.Errorf("a plate of %s is not a multiple of %s", Format(p.Milli), Format(Grain))
		case p.Pairs < 0 || p.Pairs > MaxPairs:
			return fmt.Errorf("pairs of one plate are 1 to %d", MaxPairs)
		case seen[p.Milli]:
			return fmt.Errorf("%s is listed twice", Format(p.Milli))
		}
		seen[p.Milli] = true
	}
	return nil
}

// Loading is a load made on the bar: the total and the plates on each side,
// heaviest first (both sides carry the same).
type Loading struct {
	Total   int64
	PerSide []int64
}

// Side is the weight on one side.
func (l Loading) Side() int64 {
	var s int64
	for _, p := range l.PerSide {
		s += p
	}
	return s
}

// Result is what the kit makes of a load: Exact when the load itself can be
// made (Below is then that loading and Above nil); otherwise the nearest
// loads it can make below and above it, each nil when there is none (below
// the bar, or beyond every plate owned).
type Result struct {
	Exact        bool
	Below, Above *Loading
}

// Nearest is the loading to show: the exact one, else the nearest below
// (a lifter rounds down), else the one above; nil when there is neither.
func (r Result) Nearest() *Loading {
	if r.Below != nil {
		return r.Below
	}
	return r.Above
}

// Make works out the load total (thousandths) on the kit, which must pass
// Check. A load below the bar has no Below; the bar alone is a Loading
// with no plates.
func (k Kit) Make(total int64) Result {
	plates := slices.Clone(k.Plates)
	slices.SortFunc(plates, func(a, b Plate) int { return cmp.Compare(b.Milli, a.Milli) })
	g := gcd(plates)
	step := 2 * g // both sides move together
	var r Result
	if total < k.Bar {
		r.Above = &Loading{Total: k.Bar, PerSide: []int64{}}
		return r
	}
	// Sides in units of g: the exact one when there is one, else the
	// nearest below (lo) and the first above (lo+1) on the grid.
	lo := (total - k.Bar) / step
	exact := (total-k.Bar)%step == 0
	// The nearest reachable side above lo is within one plate of it: take
	// any plate off a loading above and it is at most lo.
	top := lo + 1 + plates[0].Milli/g
	t := newTable(plates, g, top)
	for v := lo; v >= 0; v-- {
		if t.reachable(v) {
			r.Below = &Loading{Total: k.Bar + v*step, PerSide: t.pick(v)}
			break
		}
	}
	if exact && r.Below != nil && r.Below.Total == total {
		r.Exact = true
		return r
	}
	for v := lo + 1; v <= top; v++ {
		if t.reachable(v) {
			r.Above = &Loading{Total: k.Bar + v*step, PerSide: t.pick(v)}
			break
		}
	}
	return r
}

// table holds, for each suffix of the plates (heaviest first) and each side
// weight v in grains of g, the fewest plates of that suffix making v.
type table struct {
	plates []Plate
	g      int64
	few    [][]int32 // few[i][v]: plates i.. only; unreachable when > limit
}

const unreachable = int32(1 << 30)

func newTable(plates []Plate, g, top int64) *table {
	n := len(plates)
	t := &table{plates: plates, g: g, few: make([][]int32, n+1)}
	t.few[n] = make([]int32, top+1)
	for v := range t.few[n] {
		if v > 0 {
			t.few[n][v] = unreachable
		}
	}
	for i := n - 1; i >= 0; i-- {
		w := plates[i].Milli / g
		next, cur := t.few[i+1], make([]int32, top+1)
		for v := int64(0); v <= top; v++ {
			best := next[v]
			if plates[i].Pairs == 0 {
				// As many as needed: one more of this plate on the best for v-w.
				if v >= w && cur[v-w]+1 < best {
					best = cur[v-w] + 1
				}
			} else {
				for c := int64(1); c <= int64(plates[i].Pairs) && c*w <= v; c++ {
					if f := next[v-c*w] + int32(c); f < best {
						best = f
					}
				}
			}
			cur[v] = best
		}
		t.few[i] = cur
	}
	return t
}

func (t *table) reachable(v int64) bool { return t.few[0][v] < unreachable }

// pick reads back one side of v: at each plate, heaviest first, as many of
// it as a fewest-plates loading allows.
func (t *table) pick(v int64) []int64 {
	out := []int64{}
	for i, p := range t.plates {
		w := p.Milli / t.g
		most := v / w
		if p.Pairs > 0 && int64(p.Pairs) < most {
			most = int64(p.Pairs)
		}
		for c := most; c >= 0; c-- {
			if t.few[i+1][v-c*w]+int32(c) == t.few[i][v] {
				for range c {
					out = append(out, p.Milli)
				}
				v -= c * w
				break
			}
		}
	}
	return out
}

// gcd is the greatest common divisor of the plates, at least Grain.
func gcd(plates []Plate) int64 {
	g := int64(0)
	for _, p := range plates {
		a, b := p.Milli, g
		for b != 0 {
			a, b = b, a%b
		}
		g = a
	}
	if g < Grain {
		return Grain
	}
	return g
}

// Format prints thousandths as a lifter reads them: 172500 "172.5", 1250
// "1.25", 20000 "20".
func Format(milli int64) string {
	s := fmt.Sprintf("%d", milli/1000)
	if f := milli % 1000; f != 0 {
		frac := fmt.Sprintf("%03d", f)
		for frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		s += "." + frac
	}
	return s
}
