package hugepage

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ReserveHeap makes the Go heap map size bytes at once, asks the kernel to
// back them with huge pages, and lets them go: the runtime keeps the
// mapping and places later allocations in it, lowest addresses first.
// Memory the heap maps later, beyond it, has small pages. Only the first
// call in a process reserves, and it reports whether it advised the heap.
//
// It does nothing where the kernel gives huge pages to all memory or to
// none, where the GODEBUG setting disablethp=1 asks the runtime for small
// pages, where a memory limit is set (GOMEMLIMIT: the span would press
// on it), where mapping memory before it is used could fail (strict
// overcommit), or under the race detector. It is meant for a process that
// ends with its build: in one that runs for hours, the kernel's background
// collapsing of huge pages would in time make the whole span resident.
func ReserveHeap(size int) bool {
	once.Do(func() { reserved = !raceDetector && wanted(readFile, debug.SetMemoryLimit(-1)) && reserve(size) })
	return reserved
}

var (
	once     sync.Once
	reserved bool
)

// reserve allocates the span, advises it and lets it go.
func reserve(size int) bool {
	// A collection among the allocations would only find them in use: it
	// would cost a few milliseconds each time the heap doubled, and set
	// the next goal at twice the span.
	gc := debug.SetGCPercent(-1)
	advised := advise(size)
	debug.SetGCPercent(gc)
	// A whole cycle now, with the span gone, frees it for the build's
	// allocations and sets the next goal by what is in use.
	runtime.GC()
	return advised
}

// chunk is the size of the pieces advise allocates the span in. The
// runtime zeroes an allocation that overlaps memory it allocated before,
// the whole of it, page by page: one span that began in a run freed at the
// top of the heap had all its hundreds of megabytes written over in small
// pages, seconds of page faults, before it could be advised. A piece that
// overlaps such a run is zeroed alone.
const chunk = 1 << 20

// advise allocates size bytes in chunks, most of them fresh from the
// system (mapped, not yet touched), and asks for huge pages for the whole
// ones in each run of chunks that follow one another in memory.
func advise(size int) bool {
	pieces := make([][]byte, size/chunk)
	starts := make([]uintptr, len(pieces))
	for i := range pieces {
		pieces[i] = make([]byte, chunk)
		starts[i] = uintptr(unsafe.Pointer(unsafe.SliceData(pieces[i])))
	}
	slices.Sort(starts)
	advised := false
	for len(starts) > 0 {
		n := 1
		for n < len(starts) && starts[n] == starts[n-1]+chunk {
			n++
		}
		lo, hi := roundUp(starts[0]), roundDown(starts[0]+uintptr(n)*chunk)
		if lo < hi {
			// The run spans several allocations: madvise takes it as the
			// range of addresses it is.
			_, _, errno := unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_HUGEPAGE)
			advised = advised || errno == 0
		}
		starts = starts[n:]
	}
	runtime.KeepAlive(pieces)
	return advised
}

// wanted reports whether advising the heap changes anything and is safe,
// from the system's settings as read reads them and the runtime's memory
// limit.
func wanted(read func(string) string, memoryLimit int64) bool {
	if memoryLimit != math.MaxInt64 {
		return false
	}
	if !strings.Contains(read("/sys/kernel/mm/transparent_hugepage/enabled"), "[madvise]") {
		return false
	}
	if strings.TrimSpace(read("/proc/sys/vm/overcommit_memory")) == "2" {
		return false
	}
	for _, s := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(s) == "disablethp=1" {
			return false
		}
	}
	return unsafe.Sizeof(uintptr(0)) == 8
}

func readFile(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
}
