package publish

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// A build replaces the output folder as a whole (see Write), and linking
// every unchanged file into a new folder, then removing the old folder,
// costs a few system calls per file of the site: most of a build after a
// small edit. So, when its record is known, the build before the one in
// the output folder is kept beside it, as .<base>.kept-<digits>, and the
// next build starts from it: it leaves the files that are still right
// where they are, links or writes the others, and removes the rest. Files
// unchanged from one build to the next are one file linked into both
// folders, so a kept file is replaced, never written through.
//
// A kept folder holds a .gitignore of its own that ignores everything, so
// that it does not show as a new file in the site's repository.
func keptPrefix(base string) string { return "." + base + ".kept-" }

const keptIgnore = ".gitignore"

// Trust gives Put the records of the build in the output folder and of
// the one kept beside it. A kept folder whose record is right becomes the
// stage's folder, which must still be empty; any other is removed.
func (st *Stage) Trust(live, kept Record) {
	if live.Folder.Is(st.real) {
		st.record = live
	}
	parent, base := filepath.Split(st.real)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name, ok := strings.CutPrefix(e.Name(), keptPrefix(base))
		if !ok || !e.IsDir() || strings.Trim(name, "0123456789") != "" {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if p == kept.Dir && kept.Folder.Is(p) && st.record.Dir == st.real && st.adopt(p, kept) {
			continue
		}
		os.RemoveAll(p)
	}
}

// adopt makes the kept folder p the stage's folder, in place of the empty
// one NewStage made. Renamed so, a build killed from here on leaves it
// for the next to remove as a leftover.
func (st *Stage) adopt(p string, kept Record) bool {
	if _, own := kept.Files[keptIgnore]; !own {
		if err := os.Remove(filepath.Join(p, keptIgnore)); err != nil {
			return false
		}
	}
	if os.Remove(st.tmp) != nil {
		return false
	}
	if err := os.Rename(p, st.tmp); err != nil {
		os.Mkdir(st.tmp, 0o700)
		return false
	}
	st.kept = kept
	st.put.paths = make(map[string]struct{}, len(kept.Files))
	return true
}

// keeps reports whether the kept build holds w as it is, untouched since
// it was made, and notes that w's path is in the new build.
func (st *Stage) keeps(w Written) bool {
	if st.kept.Files == nil {
		return false
	}
	st.put.add(w.Path)
	// Joined by hand: the kept record holds only clean paths, and
	// filepath.Join's cleaning showed in a build after an edit, which
	// asks this of every file.
	return holds(st.kept, st.tmp+string(filepath.Separator)+filepath.FromSlash(w.Path), w)
}

// pathSet is a set of paths that the build's threads add to at once. A
// sync.Map allocated for every path added, an eighth of what keeping a
// file cost in a build after an edit; a map behind a lock, sized once,
// allocates nothing.
type pathSet struct {
	mu    sync.Mutex
	paths map[string]struct{}
}

func (s *pathSet) add(p string) {
	s.mu.Lock()
	if s.paths == nil {
		s.paths = map[string]struct{}{}
	}
	s.paths[p] = struct{}{}
	s.mu.Unlock()
}

func (s *pathSet) has(p string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.paths[p]
	return ok
}

// clear removes what a kept build has at p, a file the new build is about
// to put there.
func (st *Stage) clear(p string) error {
	if st.kept.Files == nil {
		return nil
	}
	err := os.Remove(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		err = os.RemoveAll(p) // a folder of the old build
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// folderAt reports whether dir, which Mkdir found taken, is a folder: in a
// kept build, a file of the old build at that path is removed for one.
func (st *Stage) folderAt(dir string) bool {
	fi, err := os.Lstat(dir)
	if err == nil && fi.IsDir() {
		return true
	}
	if st.kept.Files == nil || os.Remove(dir) != nil {
		return false
	}
	return os.Mkdir(dir, 0o755) == nil
}

// prune removes, from a kept build, the files the new build has not put,
// and the folders that leaves empty.
func (st *Stage) prune() error {
	if st.kept.Files == nil {
		return nil
	}
	var errs []error
	folders := map[string]bool{}
	for p := range st.kept.Files {
		if st.put.has(p) {
			continue
		}
		full := filepath.Join(st.tmp, filepath.FromSlash(p))
		// Only a file: where the new build has a folder (or a file in
		// place of a folder above), that is the new build's.
		if err := syscall.Unlink(full); err != nil && !gone(err) {
			errs = append(errs, &fs.PathError{Op: "remove", Path: full, Err: err})
		}
		for d := filepath.Dir(full); d != st.tmp && len(d) > len(st.tmp); d = filepath.Dir(d) {
			folders[d] = true
		}
	}
	// Deepest first; a folder that still holds something stays.
	deepest := slices.SortedFunc(maps.Keys(folders), func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, d := range deepest {
		syscall.Rmdir(d) // only an empty folder; a file there is the new build's
	}
	return errors.Join(errs...)
}

// gone says that an unlink found no file of the old build: nothing, a
// folder, or a file above in place of a folder.
func gone(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.EPERM)
}

// keep moves the previous build, which st.tmp holds after the exchange,
// to a kept folder and returns its record, when its record is known;
// else it removes it.
func (st *Stage) keep() Record {
	old := st.record
	if old.Dir != st.real || old.Files == nil {
		// Whatever happens to this removal, the next build finds the
		// folder by its name and finishes the job.
		os.RemoveAll(st.tmp)
		return Record{}
	}
	parent, base := filepath.Split(st.real)
	// A unique name, taken by a folder that makes way for the build: Go's
	// Rename does not put a folder in the place of another.
	dir, err := os.MkdirTemp(parent, keptPrefix(base))
	if err == nil {
		err = os.Remove(dir)
	}
	if err == nil {
		err = os.Rename(st.tmp, dir)
	}
	if err == nil {
		if _, own := old.Files[keptIgnore]; !own {
			err = os.WriteFile(filepath.Join(dir, keptIgnore), []byte("*\n"), 0o644)
		}
	}
	if err != nil {
		os.RemoveAll(st.tmp)
		if dir != "" {
			os.RemoveAll(dir)
		}
		return Record{}
	}
	return Record{Dir: dir, Folder: folderOf(dir), At: old.At, Files: old.Files}
}
