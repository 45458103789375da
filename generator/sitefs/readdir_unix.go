//go:build unix

package sitefs

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
)

// readDir lists folder name, which check found a folder, with each entry's
// type as the folder's listing gives it. A folder opened through an
// os.Root has every entry stat'ed as it is listed, a system call per file
// of the site: most of the time of listing a thousand chapters. Listed
// through a copy of the same descriptor, it is stat'ed only where the file
// system gives no type, relative to the folder; and an entry's Info goes
// through the site's root like every other look at a file.
func (f *FS) readDir(name string) ([]fs.DirEntry, error) {
	if f.root == nil {
		return fs.ReadDir(f.base, name)
	}
	dir, err := f.root.Open(name)
	if err != nil {
		return nil, sitePath(err, name)
	}
	defer dir.Close()
	fd, err := syscall.Dup(int(dir.Fd()))
	if err != nil {
		return fs.ReadDir(f.base, name)
	}
	plain := os.NewFile(uintptr(fd), name)
	defer plain.Close()
	list, err := plain.ReadDir(-1)
	entries := make([]fs.DirEntry, len(list))
	for i, e := range list {
		entries[i] = entry{DirEntry: e, fsys: f, path: path.Join(name, e.Name())}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// entry is an entry of a folder's listing whose Info asks the site's root.
type entry struct {
	fs.DirEntry
	fsys *FS
	path string
}

func (e entry) Info() (fs.FileInfo, error) { return e.fsys.lstat(e.path) }
