package main

import (
	"runtime/debug"
	"testing"
)

// A build sets its own garbage collection target, unless the user chose
// one with GOGC.
func TestBuildGCTargetYieldsToGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		env  string
		want int
	}{{"", buildGCPercent}, {"100", 100}, {"off", 100}} {
		debug.SetGCPercent(100)
		t.Setenv("GOGC", c.env)
		collectSooner()
		if got := debug.SetGCPercent(100); got != c.want {
			t.Errorf("GOGC=%q: target %d%%, want %d%%", c.env, got, c.want)
		}
	}
}
