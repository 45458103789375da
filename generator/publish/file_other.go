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

// lstatRegular tells the size and modification time of name when it is a
// regular file, following no link.
func lstatRegular(name string) (fileInfo, bool) {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return fileInfo{}, false
	}
	return fileInfo{size: fi.Size(), modTime: fi.ModTime()}, true
}

// openRegular opens name for reading if it is a regular file, with its
// size and modification time; it follows no link.
func openRegular(name string) (io.ReadCloser, fileInfo, error) {
	info, ok := lstatRegular(name)
	if !ok {
		return nil, fileInfo{}, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileInfo{}, err
	}
	return f, info, nil
}
