package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spotterbot/spotter/bot/workoutcsv"
	"github.com/spotterbot/spotter/engine"
)

// The reply to /import: what a file held, what was stored and what was
// skipped, short enough for a chat message.

func importEmpty(name string, res *workoutcsv.Result) string {
	t := fmt.Sprintf("%s is a %s export, but it holds no sets I can import.", name, res.Format)
	if s := skippedLine(res); s != "" {
		t += "\n" + s
	}
	if s := badLines(res.Bad); s != "" {
		t += "\n" + s
	}
	return t
}

// badShown is how many bad rows a reply lists; a phone shows about that
// many lines without scrolling.
const badShown = 5

// badLines says how many rows were skipped for bad values and why, then
// lists the first badShown: "line 812, Reps: 877777: more than 100 reps in
// a set". "" when there are none.
func badLines(bad []workoutcsv.RowError) string {
	if len(bad) == 0 {
		return ""
	}
	var t strings.Builder
	fmt.Fprintf(&t, "Skipped %s with impossible or unreadable values (%s):", plural(len(bad), "row", "rows"), badReasons(bad))
	listBad(&t, bad)
	return t.String()
}

// badReasons counts bad rows by reason, most first: "2 impossible rep counts, 1 bad date".
func badReasons(bad []workoutcsv.RowError) string {
	n := workoutcsv.BadCounts(bad)
	var parts []string
	for _, k := range sortedKeys(n) {
		parts = append(parts, workoutcsv.BadText(k, n[k]))
	}
	return strings.Join(parts, ", ")
}

// listBad writes the first badShown bad rows, one a line, and how many more.
func listBad(t *strings.Builder, bad []workoutcsv.RowError) {
	for i, b := range bad {
		if i == badShown {
			fmt.Fprintf(t, "\nand %d more", len(bad)-badShown)
			break
		}
		t.WriteString("\n" + b.Error())
	}
}

// badFileText refuses a file most of whose rows are bad.
func badFileText(name string, e *workoutcsv.BadFileError) string {
	var t strings.Builder
	if len(e.Bad) == e.Rows {
		fmt.Fprintf(&t, "I could not import %s: none of its %s can be read (%s).", name, plural(e.Rows, "row", "rows"), badReasons(e.Bad))
	} else {
		fmt.Fprintf(&t, "I could not import %s: %d of its %d rows have impossible or unreadable values (%s), too many for an app's export.", name, len(e.Bad), e.Rows, badReasons(e.Bad))
	}
	t.WriteString(" Nothing was stored; export the file again from the app.")
	listBad(&t, e.Bad)
	return t.String()
}

func skippedLine(res *workoutcsv.Result) string {
	if len(res.Skipped) == 0 {
		return ""
	}
	total := 0
	var parts []string
	for _, k := range sortedKeys(res.Skipped) {
		total += res.Skipped[k]
		parts = append(parts, workoutcsv.SkipText(k, res.Skipped[k]))
	}
	return fmt.Sprintf("Skipped %s: %s.", plural(total, "row", "rows"), strings.Join(parts, ", "))
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}

// listCap keeps an import reply within a chat message.
const listCap = 12

// importReport is the reply to a finished import: what was read, what was stored.
func importReport(name string, res *workoutcsv.Result, added, already, checkins int, unitLine string) string {
	var t strings.Builder
	first, last, _ := res.DateRange()
	layout := ""
	// "a Spotter export (Spotter export)" says nothing twice.
	if res.Layout != "" && !strings.EqualFold(res.Layout, string(res.Format)+" export") {
		layout = " (" + res.Layout + ")"
	}
	fmt.Fprintf(&t, "Read %s: a %s export%s, %s from %s to %s.", name, res.Format, layout, plural(res.Rows, "row", "rows"), first, last)
	if len(res.Sets) > 0 {
		var warm, drop, fail, bw int
		for _, s := range res.Sets {
			switch s.Kind {
			case engine.Warmup:
				warm++
			case engine.Drop:
				drop++
			case engine.Failure:
				fail++
			}
			if s.Bodyweight {
				bw++
			}
		}
		fmt.Fprintf(&t, "\n%s, %s", plural(res.Workouts(), "workout", "workouts"), plural(len(res.Sets), "set", "sets"))
		var kinds []string
		if warm > 0 {
			kinds = append(kinds, plural(warm, "warm-up", "warm-ups"))
		}
		if drop > 0 {
			kinds = append(kinds, plural(drop, "drop set", "drop sets"))
		}
		if fail > 0 {
			kinds = append(kinds, fmt.Sprintf("%d to failure", fail))
		}
		if bw > 0 {
			kinds = append(kinds, fmt.Sprintf("%d bodyweight", bw))
		}
		if len(kinds) > 0 {
			fmt.Fprintf(&t, " (%s)", strings.Join(kinds, ", "))
		}
		t.WriteString(".")
	}
	if len(res.Checkins) > 0 || len(res.Deloads) > 0 {
		fmt.Fprintf(&t, "\n%s and %s.", plural(len(res.Checkins), "check-in", "check-ins"), plural(len(res.Deloads), "deload", "deloads"))
	}
	if res.Format != workoutcsv.Spotter {
		known, unknown := liftLines(res.Sets)
		if known != "" {
			t.WriteString("\nLifts: " + known + ".")
		}
		if unknown != "" {
			t.WriteString("\nNot in my lift table, kept as new lifts: " + unknown + ".")
		}
	}
	if unitLine != "" {
		t.WriteString("\n" + unitLine)
	}
	if s := skippedLine(res); s != "" {
		t.WriteString("\n" + s)
	}
	if s := badLines(res.Bad); s != "" {
		t.WriteString("\n" + s)
	}
	for _, n := range res.Notes {
		t.WriteString("\n" + n)
	}
	switch {
	case added == 0 && len(res.Sets) > 0:
		fmt.Fprintf(&t, "\nNothing new: all %s were already in your log.", plural(len(res.Sets), "set", "sets"))
	case already > 0:
		fmt.Fprintf(&t, "\nStored %s; %d were already in your log.", plural(added, "new set", "new sets"), already)
	case added > 0:
		fmt.Fprintf(&t, "\nStored %s.", plural(added, "set", "sets"))
	}
	if len(res.Checkins) > 0 {
		fmt.Fprintf(&t, " Stored %s", plural(checkins, "check-in", "check-ins"))
		if k := len(res.Checkins) - checkins; k > 0 {
			fmt.Fprintf(&t, " (%d days already had one)", k)
		}
		t.WriteString(".")
	}
	if added > 0 {
		t.WriteString(" Try /history or /chart LIFT.")
	}
	return t.String()
}

// unitNote is the import reply's line about units, "" when there is
// nothing to say. When the file states its unit, the line follows the file:
// a "Weight (kg)" file never hears that its loads are in lb, even where
// they are stored in lb as exact conversions of pounds.
func unitNote(res *workoutcsv.Result, yours, unit engine.Unit, unitGiven bool) string {
	if res.FileUnit == "" {
		if !strings.HasPrefix(res.Units, "assumed") {
			return "" // no loads at all
		}
		if unitGiven {
			return fmt.Sprintf("The file does not say its unit: loads read as %s, as you said.", unit)
		}
		other := otherOf(unit)
		t := fmt.Sprintf("The file does not say its unit: loads read as %s (your unit). If they are %s, tap Undo import and send the file with /import %s.", unit, other, other)
		if o := otherUnit(res.Sets, unit); o != "" {
			t += fmt.Sprintf("\nMost of these loads are exact %s values; if you lift in %s, /settings units %s.", o, o, o)
		}
		return t
	}
	var t []string
	if unitGiven && unit != res.FileUnit {
		t = append(t, fmt.Sprintf("The file gives its loads in %s, so I read them as %s: /import %s is for files that do not say their unit.", res.FileUnit, res.FileUnit, unit))
	}
	// Loads stored in your unit (exact conversions) need no setting change.
	if res.FileUnit != yours && otherUnit(res.Sets, yours) != "" {
		t = append(t, fmt.Sprintf("The file gives these loads in %s and your unit is %s; if you lift in %s, /settings units %s.", res.FileUnit, yours, res.FileUnit, res.FileUnit))
	}
	return strings.Join(t, "\n")
}

// otherUnit returns the unit most loaded sets are in when it is not u.
func otherUnit(sets []workoutcsv.Set, u engine.Unit) engine.Unit {
	n := map[engine.Unit]int{}
	for _, s := range sets {
		if s.Load.Milli != 0 {
			n[s.Load.Unit]++
		}
	}
	for unit, c := range n {
		if unit != u && 2*c > n[engine.Kg]+n[engine.Lb] {
			return unit
		}
	}
	return ""
}

// liftLines lists the lifts mapped from Spotter's table and the names kept
// as new lifts, most sets first.
func liftLines(sets []workoutcsv.Set) (known, unknown string) {
	type use struct {
		lift  string
		names map[string]bool
		n     int
	}
	by := map[string]*use{}
	unk := map[string]*use{}
	for _, s := range sets {
		m := by
		k := s.Lift
		if !s.Known {
			m, k = unk, s.Exercise
		}
		u := m[k]
		if u == nil {
			u = &use{lift: s.Lift, names: map[string]bool{}}
			m[k] = u
		}
		u.names[s.Exercise] = true
		u.n++
	}
	list := func(m map[string]*use, showName func(k string, u *use) string) string {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if m[keys[i]].n != m[keys[j]].n {
				return m[keys[i]].n > m[keys[j]].n
			}
			return keys[i] < keys[j]
		})
		var parts []string
		for i, k := range keys {
			if i == listCap {
				parts = append(parts, fmt.Sprintf("and %d more", len(keys)-listCap))
				break
			}
			parts = append(parts, showName(k, m[k]))
		}
		return strings.Join(parts, ", ")
	}
	known = list(by, func(k string, u *use) string {
		names := make([]string, 0, len(u.names))
		for n := range u.names {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) > 2 {
			names = append(names[:2], "...")
		}
		return fmt.Sprintf("%s %s (from %s)", k, plural(u.n, "set", "sets"), strings.Join(names, ", "))
	})
	unknown = list(unk, func(k string, u *use) string {
		return fmt.Sprintf("%s as %q (%d)", k, u.lift, u.n)
	})
	return known, unknown
}
