//go:build unix && !linux

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// readCacheFile maps the n bytes at at of the cache file f into memory rather
// than reading them: its pages are those of the system's file cache, not
// copied, where reading them would first fault in as much fresh memory as
// the file is long. Unless released, the mapping stays, as the pages and
// conversions taken from the cache point into it for as long as a build
// keeps them; it stays valid because the file is only ever replaced, by a
// rename, never changed in place.
func readCacheFile(f *os.File, at int64, n int) (data []byte, release func(), err error) {
	// A mapping starts at a page's boundary.
	from := at &^ int64(os.Getpagesize()-1)
	mem, err := unix.Mmap(int(f.Fd()), from, int(at-from)+n, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return mem[at-from:], func() { unix.Munmap(mem) }, nil
}
