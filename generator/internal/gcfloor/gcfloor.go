// Package gcfloor spares a process that runs one build the garbage
// collections of its first megabytes.
//
// The runtime starts with a heap goal of 4 MB and sets the next at about
// twice what the last collection left, so a build collects each time its
// heap about doubles even when it ends at 100 MB: a build of 2 x 1,000
// chapters after an edit collected six times, and without collections it
// took a tenth less time. Below a floor, a build that ends with its
// process gains nothing from giving memory back.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
)

// minimumGoal is the runtime's smallest heap goal at GOGC=100. It scales
// with GOGC, which is how Set raises it: a memory limit would do the same
// only by counting, and so giving back, the free heap that
// hugepage.ReserveHeap keeps.
const minimumGoal = 4 << 20

// Set stops collections until the heap reaches about floor bytes, when
// what it holds is small to begin with. The first collection, whatever
// starts it, puts back the GOGC there was, so that a build larger than
// the floor is collected from then on as it was without it. Where GOGC is
// set in the environment, Set leaves the runtime as it is.
func Set(floor int64) {
	if os.Getenv("GOGC") != "" || floor <= minimumGoal {
		return
	}
	percent := debug.SetGCPercent(int(floor * 100 / minimumGoal))
	// A cleanup runs once the collector has found its object unreachable,
	// which this one is at once. An object with a pointer is never one of
	// the tiny allocations that share a block, whose cleanups may not run.
	runtime.AddCleanup(&sentinel{}, func(int) { debug.SetGCPercent(percent) }, 0)
}

type sentinel struct{ _ *int }
