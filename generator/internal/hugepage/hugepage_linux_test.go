package hugepage

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestWanted(t *testing.T) {
	for _, c := range []struct {
		name, thp, overcommit, godebug string
		limit                          int64
		want                           bool
	}{
		{"left to the program", "always [madvise] never\n", "0\n", "", math.MaxInt64, true},
		{"heuristic overcommit off", "always [madvise] never\n", "1\n", "", math.MaxInt64, true},
		{"every page huge already", "[always] madvise never\n", "0\n", "", math.MaxInt64, false},
		{"no huge pages", "always madvise [never]\n", "0\n", "", math.MaxInt64, false},
		{"strict overcommit", "always [madvise] never\n", "2\n", "", math.MaxInt64, false},
		{"runtime told to use small pages", "always [madvise] never\n", "0\n", "gctrace=0,disablethp=1", math.MaxInt64, false},
		{"memory limit set", "always [madvise] never\n", "0\n", "", 2 << 30, false},
		{"no such settings", "", "", "", math.MaxInt64, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GODEBUG", c.godebug)
			read := func(name string) string {
				switch name {
				case "/sys/kernel/mm/transparent_hugepage/enabled":
					return c.thp
				case "/proc/sys/vm/overcommit_memory":
					return c.overcommit
				}
				t.Fatalf("read %s", name)
				return ""
			}
			if got := wanted(read, c.limit); got != c.want {
				t.Errorf("wanted = %v, want %v", got, c.want)
			}
		})
	}
}

// The runtime zeroes an allocation that overlaps memory it allocated
// before, the whole of it: a span that began in a run freed at the top of
// the heap, as collections leave them, would be written over in small
// pages, hundreds of megabytes of them, before it is advised. reserve must
// touch no more than such a run.
func TestReserveTouchesNoFreshMemory(t *testing.T) {
	skipUnlessWanted(t)
	usedAndDropped(8 << 20) // at the top of the heap
	runtime.GC()
	const size = 128 << 20
	before := resident(t)
	reserve(size)
	if grown := resident(t) - before; grown > size/4 {
		t.Errorf("reserving %d MiB made %d MiB resident", size>>20, grown>>20)
	}
}

// After a reserve, a large allocation lands in the advised span: its mapping
// carries the kernel's "hg" flag (huge pages asked for). Its middle is
// checked, since the span's ends short of a huge page are not advised.
func TestReserveAdvisesTheHeap(t *testing.T) {
	skipUnlessWanted(t)
	if !reserve(64 << 20) {
		t.Fatal("reserve did not advise the heap")
	}
	runtime.GC() // frees the reserved span for the next allocation
	b := make([]byte, 16<<20)
	addr := uint64(uintptr(unsafe.Pointer(&b[len(b)/2])))
	flags := vmFlags(t, addr)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of the middle of a new 16 MiB allocation, %#x, has flags %q, without hg", addr, flags)
	}
	runtime.KeepAlive(b)
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(t *testing.T, addr uint64) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	holds := false
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && holds {
			return strings.TrimSpace(flags)
		}
		span, _, _ := strings.Cut(line, " ")
		lo, hi, ok := strings.Cut(span, "-")
		if !ok {
			continue
		}
		l, err1 := strconv.ParseUint(lo, 16, 64)
		h, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil {
			holds = l <= addr && addr < h
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// The span reserve allocates is gone when it returns, and does not
// count in the heap's next goal: a collection that took it for live would
// let the heap grow by twice its size before the next.
func TestReserveLeavesNoGoal(t *testing.T) {
	skipUnlessWanted(t)
	const size = 128 << 20
	before := gcCycles()
	if !reserve(size) {
		t.Fatal("reserve did not advise the heap")
	}
	if gcCycles() == before {
		t.Error("no collection finished since the span was allocated")
	}
	if goal := heapGoal(); goal >= size {
		t.Errorf("the heap's goal is %d MiB after a reserve of %d MiB", goal>>20, size>>20)
	}
}

func gcCycles() uint64 { return sample("/gc/cycles/total:gc-cycles") }

func heapGoal() uint64 { return sample("/gc/heap/goal:bytes") }

func sample(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// A process reserves once: one that builds more than once (the
// commands' tests do) does not allocate and collect a span each time.
func TestReserveHeapOnce(t *testing.T) {
	first := ReserveHeap(64 << 20)
	before := gcCycles()
	if again := ReserveHeap(64 << 20); again != first {
		t.Errorf("the second call reported %v, the first %v", again, first)
	}
	if gcCycles() != before {
		t.Error("the second call collected the heap again")
	}
}

// usedAndDropped allocates n bytes and writes to each page.
//
//go:noinline
func usedAndDropped(n int) {
	b := make([]byte, n)
	for i := 0; i < n; i += os.Getpagesize() {
		b[i] = 1
	}
}

// skipUnlessWanted skips a test of a reserve where the program would not
// make one. make test runs this package without the race detector too.
func skipUnlessWanted(t *testing.T) {
	t.Helper()
	switch {
	case raceDetector:
		t.Skip("the race detector's shadow memory counts as resident, and is what a reserve would touch")
	case !wanted(readFile, debug.SetMemoryLimit(-1)):
		t.Skip("this system does not leave huge pages to the program")
	}
}

// resident is the process's resident memory, in bytes.
func resident(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skipf("no statm: %v", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatal(err)
	}
	return pages * os.Getpagesize()
}
