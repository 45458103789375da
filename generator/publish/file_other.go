//go:build !unix

package publish

import (
	"io"
	"io/fs"
	"os"
)

// createFile opens name for writing; flag adds os.O_CREATE and its kin.
func createFile(name string, flag int) (io.WriteCloser, error) {
	return os.OpenFile(name, flag|os.O_WRONLY, 0o644)
}

// openRegular opens name for reading if it is a regular file, with its
// size and modification time; it follows no link.
func openRegular(name string) (io.ReadCloser, fileInfo, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, fileInfo{}, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fileInfo{}, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileInfo{}, err
	}
	return f, fileInfo{size: fi.Size(), modTime: fi.ModTime()}, nil
}
