//go:build !race

package hugepage

// raceDetector is whether the race detector is built in: it shadows every
// allocation in memory of its own, which a reserve would fill.
const raceDetector = false
