package hugepage

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ReserveHeap makes the Go heap map size bytes at once, asks the kernel to
// back them with huge pages, and lets them go: the runtime keeps the
// mapping and places later allocations in it, lowest addresses first.
// Memory the heap maps later, beyond it, has small pages. It does nothing
// where the kernel gives huge pages to all memory or to none, where the
// GODEBUG setting disablethp=1 asks the runtime for small pages, or where
// mapping memory before it is used could fail (strict overcommit). Only
// the first call in a process reserves; it reports whether that call
// advised the heap.
func ReserveHeap(size int) bool {
	once.Do(func() { reserved = wanted(readFile) && reserve(size) })
	return reserved
}

var (
	once     sync.Once
	reserved bool
)

// reserve allocates the span, advises it and lets it go.
func reserve(size int) bool {
	advised := advise(size)
	// The allocation started a collection, which may have found the span
	// in use and set the next one's goal at twice its size: the heap would
	// then grow by that much before it is collected again. A whole cycle
	// from here, with the span gone, sets the goal by what is in use.
	runtime.GC()
	return advised
}

// advise allocates size bytes, fresh from the system (mapped, not yet
// touched), and asks for huge pages for the whole ones among them.
func advise(size int) bool {
	span := make([]byte, size)
	lo := Offset(span)
	hi := lo + (size-lo)/Size*Size
	if hi <= lo {
		return false
	}
	return unix.Madvise(span[lo:hi], unix.MADV_HUGEPAGE) == nil
}

// wanted reports whether advising the heap changes anything and is safe,
// from the system's settings as read reads them.
func wanted(read func(string) string) bool {
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
