//go:build !unix

package build

import (
	"io"
	"os"
)

// readCacheFile reads the n bytes of the cache file f. Its memory goes
// with the last reference to it.
func readCacheFile(f *os.File, n int) (data []byte, release func(), err error) {
	data = make([]byte, n)
	_, err = io.ReadFull(f, data)
	return data, func() {}, err
}
