package engine

// The lifter's own word on a lift beats the catalog's guess from its name:
// "ssb" or "zercher" say nothing the catalog knows, and a lifter who calls
// a machine lift an isolation lift knows their machine.

// Pattern is the lift's class for this lifter: their override (/lift kind),
// else the class of the lift it is a variation of (/lift variation), else
// the catalog's (PatternOf).
func (p Profile) Pattern(lift string) Pattern {
	if k, ok := p.Kinds[lift]; ok {
		return k
	}
	if b := p.Base(lift); b != "" {
		if k, ok := p.Kinds[b]; ok {
			return k
		}
		return PatternOf(b)
	}
	return PatternOf(lift)
}

// MainCompound is IsMainCompound for this lifter: a declared variation of
// squat, bench, deadlift or overhead press counts as one of them.
func (p Profile) MainCompound(lift string) bool {
	if IsMainCompound(lift) {
		return true
	}
	if b := p.Base(lift); b != "" {
		return IsMainCompound(b)
	}
	return false
}

// Base is the lift that lift is a declared variation of, "" when none. One
// step only: a variation of a variation is the bot's to refuse, and a loop
// must not hang the engine.
func (p Profile) Base(lift string) string {
	if b, ok := p.Bases[lift]; ok && b != lift {
		return b
	}
	return ""
}
