//go:build !race

package main

// raceEnabled reports whether the tests run under the race detector, which slows them several-fold.
const raceEnabled = false
