package publish

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lentera/generator/internal/parallel"
)

// Write makes dir hold exactly files, and the marker. They are written to a
// new folder beside dir, which takes dir's place in one step once every file
// is written: a build that fails or is killed leaves dir as it was, dir is
// never missing, and files of removed pages do not linger. dir is replaced
// only when it is missing, empty or holds the marker; see CheckOut for the
// checks that need the site folder too.
func Write(dir string, files []File) error {
	st, err := NewStage(dir)
	if err != nil {
		return err
	}
	if err := putAll(st, files); err != nil {
		st.Abort()
		return err
	}
	_, err = st.Commit()
	return err
}

// Stage is an output folder being written: each file goes into a new
// folder beside it as soon as it is made, so a build need not hold the
// whole site in memory, and Commit puts the new folder in the place of
// the old in one step. Until then the old folder is untouched.
type Stage struct {
	real, tmp string
	unlock    func()
	dirs      sync.Map     // folders made so far, so each is made once
	hasOld    bool         // a previous build is there to keep times from
	record    Record       // what the previous build wrote, when known
	kept      Record       // what tmp holds when it started as a kept build (see keep.go)
	folder    Folder       // tmp's, taken once Commit has put it in place
	put       pathSet      // the paths Put, when tmp started as a kept build
	parts     atomic.Int64 // names the files PutFrom is writing
}

// Record is what a build wrote into an output folder. With it, the next
// build takes a file there as the one it needs without reading it, as
// long as its size is the same and it has not been modified since.
type Record struct {
	Dir    string             // the output folder, its links resolved
	Folder Folder             // the folder the build was written into, now at Dir
	At     time.Time          // when the build was put in place
	Files  map[string]Written // by path
}

// Folder tells one folder from another on the same machine, whatever
// its name; the zero Folder is none. A build killed once its folder is in
// place, before its record is saved, leaves the record of the build
// before it: the folder at Dir is then not the record's, and the files
// there, some older than the record and of the same size as the ones it
// names, are not taken for them. The inode alone would not do: a folder
// removed and another made in its place (rm -r, then cp -a) often gets
// the same number. The time the folder last changed tells them apart, as
// it changes too when an entry of the folder is added, removed or renamed.
type Folder struct {
	Dev, Ino uint64
	Changed  int64 // the inode's change time, in nanoseconds
}

// Is reports whether the folder at p is f.
func (f Folder) Is(p string) bool { return f != Folder{} && folderOf(p) == f }

// Folder is the folder the build went into, once Commit has put it in
// place.
func (st *Stage) Folder() Folder { return st.folder }

// Dir is the output folder, its links resolved.
func (st *Stage) Dir() string { return st.real }

// Written is what a staged file leaves behind once its body is gone.
type Written struct {
	Path string
	Size int64
	Sum  [32]byte // SHA-256 of the body
}

// NewStage starts writing a new build of output folder dir; see Write.
func NewStage(dir string) (*Stage, error) {
	real, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("publish: output folder %s: %w", dir, err)
	}
	parent, base := filepath.Split(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	// Two builds into one folder take turns, so neither takes the other's
	// temporary folder for a leftover.
	unlock := lockDir(parent)
	fail := func(err error) (*Stage, error) {
		unlock()
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := checkOwned(dir, real); err != nil {
		return fail(err)
	}
	if err := removeLeftovers(parent, base); err != nil {
		return fail(err)
	}
	tmp, err := os.MkdirTemp(parent, newPrefix(base))
	if err != nil {
		return fail(err)
	}
	_, err = os.Stat(real)
	return &Stage{real: real, tmp: tmp, unlock: unlock, hasOld: err == nil}, nil
}

// Put writes one file of the new build. A file the same as its twin in
// the old output is a link to the twin, which costs no writing, or where
// links cannot be made a copy with the twin's modification time (see
// keepTime). It is safe for concurrent use.
func (st *Stage) Put(f File) (Written, error) {
	w := Summary(f)
	if st.keeps(w) {
		return w, nil
	}
	linked, err := st.link(f, w)
	if err == nil && !linked {
		err = st.write(f)
		if err == nil && st.hasOld {
			keepTime(st.real, st.tmp, f)
		}
	}
	if err != nil {
		return Written{}, fmt.Errorf("publish: %w", err)
	}
	return w, nil
}

// Summary is f as Put leaves it.
func Summary(f File) Written {
	return Written{Path: f.Path, Size: int64(len(f.Body)), Sum: sha256.Sum256(f.Body)}
}

// Commit writes the marker and puts the new build in the place of the old.
// The old one is kept beside it when its record is known, for the next
// build to start from; kept is then its record.
func (st *Stage) Commit() (kept Record, err error) {
	defer st.unlock()
	err = st.prune()
	if err == nil {
		err = st.write(File{Path: Marker, Body: []byte(markerText)})
	}
	if err == nil {
		err = os.Chmod(st.tmp, 0o755)
	}
	if err != nil {
		return Record{}, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(st.tmp))
	}
	exchanged, err := swap(st.real, st.tmp)
	if err == nil {
		// Taken once in place: moving a folder changes its change time.
		st.folder = folderOf(st.real)
	}
	if err != nil || !exchanged {
		return Record{}, err
	}
	// st.tmp now holds the previous build.
	return st.keep(), nil
}

// Abort drops the new build and leaves the old output as it was.
func (st *Stage) Abort() {
	defer st.unlock()
	os.RemoveAll(st.tmp)
}

// The temporary folders beside the output folder public are
// .public.new-<digits>, a build being written, and .public.old-<digits>,
// the previous build on its way out where folders cannot be exchanged.
func newPrefix(base string) string { return "." + base + ".new-" }
func oldPrefix(base string) string { return "." + base + ".old-" }

// removeLeftovers removes the temporary folders of builds that were killed
// before they could clean up: only folders beside the output folder, named
// as Write names them.
func removeLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !isTemp(e.Name(), base) {
			continue
		}
		errs = append(errs, os.RemoveAll(filepath.Join(parent, e.Name())))
	}
	return errors.Join(errs...)
}

// isTemp says whether name is one of Write's temporary folders for base:
// a prefix, then only the digits os.MkdirTemp puts in place of its "*".
func isTemp(name, base string) bool {
	for _, prefix := range []string{newPrefix(base), oldPrefix(base)} {
		rest, ok := strings.CutPrefix(name, prefix)
		if ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

// swap puts folder next in the place of dir, exchanging the two in one step
// where the system can, so that dir always holds a whole build. exchanged
// says that next holds the previous build then, left for the caller; else
// next is gone.
func swap(dir, next string) (exchanged bool, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(next, dir); err != nil {
			return false, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(next))
		}
		return false, nil
	}
	err = exchange(next, dir)
	if err == nil {
		return true, nil
	}
	if !errors.Is(err, errNoExchange) {
		return false, errors.Join(fmt.Errorf("publish: replace %s: %w", dir, err), os.RemoveAll(next))
	}
	return false, swapByRenames(dir, next)
}

// swapByRenames is swap where the system cannot exchange two folders: dir
// is missing between the two renames.
func swapByRenames(dir, next string) error {
	parent, base := filepath.Split(dir)
	aside, err := os.MkdirTemp(parent, oldPrefix(base))
	if err != nil {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(next))
	}
	old := filepath.Join(aside, base)
	if err := os.Rename(dir, old); err != nil {
		return errors.Join(fmt.Errorf("publish: move the previous output aside: %w", err), os.RemoveAll(next), os.RemoveAll(aside))
	}
	if err := os.Rename(next, dir); err != nil {
		return errors.Join(fmt.Errorf("publish: %w", err), os.Rename(old, dir), os.RemoveAll(next))
	}
	os.RemoveAll(aside) // as in swap, a leftover for the next build
	return nil
}

// putAll stages files.
func putAll(st *Stage, files []File) error {
	return EachFolder(files, func(i int) error {
		_, err := st.Put(files[i])
		return err
	})
}

// EachFolder calls put for each of files, on every processor, but for the
// files of one folder one after the other. Files created side by side in
// one folder wait on the folder's lock, which ext4 spins on; written a
// folder to a thread, they do not.
func EachFolder(files []File, put func(i int) error) error {
	groups := folders(files)
	return parallel.Do(len(groups), func(k int) error {
		for _, i := range groups[k] {
			if err := put(i); err != nil {
				return err
			}
		}
		return nil
	})
}

// folders groups files by the folder each goes in: the indexes of each
// folder's files, the folders in the order they first come.
func folders(files []File) [][]int {
	at := map[string]int{}
	var out [][]int
	for i, f := range files {
		dir := path.Dir(f.Path)
		k, ok := at[dir]
		if !ok {
			k = len(out)
			at[dir] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// PutFrom writes one file of the new build from what write writes to it,
// never holding the whole body: a language's workbook is the whole
// course's text. The file is written beside its place, and moved there
// unless the kept build or the old output holds the same bytes already,
// as Put would find them. A failed write leaves nothing behind.
func (st *Stage) PutFrom(name string, write func(io.Writer) error) (Written, error) {
	if !fs.ValidPath(name) || name == "." {
		return Written{}, fmt.Errorf("publish: output path %q leaves the output folder", name)
	}
	dir := filepath.Join(st.tmp, filepath.Dir(filepath.FromSlash(name)))
	if err := st.mkdir(dir); err != nil {
		return Written{}, fmt.Errorf("publish: %w", err)
	}
	part := filepath.Join(dir, fmt.Sprintf(".part-%d", st.parts.Add(1)))
	w, err := writePart(part, name, write)
	if err == nil {
		err = st.placePart(part, w)
	}
	if err != nil {
		os.Remove(part)
		return Written{}, fmt.Errorf("publish: %s: %w", name, err)
	}
	return w, nil
}

// writePart writes file part, new, from write, and sums what it wrote.
func writePart(part, name string, write func(io.Writer) error) (Written, error) {
	f, err := createFile(part, os.O_CREATE|os.O_EXCL)
	if err != nil {
		return Written{}, err
	}
	sum := &summer{w: f, hash: sha256.New()}
	out := bufio.NewWriterSize(sum, 64<<10)
	err = write(out)
	if err == nil {
		err = out.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return Written{Path: name, Size: sum.size, Sum: [32]byte(sum.hash.Sum(nil))}, err
}

// summer writes to w, keeping the size and digest of what it wrote.
type summer struct {
	w    io.Writer
	hash hash.Hash
	size int64
}

func (s *summer) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.hash.Write(p[:n])
	s.size += int64(n)
	return n, err
}

// placePart puts the written part in its place, as Put does a body: the
// kept build's file or a link to the old output's stands in for it when
// either is the same.
func (st *Stage) placePart(part string, w Written) error {
	if st.keeps(w) {
		return os.Remove(part)
	}
	var sameAsOld fileInfo
	var same bool
	linked, err := st.linkTwin(w, func(old string) bool {
		if st.recorded(old, w) {
			return true
		}
		f, err := os.Open(part)
		if err != nil {
			return false
		}
		defer f.Close()
		sameAsOld, same = holdingFrom(old, w.Size, f)
		return same
	})
	if err != nil || linked {
		return errors.Join(err, os.Remove(part))
	}
	p, err := st.place(w.Path)
	if err == nil {
		err = os.Rename(part, p)
	}
	if err == nil && same { // the same bytes, where a link could not be made
		_ = os.Chtimes(p, sameAsOld.modTime, sameAsOld.modTime)
	}
	return err
}

func (st *Stage) write(f File) error {
	p, err := st.place(f.Path)
	if err != nil {
		return err
	}
	return writeFile(p, f.Body)
}

// writeFile writes body to a new file, or over an old one, as
// os.WriteFile does.
func writeFile(name string, body []byte) error {
	f, err := createFile(name, os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// link makes f a link to its twin in the old output, when that holds the
// same bytes: the same file, modification time and all. It reports
// whether it did; trouble reading the old output only means it did not.
func (st *Stage) link(f File, w Written) (bool, error) {
	return st.linkTwin(w, func(old string) bool { return st.recorded(old, w) || sameFile(old, f.Body) })
}

// Reuse puts the file w into the new build without its body, which the
// caller no longer has: it is where it was, in the kept build, or its twin
// in the old output is linked, as long as the records say either holds w
// and it looks untouched since. It reports whether it could; when it
// could not, the caller makes the body again and Puts it.
func (st *Stage) Reuse(w Written) (bool, error) {
	if st.keeps(w) {
		return true, nil
	}
	return st.linkTwin(w, func(old string) bool { return st.recorded(old, w) })
}

// linkTwin links the old output's file at w's path into the new build
// when same says it holds w's bytes.
func (st *Stage) linkTwin(w Written, same func(old string) bool) (bool, error) {
	old, ok := st.old(w.Path)
	if !ok || !same(old) {
		return false, nil
	}
	p, err := st.place(w.Path)
	if err != nil {
		return false, err
	}
	return os.Link(old, p) == nil, nil
}

// OpenLast opens the file w in the output folder as the last build left
// it, when the records say it holds w and it looks untouched since; nil
// when it does not. The file is read while the new build is written
// beside it, until Commit.
func (st *Stage) OpenLast(w Written) *os.File {
	old, ok := st.old(w.Path)
	if !ok || !st.recorded(old, w) {
		return nil
	}
	f, err := os.Open(old)
	if err != nil {
		return nil
	}
	return f
}

// old is where output path name is in the output folder the build
// replaces, if there is one.
func (st *Stage) old(name string) (string, bool) {
	if !st.hasOld || !fs.ValidPath(name) || name == "." {
		return "", false
	}
	return filepath.Join(st.real, filepath.FromSlash(name)), true
}

// recorded reports whether the record says the old output's file old is
// w, and the file looks untouched since: the same size, and not modified
// after the record was made.
func (st *Stage) recorded(old string, w Written) bool {
	return st.record.Dir == st.real && holds(st.record, old, w)
}

// holds reports whether rec says that file p is w, and p looks untouched
// since: a regular file of the same size, not modified after rec was made.
func holds(rec Record, p string, w Written) bool {
	if rec.Files[w.Path] != w {
		return false
	}
	fi, ok := lstatRegular(p)
	return ok && fi.size == w.Size && !fi.modTime.After(rec.At)
}

// place is where output path name goes in the new build, its folder made
// and, in a kept build, what was there removed.
func (st *Stage) place(name string) (string, error) {
	// Output paths come from file names in the site; one that could climb
	// out of the output folder is refused however it was made.
	if !fs.ValidPath(name) || name == "." {
		return "", fmt.Errorf("output path %q leaves the output folder", name)
	}
	p := filepath.Join(st.tmp, filepath.FromSlash(name))
	if err := st.mkdir(filepath.Dir(p)); err != nil {
		return "", err
	}
	return p, st.clear(p)
}

// mkdir makes folder dir of the new build and those it is in, asking the
// system only about folders not made yet: one call for a page's folder.
func (st *Stage) mkdir(dir string) error {
	if dir == st.tmp || st.made(dir) || filepath.Dir(dir) == dir {
		return nil
	}
	if err := st.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	// Another writer may have made it since: that is as good.
	if err := os.Mkdir(dir, 0o755); err != nil && (!errors.Is(err, fs.ErrExist) || !st.folderAt(dir)) {
		return err
	}
	st.dirs.Store(dir, true)
	return nil
}

func (st *Stage) made(dir string) bool {
	_, ok := st.dirs.Load(dir)
	return ok
}

// errNoExchange says that the system or file system cannot exchange two
// folders in one step.
var errNoExchange = errors.New("cannot exchange folders")
