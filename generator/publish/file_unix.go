//go:build unix

package publish

import (
	"io"
	"io/fs"
	"syscall"
)

// rawFile is an output file written with plain system calls. An os.File
// registers every file it opens with the runtime's network poller, which
// on Linux costs four fcntl calls and a failing epoll_ctl for a regular
// file: more system calls than opening, writing and closing it, for each
// of the thousands of files of a site.
type rawFile struct {
	fd   int
	name string
}

// createFile opens name for writing; flag adds os.O_CREATE and its kin.
func createFile(name string, flag int) (io.WriteCloser, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_WRONLY|syscall.O_CLOEXEC, 0o644)
		switch err {
		case nil:
			return rawFile{fd, name}, nil
		case syscall.EINTR:
			continue
		default:
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
}

func (f rawFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := syscall.Write(f.fd, b[n:])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		case m == 0:
			return n, &fs.PathError{Op: "write", Path: f.name, Err: io.ErrShortWrite}
		}
		n += m
	}
	return n, nil
}

func (f rawFile) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
