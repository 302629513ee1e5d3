//go:build race

package index

// raceEnabled says the race detector is on: tests that build large
// synthetic corpora skip, being slow enough without it.
const raceEnabled = true
