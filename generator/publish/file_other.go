//go:build !unix

package publish

import (
	"io"
	"os"
)

// createFile opens name for writing; flag adds os.O_CREATE and its kin.
func createFile(name string, flag int) (io.WriteCloser, error) {
	return os.OpenFile(name, flag|os.O_WRONLY, 0o644)
}
