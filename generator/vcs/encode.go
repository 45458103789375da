package vcs

import (
	"errors"
	"slices"
	"time"

	"lentera/generator/internal/wire"
)

// Encode writes h into w for the build cache: a later run takes it back
// for as long as it is Current, and runs no git. A history whose checkout
// cannot tell when it changes is written as none.
func (h *History) Encode(w *wire.Writer) {
	if h == nil || h.gitDir == "" {
		w.Bool(false)
		return
	}
	w.Bool(true)
	w.String(h.gitDir)
	for _, st := range []fileStamp{h.stamps.headLog, h.stamps.shallow} {
		w.Int(int(st.size))
		w.Int(int(st.modTime))
	}
	w.Uint(uint64(len(h.commits)))
	for _, c := range h.commits {
		w.String(c.Hash)
		w.Int(int(c.Time.Unix()))
	}
	paths := make([]string, 0, len(h.files))
	for p := range h.files {
		paths = append(paths, p)
	}
	slices.Sort(paths) // one history, one encoding
	w.Uint(uint64(len(paths)))
	for _, p := range paths {
		w.String(p)
		w.Uint(uint64(len(h.files[p])))
		for _, i := range h.files[p] {
			w.Uint(uint64(i))
		}
	}
}

// DecodeHistory reads what Encode wrote: nil for none; a problem is r's
// error.
func DecodeHistory(r *wire.Reader) *History {
	if !r.Bool() {
		return nil
	}
	h := &History{gitDir: r.String(), files: map[string][]int{}}
	for _, st := range []*fileStamp{&h.stamps.headLog, &h.stamps.shallow} {
		st.size, st.modTime = int64(r.Int()), int64(r.Int())
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		i := len(h.commits)
		h.commits = append(h.commits, Commit{Hash: r.String(), Time: time.Unix(int64(r.Int()), 0).UTC(), Seq: i})
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		p := r.String()
		idx := make([]int, r.Len())
		for j := range idx {
			if idx[j] = int(r.Uint()); idx[j] >= len(h.commits) {
				r.Fail(errors.New("history: a file's commit is not in the history"))
				return nil
			}
		}
		h.files[p] = idx
	}
	if r.Err() != nil {
		return nil
	}
	return h
}
