package build

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"lentera/generator/internal/hugepage"
)

// readCacheFile reads the n bytes at at of the cache file f into memory of its
// own, outside the Go heap, asked of the system in huge pages where it
// gives them. Taken 4 KB at a time, as a mapping of the file or the heap
// takes it, memory costs a page fault each time, and over the tens of
// megabytes of a cache that costs more than the reading:
// BenchmarkLoadCache, 2 x 1,000 chapters (a 50 MB cache), 56 ms mapped,
// 45 ms so. Unless released, the memory stays, as the pages and
// conversions taken from the cache point into it for as long as a build
// keeps them.
func readCacheFile(f *os.File, at int64, n int) (data []byte, release func(), err error) {
	// One huge page more than needed, so that the buffer can start at a
	// huge page's boundary: only whole, aligned ones are given.
	mem, err := unix.Mmap(-1, 0, n+hugepage.Size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return nil, nil, fmt.Errorf("memory for the cache: %w", err)
	}
	release = func() { unix.Munmap(mem) }
	start := hugepage.Offset(mem)
	buf := mem[start : start+n]
	// Without huge pages (a system that has them off), the memory is the
	// same, only slower to fill.
	_ = unix.Madvise(buf, unix.MADV_HUGEPAGE)
	if _, err := io.ReadFull(io.NewSectionReader(f, at, int64(n)), buf); err != nil {
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
