package publish

import (
	"os"
	"path/filepath"
	"testing"
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
