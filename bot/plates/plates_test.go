package plates

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func kg(v float64) int64 { return int64(v*1000 + 0.5) }

func kit(bar float64, ps ...float64) Kit {
	k := Kit{Bar: kg(bar)}
	for _, p := range ps {
		k.Plates = append(k.Plates, Plate{Milli: kg(p)})
	}
	return k
}

func side(ps ...float64) []int64 {
	out := []int64{}
	for _, p := range ps {
		out = append(out, kg(p))
	}
	return out
}

func TestMake(t *testing.T) {
	std := kit(20, 25, 20, 15, 10, 5, 2.5, 1.25)
	lb := kit(45, 45, 35, 25, 10, 5, 2.5)
	for _, c := range []struct {
		name         string
		k            Kit
		load         float64
		exact        bool
		below, above float64 // 0: none
		perSide      []int64 // of Nearest
	}{
		{"issue example", std, 172.5, true, 172.5, 0, side(25, 25, 25, 1.25)},
		{"bar only", std, 20, true, 20, 0, side()},
		{"below the bar", std, 15, false, 0, 20, side()},
		{"one of each small", std, 57.5, true, 57.5, 0, side(15, 2.5, 1.25)},
		{"between two loads", std, 101, false, 100, 102.5, side(25, 15)},
		{"pounds", lb, 225, true, 225, 0, side(45, 45)},
		{"pounds 315", lb, 315, true, 315, 0, side(45, 45, 45)},
		{"pounds odd", lb, 137, false, 135, 140, side(45)},
		{"greedy dead end", kit(20, 15, 10), 60, true, 60, 0, side(10, 10)},
		{"fewest plates, heaviest first", kit(20, 20, 15, 10, 5), 80, true, 80, 0, side(20, 10)},
		{"owned pairs run out", Kit{Bar: kg(20), Plates: []Plate{{kg(25), 2}, {kg(10), 1}}}, 200, false, 140, 0, side(25, 25, 10)},
		{"owned pairs skip", Kit{Bar: kg(20), Plates: []Plate{{kg(20), 1}, {kg(15), 2}}}, 70, false, 60, 80, side(20)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := c.k.Make(kg(c.load))
			if r.Exact != c.exact {
				t.Errorf("exact: got %v, want %v", r.Exact, c.exact)
			}
			check := func(what string, l *Loading, want float64) {
				switch {
				case want == 0 && l != nil:
					t.Errorf("%s: got %s, want none", what, Format(l.Total))
				case want != 0 && l == nil:
					t.Errorf("%s: got none, want %v", what, want)
				case l != nil && l.Total != kg(want):
					t.Errorf("%s: got %s, want %v", what, Format(l.Total), want)
				}
			}
			check("below", r.Below, c.below)
			check("above", r.Above, c.above)
			if n := r.Nearest(); n == nil || !reflect.DeepEqual(n.PerSide, c.perSide) {
				t.Errorf("nearest per side: got %+v, want %v", n, c.perSide)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name string
		k    Kit
		ok   bool
	}{
		{"default", kit(20, 25, 20, 15, 10, 5, 2.5, 1.25), true},
		{"no bar", kit(0, 25), false},
		{"no plates", kit(20), false},
		{"off the grain", kit(20, 1.26), false},
		{"twice", kit(20, 5, 5), false},
		{"zero plate", kit(20, 0), false},
		{"too many pairs", Kit{Bar: 20000, Plates: []Plate{{20000, MaxPairs + 1}}}, false},
		{"too many kinds", kit(20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), false},
	} {
		if err := c.k.Check(); (err == nil) != c.ok {
			t.Errorf("%s: Check() = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	for in, want := range map[int64]string{172500: "172.5", 1250: "1.25", 20000: "20", 0: "0", 50: "0.05", 100001: "100.001"} {
		if got := Format(in); got != want {
			t.Errorf("Format(%d) = %q, want %q", in, got, want)
		}
	}
}

// TestPropertyMake: for random kits and loads, every loading shown sums to
// its total, uses no more of a plate than owned, lies within one lightest
// plate pair of the load asked (when the kit can reach it), brackets the
// load (below <= load <= above), and the same input gives the same answer.
func TestPropertyMake(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	grains := []int64{1, 5, 10, 25, 50, 100, 150, 200, 300, 400, 500, 900}
	for i := 0; i < 3000; i++ {
		var k Kit
		k.Bar = Grain * (1 + rng.Int64N(600))
		n := 1 + rng.IntN(6)
		seen := map[int64]bool{}
		for len(k.Plates) < n {
			m := Grain * grains[rng.IntN(len(grains))]
			if seen[m] {
				continue
			}
			seen[m] = true
			p := Plate{Milli: m}
			if rng.IntN(3) == 0 {
				p.Pairs = 1 + rng.IntN(MaxPairs)
			}
			k.Plates = append(k.Plates, p)
		}
		if err := k.Check(); err != nil {
			t.Fatalf("random kit %+v: %v", k, err)
		}
		load := rng.Int64N(1_000_001)
		r := k.Make(load)
		if again := k.Make(load); !reflect.DeepEqual(r, again) {
			t.Fatalf("kit %+v load %d: not deterministic: %+v then %+v", k, load, r, again)
		}
		smallest, unlimited := k.Plates[0].Milli, false
		owned := map[int64]int{}
		for _, p := range k.Plates {
			smallest = min(smallest, p.Milli)
			owned[p.Milli] = p.Pairs
			unlimited = unlimited || p.Pairs == 0
		}
		for _, l := range []*Loading{r.Below, r.Above} {
			if l == nil {
				continue
			}
			if got := k.Bar + 2*l.Side(); got != l.Total {
				t.Fatalf("kit %+v load %d: loading %+v sums to %d", k, load, l, got)
			}
			used := map[int64]int{}
			for j, p := range l.PerSide {
				used[p]++
				if j > 0 && p > l.PerSide[j-1] {
					t.Fatalf("kit %+v: loading %+v not heaviest first", k, l)
				}
				if pairs, ok := owned[p]; !ok || pairs > 0 && used[p] > pairs {
					t.Fatalf("kit %+v: loading %+v uses %d of %d, owns %d", k, l, used[p], p, pairs)
				}
			}
		}
		switch {
		case r.Exact && (r.Below == nil || r.Below.Total != load || r.Above != nil):
			t.Fatalf("kit %+v load %d: exact but %+v", k, load, r)
		case r.Below != nil && r.Below.Total > load, r.Above != nil && r.Above.Total < load:
			t.Fatalf("kit %+v load %d: does not bracket: %+v", k, load, r)
		case load < k.Bar && (r.Below != nil || r.Above == nil || r.Above.Total != k.Bar):
			t.Fatalf("kit %+v load %d below the bar: %+v", k, load, r)
		case load >= k.Bar && r.Below == nil:
			t.Fatalf("kit %+v load %d: no loading below (the bar alone is one)", k, load)
		}
		if unlimited && load >= k.Bar {
			// With a plate owned without limit, a loading above exists, and
			// the two nearest are never further apart than one of the
			// smallest plates' pair plus the rounding to the plates' grid.
			if r.Above == nil && !r.Exact {
				t.Fatalf("kit %+v load %d: nothing above with unlimited plates", k, load)
			}
			if !r.Exact && r.Above.Total-r.Below.Total > 2*smallest {
				var all []int64
				for _, p := range k.Plates {
					if p.Pairs == 0 {
						all = append(all, p.Milli)
					}
				}
				// Only a kit whose unlimited plates are coarser than its
				// limited ones can leave a wider gap; the smallest unlimited
				// plate bounds it then.
				sm := all[0]
				for _, p := range all {
					sm = min(sm, p)
				}
				if r.Above.Total-r.Below.Total > 2*sm {
					t.Fatalf("kit %+v load %d: gap %d between %d and %d", k, load, r.Above.Total-r.Below.Total, r.Below.Total, r.Above.Total)
				}
			}
		}
	}
}
