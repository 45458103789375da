//go:build unix && !linux

package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// readCacheFile maps the cache file into memory rather than reading it: its
// pages are those of the system's file cache, not copied, where reading it
// would first fault in as much fresh memory as the file is long. Unless
// released, the mapping stays, as the pages and conversions taken from the
// cache point into it for as long as a build keeps them; it stays valid
// because the file is only ever replaced, by a rename, never changed in
// place.
func readCacheFile(name string) (data []byte, release func(), err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, nil, err
	case !fi.Mode().IsRegular():
		return nil, nil, errors.New("not a file")
	case fi.Size() == 0 || int64(int(fi.Size())) != fi.Size():
		return nil, func() {}, nil
	}
	data, err = unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
	return data, func() { unix.Munmap(data) }, err
}
