package workoutcsv

import (
	"fmt"
	"strings"

	"github.com/spotterbot/spotter/engine"
)

// Strong translates its headers into the app's language (the French and
// German exports in shared/data/imports), so its columns are found by
// name in any of these spellings. Names are compared lower-cased with a
// trailing unit in parentheses removed ("Weight (kg)" is "weight").
var strongNames = map[string][]string{
	"date":         {"date", "datum", "fecha", "data", "datum/tijd"},
	"workout":      {"workout name", "nom de l'entraînement", "workout-name", "nombre del entrenamiento", "nome dell'allenamento", "nome do treino", "naam training", "trainingsname"},
	"duration":     {"duration", "durée", "dauer", "duración", "durata", "duração", "duur", "workout duration"},
	"exercise":     {"exercise name", "nom de l'exercice", "name der übung", "nombre del ejercicio", "nome dell'esercizio", "nome do exercício", "naam oefening", "übungsname"},
	"setorder":     {"set order", "ordre de la série", "reihenfolge festlegen", "satzreihenfolge", "orden de la serie", "orden de serie", "ordine della serie", "ordem da série", "setvolgorde"},
	"weight":       {"weight", "poids", "gewicht", "peso"},
	"weightunit":   {"weight unit", "unité de poids", "gewichtseinheit", "unidad de peso"},
	"reps":         {"reps", "réps", "wiederh.", "wiederholungen", "repeticiones", "reps.", "ripetizioni", "repetições", "herhalingen"},
	"distance":     {"distance", "entfernung", "distancia", "distanza", "distância", "afstand"},
	"distanceunit": {"distance unit", "unité de distance", "entfernungseinheit"},
	"seconds":      {"seconds", "secondes", "sekunden", "segundos", "secondi", "seconden"},
	"notes":        {"notes", "notizen", "notas", "note", "notities"},
	"workoutnotes": {"workout notes", "notes d'entraînement", "workout-notizen", "notas del entrenamiento", "note dell'allenamento", "notas do treino"},
	"rpe":          {"rpe"},
	"workoutnum":   {"workout #"},
}

// strongClassic is the column order of Strong's classic 12-column and newer
// 10-column exports, used when a header is in a language not listed above.
var (
	strongClassic = []string{"date", "workout", "duration", "exercise", "setorder", "weight", "reps", "distance", "seconds", "notes", "workoutnotes", "rpe"}
	strong10      = []string{"date", "workout", "duration", "exercise", "setorder", "weight", "reps", "distance", "seconds", "rpe"}
)

// headerName lower-cases a header cell and splits off a unit in
// parentheses: "Weight (kg)" -> "weight", "kg".
func headerName(h string) (name, unit string) {
	h = strings.ToLower(strings.Join(strings.Fields(h), " "))
	if i := strings.LastIndex(h, " ("); i > 0 && strings.HasSuffix(h, ")") {
		return h[:i], h[i+2 : len(h)-1]
	}
	return h, ""
}

// columns maps logical column names to indexes; absent columns are -1.
type columns map[string]int

func (c columns) get(name string) int {
	if i, ok := c[name]; ok {
		return i
	}
	return -1
}

// cell returns the trimmed value of a logical column, "" when absent.
func (c columns) cell(rec []string, name string) string {
	i := c.get(name)
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func indexOf(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		n, _ := headerName(h)
		if _, dup := m[n]; !dup {
			m[n] = i
		}
	}
	return m
}

// detect picks the parser for a header.
func detect(header []string, delim rune) (parser, error) {
	idx := indexOf(header)
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := idx[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case len(header) > 0 && strings.EqualFold(header[0], "record") && has("lift", "weight_exact"):
		return &spotterParser{cols: idx}, nil
	case has("exercise_title", "start_time", "set_type", "reps"):
		return newHevy(header, idx)
	case has("workout datetime", "exercise", "completed reps"):
		return &liftosaurParser{cols: idx}, nil
	case has("date", "exercise", "category", "reps"):
		return newFitNotes(header, idx)
	}
	if p := newStrong(header, delim); p != nil {
		return p, nil
	}
	shown := strings.Join(header, string(delim))
	if len(shown) > 200 {
		shown = shown[:200] + "..."
	}
	return nil, &FormatError{Problem: fmt.Sprintf("I don't recognise this file's header (%s). I read exports from %s.", shown, expected)}
}

// newStrong finds Strong's columns by name, or by position for a classic
// layout in another language. It returns nil when the header is not Strong's.
func newStrong(header []string, delim rune) *strongParser {
	cols := columns{}
	headerUnit := engine.Unit("")
	for i, h := range header {
		n, u := headerName(h)
		for logical, names := range strongNames {
			for _, want := range names {
				if n == want {
					if _, dup := cols[logical]; !dup {
						cols[logical] = i
					}
					if logical == "weight" {
						headerUnit = unitWord(u)
					}
				}
			}
		}
	}
	required := []string{"date", "exercise", "setorder", "weight", "reps"}
	ok := true
	for _, r := range required {
		if cols.get(r) < 0 {
			ok = false
		}
	}
	byPosition := false
	if !ok {
		last, _ := headerName(header[len(header)-1])
		var order []string
		switch {
		case len(header) == len(strongClassic) && last == "rpe":
			order = strongClassic
		case len(header) == len(strong10) && last == "rpe":
			order = strong10
		default:
			return nil
		}
		cols = columns{}
		for i, n := range order {
			cols[n] = i
		}
		byPosition = true
	}
	var layout []string
	switch {
	case cols.get("workoutnum") >= 0:
		layout = append(layout, `"Workout #" layout`)
	case cols.get("weightunit") >= 0:
		layout = append(layout, "unit columns")
	case cols.get("notes") < 0:
		layout = append(layout, "10 columns")
	default:
		layout = append(layout, "classic")
	}
	if delim == ';' {
		layout = append(layout, "semicolons")
	}
	if n, _ := headerName(header[cols.get("exercise")]); n != "exercise name" || byPosition {
		layout = append(layout, "translated headers")
	}
	return &strongParser{cols: cols, headerUnit: headerUnit, layout: strings.Join(layout, ", ")}
}
