//go:build race

package workoutcsv

const raceEnabled = true
