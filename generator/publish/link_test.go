package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	return Record{Dir: st.Dir(), Folder: st.Folder(), At: time.Now(), Files: written}, kept
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
	// Nor is the record of a folder removed and another made in its
	// place, as rm -r then cp -a do, with file a of the recorded size and a
	// time before the record, but other bytes. The new folder often gets
	// the removed one's inode number; its change time tells them apart.
	// The pauses outlast a tick of the file system's clock.
	rec = stageAll(t, out, Record{}, files)
	if err := os.WriteFile(a, []byte("XXXX"), 0o644); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(t.TempDir(), "aside")
	if err := os.CopyFS(aside, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	before := folderOf(out)
	time.Sleep(50 * time.Millisecond)
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(out, os.DirFS(aside)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, back, back); err != nil {
		t.Fatal(err)
	}
	t.Logf("the copy took the removed folder's inode: %v", folderOf(out).Ino == before.Ino)
	stageAll(t, out, rec, files)
	if got, _ := os.ReadFile(a); string(got) != "aaaa" {
		t.Errorf("with the record of a folder removed and copied back, the file holds %q", got)
	}
	// Nor of the very folder, once an entry was added to it since.
	rec = stageAll(t, out, Record{}, files)
	if err := os.WriteFile(a, []byte("XXXX"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, back, back); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	stageAll(t, out, rec, files)
	if got, _ := os.ReadFile(a); string(got) != "aaaa" {
		t.Errorf("with the record of a folder changed since, the file holds %q", got)
	}
}

// holding compares a file with bytes a piece at a time: a difference in
// any piece, a length either way, or a link in the file's place is not the
// same, whatever the pieces before it held.
func TestHoldingComparesEveryPiece(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 3*64<<10+123) // pieces, and a short last one
	for i := range big {
		big[i] = byte(i * 7)
	}
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, big, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	changedAt := func(i int) []byte {
		b := append([]byte{}, big...)
		b[i]++
		return b
	}
	cases := []struct {
		name, path string
		body       []byte
		want       bool
	}{
		{"the same bytes", file, big, true},
		{"the first byte differs", file, changedAt(0), false},
		{"a byte in the third piece differs", file, changedAt(2*64<<10 + 5), false},
		{"the last byte differs", file, changedAt(len(big) - 1), false},
		{"one byte shorter", file, big[:len(big)-1], false},
		{"one byte longer", file, append(append([]byte{}, big...), 0), false},
		{"a link to the same bytes", filepath.Join(dir, "link"), big, false},
		{"no file", filepath.Join(dir, "none"), big, false},
	}
	for _, c := range cases {
		if _, got := holding(c.path, c.body); got != c.want {
			t.Errorf("%s: holding = %v, want %v", c.name, got, c.want)
		}
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, got := holding(file, []byte{}); !got {
		t.Error("an empty file does not hold no bytes")
	}
}

// putFrom writes files through a Stage's PutFrom, each body in pieces as
// a renderer writes it, and commits.
func putFrom(t *testing.T, out string, files []File) map[string]Written {
	t.Helper()
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]Written{}
	for _, f := range files {
		w, err := st.PutFrom(f.Path, func(w io.Writer) error {
			for b := f.Body; len(b) > 0; b = b[min(len(b), 1000):] {
				if _, err := w.Write(b[:min(len(b), 1000)]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			st.Abort()
			t.Fatal(err)
		}
		written[f.Path] = w
	}
	if _, err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	return written
}

// A file written through PutFrom is its bytes, summed as Put sums them;
// unchanged from the old output, it is the old file, linked; and nothing
// of the way it was written is left in the output.
func TestPutFrom(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	big := []byte(strings.Repeat("<p>bagian buku kerja</p>", 9000)) // pieces of the compare, and of the writer's buffer
	files := []File{{Path: "id/print/index.html", Body: big}, {Path: "en/print/index.html", Body: []byte("old")}}
	for p, w := range putFrom(t, out, files) {
		body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if w != Summary(File{Path: p, Body: body}) {
			t.Errorf("%s: PutFrom's summary is not the file's", p)
		}
	}
	before, _ := os.Stat(filepath.Join(out, "id", "print", "index.html"))
	files[1].Body = []byte("new")
	putFrom(t, out, files)
	same, _ := os.Stat(filepath.Join(out, "id", "print", "index.html"))
	if before == nil || same == nil || !os.SameFile(before, same) {
		t.Error("the unchanged file was written again, not linked")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "en", "print", "index.html")); string(b) != "new" {
		t.Errorf("the changed file holds %q", b)
	}
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(e.Name(), ".part-") {
			t.Errorf("left behind: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A write that fails leaves neither the file nor its part, and says so.
func TestPutFromFailing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	_, err = st.PutFrom("id/print/index.html", func(w io.Writer) error {
		w.Write([]byte("<p>separuh"))
		return errors.New("the layout failed")
	})
	if err == nil || !strings.Contains(err.Error(), "the layout failed") {
		t.Errorf("error %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(st.tmp, "id", "print"))
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}
