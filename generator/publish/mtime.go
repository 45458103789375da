package publish

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// keepTime gives file f, just written under next, the modification time
// its twin under prev has, when their contents are the same. rsync, and
// the sync commands of cloud buckets, compare sizes and times: a file
// rebuilt byte for byte the same then is not uploaded again. Trouble
// reading prev (a first build, a file that is gone) only means the new
// time stays.
func keepTime(prev, next string, f File) {
	rel := filepath.FromSlash(f.Path)
	if fi, same := holding(filepath.Join(prev, rel), f.Body); same {
		_ = os.Chtimes(filepath.Join(next, rel), fi.ModTime(), fi.ModTime())
	}
}

// sameFile reports whether old is a regular file holding exactly body.
func sameFile(old string, body []byte) bool {
	_, same := holding(old, body)
	return same
}

// holding reports whether p is a regular file holding exactly body, with
// its information.
func holding(p string, body []byte) (fs.FileInfo, bool) {
	return holdingPieces(p, int64(len(body)), func(piece []byte) bool {
		same := bytes.HasPrefix(body, piece)
		body = body[min(len(piece), len(body)):]
		return same
	})
}

// holdingFrom is holding for the size bytes next reads.
func holdingFrom(p string, size int64, next io.Reader) (fs.FileInfo, bool) {
	want := pieces.Get().(*[]byte)
	defer pieces.Put(want)
	return holdingPieces(p, size, func(piece []byte) bool {
		n, _ := io.ReadFull(next, (*want)[:len(piece)])
		return bytes.Equal(piece, (*want)[:n])
	})
}

// holdingPieces reports whether p is a regular file of size bytes, each
// piece of which, read in turn, is as same says, with its information. It
// reads into a pooled buffer and stops at the first piece that differs: a
// build compares every file it makes with the last build's, and a copy of
// each would cost as much fresh memory as the whole output.
func holdingPieces(p string, size int64, same func(piece []byte) bool) (fs.FileInfo, bool) {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	buf := pieces.Get().(*[]byte)
	defer pieces.Put(buf)
	var read int64
	for {
		n, err := io.ReadFull(f, *buf)
		read += int64(n)
		if read > size || !same((*buf)[:n]) {
			return nil, false
		}
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return fi, read == size // the file may have changed since Lstat
		case err != nil:
			return nil, false
		}
	}
}

// pieces are holding's buffers.
var pieces = sync.Pool{New: func() any {
	b := make([]byte, 64<<10)
	return &b
}}
