//go:build !unix

package build

import (
	"errors"
	"os"
)

// readCacheFile reads the cache file.
func readCacheFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, errors.New("not a file")
	}
	return os.ReadFile(name)
}
