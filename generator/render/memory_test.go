package render

import (
	"errors"
	"io"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"lentera/generator/site"
)

// The server gives the stopped layouts' memory back when a page failed
// over limits.memory, which it finds in the error's chain.
func TestMemoryErrorIsErrMemory(t *testing.T) {
	r := &Renderer{}
	if err := r.overLimitError(&overLimit{what: "over", key: "limits.memory"}, Job{URL: "/id/"}, 0); !errors.Is(err, ErrMemory) {
		t.Errorf("%v is not ErrMemory", err)
	}
	if err := r.overLimitError(&overLimit{what: "over", key: "limits.pageTime"}, Job{URL: "/id/"}, 0); errors.Is(err, ErrMemory) {
		t.Errorf("%v is ErrMemory", err)
	}
}

var sink []byte

// Garbage not collected yet, which a build lets pile up to its first
// collection, does not count against limits.memory.
func TestGarbageIsNotHeld(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	limit := heapHeld() + 32<<20
	for range 64 {
		sink = make([]byte, 1<<20)
	}
	sink = nil
	r := &Renderer{site: &site.Site{Config: &site.Config{Memory: limit}}}
	err := r.within(&gate{w: io.Discard}, func() error {
		time.Sleep(3 * memoryPoll)
		return nil
	})
	if err != nil {
		t.Errorf("64 MB of garbage over a limit 32 MB above the heap: %v", err)
	}
}
