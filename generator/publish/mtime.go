package publish

import (
	"bytes"
	"os"
	"path/filepath"
)

// keepTime gives file f, just written under next, the modification time
// its twin under prev has, when their contents are the same. rsync, and
// the sync commands of cloud buckets, compare sizes and times: a file
// rebuilt byte for byte the same then is not uploaded again. Trouble
// reading prev (a first build, a file that is gone) only means the new
// time stays.
func keepTime(prev, next string, f File) {
	rel := filepath.FromSlash(f.Path)
	old := filepath.Join(prev, rel)
	fi, err := os.Stat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(f.Body)) {
		return
	}
	body, err := os.ReadFile(old)
	if err != nil || !bytes.Equal(body, f.Body) {
		return
	}
	_ = os.Chtimes(filepath.Join(next, rel), fi.ModTime(), fi.ModTime())
}

// sameFile reports whether old is a regular file holding exactly body.
func sameFile(old string, body []byte) bool {
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(body)) {
		return false
	}
	b, err := os.ReadFile(old)
	return err == nil && bytes.Equal(b, body)
}
