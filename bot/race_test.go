//go:build race

package bot

// raceEnabled: the race detector slows the bot 2-20x, so wall-clock bounds
// (Discord's 3 s window) are not checked under it; correctness still is.
const raceEnabled = true
