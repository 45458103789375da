package gcfloor

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

var kept [][]byte

// Below the floor nothing is collected; the first collection puts GOGC
// back.
func TestFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Set(256 << 20)
	for range 64 { // 64 MB, which GOGC=100 collects several times
		kept = append(kept, make([]byte, 1<<20))
	}
	kept = nil
	runtime.ReadMemStats(&after)
	if after.NumGC != before.NumGC {
		t.Errorf("%d collections below the floor", after.NumGC-before.NumGC)
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatal("GOGC was not put back after a collection")
		}
		time.Sleep(time.Millisecond)
	}
}

// GOGC from the environment is left as it is.
func TestFloorLeavesTheEnvironmentsGOGC(t *testing.T) {
	t.Setenv("GOGC", "200")
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	Set(1 << 30)
	if got := gcPercent(); got != 200 {
		t.Errorf("GOGC %d, want 200 as it was", got)
	}
}

// gcPercent reads GOGC's setting, which has no getter of its own.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}
