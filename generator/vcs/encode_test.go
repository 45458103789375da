package vcs

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"lentera/generator/internal/wire"
	"lentera/generator/vcs/vcstest"
)

// A history read back from its encoding is the history: the same commits
// for every file, current while HEAD stays, and not once it moves or the
// list of shallow commits changes.
func TestHistoryEncoded(t *testing.T) {
	repo := vcstest.New(t)
	repo.Commit("one", map[string]string{"kursus/content/id/a.md": "a1", "kursus/content/en/a.md": "a1"})
	repo.Commit("two", map[string]string{"kursus/content/id/a.md": "a2"})
	h, err := Load(context.Background(), filepath.Join(repo.Dir, "kursus"))
	if err != nil {
		t.Fatal(err)
	}
	back := roundTrip(t, h)
	if !reflect.DeepEqual(back, h) {
		t.Fatalf("decoded %+v, encoded %+v", back, h)
	}
	if !back.Current() {
		t.Error("a history read back is not current, with HEAD where it was")
	}
	shallow := filepath.Join(h.gitDir, "shallow")
	if err := os.WriteFile(shallow, []byte(repo.Hashes["one"]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if back.Current() {
		t.Error("the history is current after the shallow commits changed")
	}
	os.Remove(shallow)
	if !back.Current() {
		t.Error("the history is not current with the shallow commits as they were")
	}
	repo.Commit("three", map[string]string{"kursus/content/en/a.md": "a2"})
	if back.Current() {
		t.Error("a history read back is current after a commit")
	}
}

// Without a Git folder to stamp, a history is written as none; and a
// history whose file names a commit it does not have does not decode.
func TestHistoryNotEncoded(t *testing.T) {
	if back := roundTrip(t, &History{files: map[string][]int{}}); back != nil {
		t.Errorf("a history without a Git folder came back as %+v", back)
	}
	var w wire.Writer
	(&History{gitDir: "/x/.git", commits: []Commit{{Hash: "a"}}, files: map[string][]int{"a.md": {1}}}).Encode(&w)
	r := wire.NewReader(w.Bytes())
	if h := DecodeHistory(r); h != nil || r.Err() == nil {
		t.Errorf("a file naming commit 1 of 1 decoded as %+v, error %v", h, r.Err())
	}
}

func roundTrip(t *testing.T, h *History) *History {
	t.Helper()
	var w wire.Writer
	h.Encode(&w)
	r := wire.NewReader(w.Bytes())
	back := DecodeHistory(r)
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	return back
}
