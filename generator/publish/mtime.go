package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
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
		_ = os.Chtimes(filepath.Join(next, rel), fi.modTime, fi.modTime)
	}
}

// sameFile reports whether old is a regular file holding exactly body.
func sameFile(old string, body []byte) bool {
	_, same := holding(old, body)
	return same
}

// fileInfo is what holding tells of a file besides its bytes.
type fileInfo struct {
	size    int64
	modTime time.Time
}

// holding reports whether p is a regular file holding exactly body, with
// its information.
func holding(p string, body []byte) (fileInfo, bool) {
	return holdingPieces(p, int64(len(body)), func(piece []byte) bool {
		same := bytes.HasPrefix(body, piece)
		body = body[min(len(piece), len(body)):]
		return same
	})
}

// holdingFrom is holding for the size bytes next reads.
func holdingFrom(p string, size int64, next io.Reader) (fileInfo, bool) {
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
// each would cost as much fresh memory as the whole output. Each read asks
// for one byte more than the file should have left, so that a short read
// (a regular file's end) ends the comparison without one more call to
// find the end: those calls are a good part of a build over a previous
// one, which makes thousands of files.
func holdingPieces(p string, size int64, same func(piece []byte) bool) (fileInfo, bool) {
	f, fi, err := openRegular(p)
	if err != nil {
		return fileInfo{}, false
	}
	defer f.Close()
	if fi.size != size {
		return fileInfo{}, false
	}
	buf := pieces.Get().(*[]byte)
	defer pieces.Put(buf)
	var read int64
	for {
		want := int(min(int64(len(*buf)), size-read+1))
		n, err := f.Read((*buf)[:want])
		read += int64(n)
		switch {
		case read > size || !same((*buf)[:n]):
			return fileInfo{}, false
		case err == io.EOF || (err == nil && n < want):
			// The file may have changed since it was opened.
			return fi, read == size
		case err != nil:
			return fileInfo{}, false
		}
	}
}

// pieces are holding's buffers.
var pieces = sync.Pool{New: func() any {
	b := make([]byte, 64<<10)
	return &b
}}
