package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/fsnotify/fsnotify"

	"lentera/generator/site"
)

// The parts of a site a build reads. site.yaml is watched through the site
// folder itself: editors replace a file by renaming another over it, and a
// watch on the file would stay with the old one.
var (
	watchedFile = site.ConfigFile
	watchedDirs = []string{site.ContentDir, "layouts", "assets"}
)

// A watcher reports changed site paths ("content/id/a.md"). It watches
// every folder under the watched ones, adding folders as they appear.
type watcher struct {
	root  string // the site folder
	fw    *fsnotify.Watcher
	log   io.Writer
	skip  string          // a folder not to report (the --out folder), site-relative; "" for none
	dirs  map[string]bool // watched folders, site-relative
	files map[string]bool // files under the watched folders, site-relative
	// saves counts the changes seen, so that a build can tell whether
	// files changed while it ran.
	saves atomic.Uint64
}

func newWatcher(root, skip string, log io.Writer) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &watcher{root: root, fw: fw, log: log, skip: skip, dirs: map[string]bool{}, files: map[string]bool{}}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	for _, d := range watchedDirs {
		if _, err := w.addTree(d); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() error { return w.fw.Close() }

// addTree watches folder rel and every folder under it, and returns the
// files in them. A folder that appears after its parent's event would
// otherwise go unseen, with the files written into it before the watch.
// Each folder is watched before it is listed, so a file is either listed
// or reported by its own event.
func (w *watcher) addTree(rel string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(w.abs(rel), func(p string, e fs.DirEntry, err error) error {
		r := w.rel(p)
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist):
			return nil // gone again, or not made yet: its parent's events tell
		case err != nil:
			return fmt.Errorf("watch %s: %w", p, err)
		case !e.IsDir():
			if !ignored(e.Name()) {
				w.files[r] = true
				found = append(found, r)
			}
			return nil
		case w.dirs[r]:
			return nil
		case r == w.skip:
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return fmt.Errorf("watch %s: %w", p, err)
		}
		w.dirs[r] = true
		return nil
	})
	return found, err
}

// changed maps one event to the site paths it changes; none for files a
// build does not read and for editors' scratch files.
func (w *watcher) changed(ev fsnotify.Event) []string {
	r := w.rel(ev.Name)
	if !w.relevant(r) || ignored(path.Base(r)) {
		return nil
	}
	switch {
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(ev.Name)
		if err == nil && info.IsDir() {
			found, err := w.addTree(r)
			if err != nil {
				fmt.Fprintf(w.log, "%v\n", err)
			}
			return found
		}
		w.files[r] = true
		return []string{r}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		return w.forget(r)
	case ev.Has(fsnotify.Write):
		return []string{r}
	}
	return nil // Chmod alone: the content is the same
}

// forget drops a path that was removed or renamed away, and everything
// under it when it was a folder: a folder moved out of the site sends one
// event for itself and none for its files.
func (w *watcher) forget(r string) []string {
	delete(w.files, r)
	if !w.dirs[r] {
		return []string{r}
	}
	var out []string
	prefix := r + "/"
	for d := range w.dirs {
		if d == r || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			// The kernel has dropped the watch already, or will with the
			// folder; removing it here only tidies the watcher's list.
			_ = w.fw.Remove(w.abs(d))
		}
	}
	for f := range w.files {
		if strings.HasPrefix(f, prefix) {
			delete(w.files, f)
			out = append(out, f)
		}
	}
	return out
}

// relevant reports whether a site path is one a build reads.
func (w *watcher) relevant(r string) bool {
	if r == "" || (w.skip != "" && (r == w.skip || strings.HasPrefix(r, w.skip+"/"))) {
		return false
	}
	if r == watchedFile {
		return true
	}
	for _, d := range watchedDirs {
		if r == d || strings.HasPrefix(r, d+"/") {
			return true
		}
	}
	return false
}

// rel is the site path of a file system path, "" when it is outside.
func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(r)
}

func (w *watcher) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// vimSwap matches vim's swap files: ".a.md.swp", then ".swo", ".swn", ...,
// and ".swx", which vim writes to test a folder.
var vimSwap = regexp.MustCompile(`^\..*\.sw[a-z]$`)

// ignored reports editors' scratch files, which come and go around every
// save and are never part of a site.
func ignored(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"): // backups of vim, emacs, nano
	case strings.HasPrefix(name, ".#"): // emacs lock files
	case len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#': // emacs auto-save
	case vimSwap.MatchString(name):
	case isNumber(name): // vim's "can I write here" probe, 4913
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains
	case strings.HasPrefix(name, ".goutputstream-"): // GNOME editors
	case strings.HasSuffix(name, ".kate-swp"): // Kate
	case sedTemp.MatchString(name):
	case strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp"): // hidden temp files of many tools
	case name == ".DS_Store":
	default:
		return false
	}
	return true
}

// sedTemp matches the file `sed -i` writes before renaming it over the
// one it edits.
var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

func isNumber(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
