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
// its information. It reads the file a piece at a time into a pooled
// buffer and stops at the first piece that differs: a build compares every
// file it makes with the last build's, and a copy of each would cost as
// much fresh memory as the whole output.
func holding(p string, body []byte) (fs.FileInfo, bool) {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(body)) {
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	buf := pieces.Get().(*[]byte)
	defer pieces.Put(buf)
	for {
		n, err := io.ReadFull(f, *buf)
		if n > len(body) || !bytes.Equal((*buf)[:n], body[:n]) {
			return nil, false
		}
		body = body[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return fi, len(body) == 0
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
