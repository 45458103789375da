package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file the new output has byte for byte as the old one did is that very
// file, not a new copy; a changed one is new, and holds the new content.
func TestUnchangedFilesLinked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := []File{{Path: "a/index.html", Body: []byte("same")}, {Path: "b/index.html", Body: []byte("old")}}
	if err := Write(out, first); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for _, f := range first {
		fi, err := os.Stat(filepath.Join(out, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		before[f.Path] = fi
	}
	if err := Write(out, []File{{Path: "a/index.html", Body: []byte("same")}, {Path: "b/index.html", Body: []byte("new")}}); err != nil {
		t.Fatal(err)
	}
	same, _ := os.Stat(filepath.Join(out, "a", "index.html"))
	changed, _ := os.Stat(filepath.Join(out, "b", "index.html"))
	if same == nil || !os.SameFile(same, before["a/index.html"]) {
		t.Error("the unchanged file was written again")
	}
	if changed == nil || os.SameFile(changed, before["b/index.html"]) {
		t.Error("the changed file is the old one")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "b", "index.html")); string(b) != "new" {
		t.Errorf("the changed file holds %q", b)
	}
}

// stageAll writes files through a Stage that trusts rec, and returns the
// record of what it wrote.
func stageAll(t *testing.T, out string, rec Record, files []File) Record {
	t.Helper()
	live, _ := stageKept(t, out, rec, Record{}, files)
	return live
}

// stageKept is stageAll with the record of the kept build too; it returns
// the records of the new build and of the one it kept.
func stageKept(t *testing.T, out string, live, kept Record, files []File) (Record, Record) {
	t.Helper()
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	st.Trust(live, kept)
	written := map[string]Written{}
	for _, f := range files {
		w, err := st.Put(f)
		if err != nil {
			st.Abort()
			t.Fatal(err)
		}
		written[f.Path] = w
	}
	kept, err = st.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return Record{Dir: st.Dir(), At: time.Now(), Files: written}, kept
}

// With the record of the last build, a file it wrote that looks untouched
// (size, modification time) is taken without being read; one modified
// since is read and compared, and written again when it differs.
func TestRecordedFilesTrusted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := []File{{Path: "a/index.html", Body: []byte("aaaa")}, {Path: "b/index.html", Body: []byte("bbbb")}}
	rec := stageAll(t, out, Record{}, files)
	// Both changed behind the build's back, keeping their sizes: a's
	// time is set back to before the record, as only a deliberate hand
	// would; b's is left as the change made it.
	a, b := filepath.Join(out, "a", "index.html"), filepath.Join(out, "b", "index.html")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("XXXX"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	later := rec.At.Add(time.Second)
	if err := os.Chtimes(b, later, later); err != nil {
		t.Fatal(err)
	}
	back := rec.At.Add(-time.Hour)
	if err := os.Chtimes(a, back, back); err != nil {
		t.Fatal(err)
	}
	stageAll(t, out, rec, files)
	if got, _ := os.ReadFile(b); string(got) != "bbbb" {
		t.Errorf("a file modified after the record holds %q; it was read and taken", got)
	}
	if got, _ := os.ReadFile(a); string(got) != "XXXX" {
		t.Errorf("a file that looks untouched holds %q: it was read, not trusted", got)
	}
	// A record of another folder is not trusted.
	other := rec
	other.Dir = filepath.Join(t.TempDir(), "elsewhere")
	stageAll(t, out, other, files)
	if got, _ := os.ReadFile(a); string(got) != "aaaa" {
		t.Errorf("with another folder's record, the file holds %q", got)
	}
}
