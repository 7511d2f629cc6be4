//go:build !race

package llm

// raceEnabled reports whether the tests run under the race detector, whose sync.Pool drops cached
// items at random: regexp then allocates its state at every match, and allocation figures mean little.
const raceEnabled = false
