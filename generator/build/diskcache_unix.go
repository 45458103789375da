//go:build unix && !linux

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// readCacheFile maps the n bytes of the cache file f into memory rather
// than reading them: its pages are those of the system's file cache, not
// copied, where reading them would first fault in as much fresh memory as
// the file is long. Unless released, the mapping stays, as the pages and
// conversions taken from the cache point into it for as long as a build
// keeps them; it stays valid because the file is only ever replaced, by a
// rename, never changed in place.
func readCacheFile(f *os.File, n int) (data []byte, release func(), err error) {
	data, err = unix.Mmap(int(f.Fd()), 0, n, unix.PROT_READ, unix.MAP_SHARED)
	return data, func() { unix.Munmap(data) }, err
}
