//go:build !unix

package build

import (
	"io"
	"os"
)

// readCacheFile reads the n bytes at at of the cache file f. Its memory goes
// with the last reference to it.
func readCacheFile(f *os.File, at int64, n int) (data []byte, release func(), err error) {
	data = make([]byte, n)
	_, err = io.ReadFull(io.NewSectionReader(f, at, int64(n)), data)
	return data, func() {}, err
}
