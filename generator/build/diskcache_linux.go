package build

import (
	"fmt"
	"io"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of the pages readCacheFile asks the system for.
const hugePage = 2 << 20

// readCacheFile reads the n bytes of the cache file f into memory of its
// own, outside the Go heap, asked of the system in huge pages where it
// gives them. Taken 4 KB at a time, as a mapping of the file or the heap
// takes it, memory costs a page fault each time, and over the tens of
// megabytes of a cache that costs more than the reading:
// BenchmarkLoadCache, 2 x 1,000 chapters (a 50 MB cache), 56 ms mapped,
// 45 ms so. Unless released, the memory stays, as the pages and
// conversions taken from the cache point into it for as long as a build
// keeps them.
func readCacheFile(f *os.File, n int) (data []byte, release func(), err error) {
	// One huge page more than needed, so that the buffer can start at a
	// huge page's boundary: only whole, aligned ones are given.
	mem, err := unix.Mmap(-1, 0, n+hugePage, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return nil, nil, fmt.Errorf("memory for the cache: %w", err)
	}
	release = func() { unix.Munmap(mem) }
	buf := mem[hugeStart(mem) : hugeStart(mem)+n]
	// Without huge pages (a system that has them off), the memory is the
	// same, only slower to fill.
	_ = unix.Madvise(buf, unix.MADV_HUGEPAGE)
	if _, err := io.ReadFull(f, buf); err != nil {
		release()
		return nil, nil, err
	}
	// Read-only from here, as a mapping of the file would be: what is
	// taken from the cache is shared, never written.
	if err := unix.Mprotect(mem, unix.PROT_READ); err != nil {
		release()
		return nil, nil, fmt.Errorf("memory for the cache: %w", err)
	}
	return buf, release, nil
}

// hugeStart is how far into mem the first huge page starts.
func hugeStart(mem []byte) int {
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	return int((hugePage - addr%hugePage) % hugePage)
}
