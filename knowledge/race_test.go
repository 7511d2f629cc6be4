//go:build race

package knowledge

// raceEnabled: the race detector changes what allocates (sync.Pool drops items), so heap bounds
// are not checked under it.
const raceEnabled = true
