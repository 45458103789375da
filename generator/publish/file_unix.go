//go:build unix

package publish

import (
	"io"
	"io/fs"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// rawFile is a file read or written with plain system calls. An os.File
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
	fd, err := openRetrying(name, flag|syscall.O_WRONLY|syscall.O_CLOEXEC)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return rawFile{fd, name}, nil
}

// openRegular opens name for reading if it is a regular file, with its
// size and modification time. It follows no link and does not wait on a
// pipe: the old output is read this way, and a file there may be anything.
func openRegular(name string) (io.ReadCloser, fileInfo, error) {
	fd, err := openRetrying(name, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC)
	if err != nil {
		return nil, fileInfo{}, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	// x/sys/unix's Stat_t, whose times are Mtim on every Unix, where
	// syscall's are Mtimespec on macOS and the BSDs.
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		syscall.Close(fd)
		return nil, fileInfo{}, &fs.PathError{Op: "open", Path: name, Err: syscall.EINVAL}
	}
	return rawFile{fd, name}, fileInfo{size: st.Size, modTime: time.Unix(st.Mtim.Unix())}, nil
}

// lstatRegular tells the size and modification time of name when it is a
// regular file, following no link. Unlike os.Lstat it allocates no
// FileInfo: a build after an edit asks this of every file it keeps.
func lstatRegular(name string) (fileInfo, bool) {
	var st unix.Stat_t
	err := unix.Lstat(name, &st)
	for err == unix.EINTR {
		err = unix.Lstat(name, &st)
	}
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return fileInfo{}, false
	}
	return fileInfo{size: st.Size, modTime: time.Unix(st.Mtim.Unix())}, true
}

func openRetrying(name string, flag int) (int, error) {
	for {
		fd, err := syscall.Open(name, flag, 0o644)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func (f rawFile) Read(b []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0 && len(b) > 0:
			return 0, io.EOF
		}
		return n, nil
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
