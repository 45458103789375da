//go:build !unix

package build

import (
	"errors"
	"os"
)

// readCacheFile reads the cache file. Its memory goes with the last
// reference to it.
func readCacheFile(name string) (data []byte, release func(), err error) {
	fi, err := os.Stat(name)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, nil, errors.New("not a file")
	}
	data, err = os.ReadFile(name)
	return data, func() {}, err
}
