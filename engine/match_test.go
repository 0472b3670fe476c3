package engine

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// The verdict's lines are values; tests name the ones they expect with
// these matchers. A want value matches a got value of its type when every
// field set in want (non-zero) equals got's; a Next is compared whole (its
// Lever only when want names one), and exact{v} compares every field, zero
// ones too. Floats match at the precision want is written in: 123.3 matches
// an e1RM of 123.33 as the text "123.3 kg" did, 0.05 a fraction of 0.0502.

// exact wraps a want value whose every field must match.
type exact struct{ v any }

// hasLine reports whether some reason, fact, prescription line, read-back or
// warning of v matches want.
func hasLine(v Verdict, want any) bool {
	ex := false
	if e, ok := want.(exact); ok {
		want, ex = e.v, true
	}
	var pool []any
	switch want.(type) {
	case Reason:
		pool = append(pool, v.Reason)
	case Fact:
		for _, f := range v.Evidence {
			pool = append(pool, f)
		}
	case Rx:
		for _, r := range v.Prescription {
			pool = append(pool, r)
		}
	case ReadBack:
		for _, r := range v.ReadBack {
			pool = append(pool, r)
		}
	case Warning:
		for _, w := range v.Warnings {
			pool = append(pool, w)
		}
	default:
		panic(fmt.Sprintf("hasLine: no lines of type %T", want))
	}
	for _, got := range pool {
		if matchValue(reflect.ValueOf(got), reflect.ValueOf(want), ex) {
			return true
		}
	}
	return false
}

// matches reports whether got matches want (see above); exact compares every field.
func matches(got, want any, exact bool) bool {
	return matchValue(reflect.ValueOf(got), reflect.ValueOf(want), exact)
}

func matchValue(got, want reflect.Value, ex bool) bool {
	switch want.Kind() {
	case reflect.Struct:
		whole := ex || want.Type() == reflect.TypeOf(Next{})
		for i := 0; i < want.NumField(); i++ {
			f := want.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			w := want.Field(i)
			if w.IsZero() && (!whole || (f.Name == "Lever" && !ex)) {
				continue
			}
			if !matchValue(got.Field(i), w, whole) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if want.IsNil() || got.IsNil() {
			return want.IsNil() == got.IsNil()
		}
		return matchValue(got.Elem(), want.Elem(), ex)
	case reflect.Array:
		for i := 0; i < want.Len(); i++ {
			if (ex || !want.Index(i).IsZero()) && !matchValue(got.Index(i), want.Index(i), ex) {
				return false
			}
		}
		return true
	case reflect.Float64:
		return floatMatch(got.Float(), want.Float())
	}
	return reflect.DeepEqual(got.Interface(), want.Interface())
}

// floatMatch compares got with want at the decimals want is written with.
func floatMatch(got, want float64) bool {
	if want == 0 {
		return math.Abs(got) < 1e-9
	}
	d := 0
	for ; d < 6; d++ {
		p := want * math.Pow10(d)
		if math.Abs(p-math.Round(p)) < 1e-9 {
			break
		}
	}
	return strconv.FormatFloat(got, 'f', d, 64) == strconv.FormatFloat(want, 'f', d, 64)
}

// mustHave fails unless v has a line matching each of want.
func mustHave(t interface {
	Helper()
	Errorf(string, ...any)
}, what string, v Verdict, want ...any) {
	t.Helper()
	for _, w := range want {
		if !hasLine(v, w) {
			t.Errorf("%s: no line matches %+v\nreason %+v\nevidence %+v\nprescription %+v\nread-back %+v", what, w,
				v.Reason, v.Evidence, v.Prescription, v.ReadBack)
		}
	}
}
