package publish

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"lentera/generator/internal/testsite"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func files(pairs ...string) []File {
	var out []File
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, File{Path: pairs[i], Body: []byte(pairs[i+1])})
	}
	return out
}

func TestWriteReplacesWholeFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := Write(out, files("index.html", "one", "a/index.html", "a")); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, files("index.html", "two", "b/index.html", "b")); err != nil {
		t.Fatal(err)
	}
	got := testsite.Hashes(t, out)
	want := map[string][32]byte{
		"index.html":   sha256.Sum256([]byte("two")),
		"b/index.html": sha256.Sum256([]byte("b")),
		Marker:         sha256.Sum256([]byte(markerText)),
	}
	if len(got) != len(want) {
		t.Errorf("output holds %d files, want %d: %v", len(got), len(want), got)
	}
	for p, sum := range want {
		if got[p] != sum {
			t.Errorf("%s is not what the last build wrote", p)
		}
	}
	if n := names(t, root); !slices.Equal(n, []string{"public"}) {
		t.Errorf("beside the output folder: %v, want only public", n)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode: %v, %v", info.Mode(), err)
	}
}

// A folder of someone else's files is left byte for byte as it was.
func TestWriteRefusesForeignFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "docs")
	testsite.Write(t, out, map[string]string{"thesis.tex": "years of work", "fig/a.png": "png"})
	before := testsite.Hashes(t, out)
	err := Write(out, files("index.html", "x"))
	if err == nil || !strings.Contains(err.Error(), out+" is not empty and was not made by lentera") {
		t.Fatalf("Write over a foreign folder: %v", err)
	}
	if after := testsite.Hashes(t, out); !maps.Equal(before, after) {
		t.Errorf("the foreign folder changed: %v", after)
	}
	if n := names(t, root); !slices.Equal(n, []string{"docs"}) {
		t.Errorf("beside the output folder: %v", n)
	}
}

// An empty folder and a marked one are replaced; the marker names no path
// or time, so publishing it reveals nothing.
func TestWriteTakesEmptyOrMarkedFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, files("index.html", "one")); err != nil {
		t.Fatalf("empty folder: %v", err)
	}
	marker, err := os.ReadFile(filepath.Join(out, Marker))
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{root, "20", os.Getenv("USER")} {
		if leak != "" && bytes.Contains(marker, []byte(leak)) {
			t.Errorf("the marker contains %q:\n%s", leak, marker)
		}
	}
	if err := Write(out, files("index.html", "two")); err != nil {
		t.Fatalf("marked folder: %v", err)
	}
}

// An output folder given as a symbolic link: the folder it points to is
// replaced, and the link stays.
func TestWriteThroughSymlink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "site")
	link := filepath.Join(root, "public")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"one", "two"} {
		if err := Write(link, files("index.html", body)); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info, err)
	}
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); err != nil || string(b) != "two" {
		t.Errorf("target holds %q, %v", b, err)
	}
	if n := names(t, filepath.Join(root, "www")); !slices.Equal(n, []string{"site"}) {
		t.Errorf("beside the target: %v", n)
	}
}

// Killed builds leave temporary folders; the next build removes them, and
// nothing else: not a file, not another output's, not a look-alike.
func TestWriteRemovesLeftovers(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	testsite.Write(t, root, map[string]string{
		".public.new-123/index.html":        "killed while writing",
		".public.old-456/public/index.html": "killed while removing (the former fallback)",
		".public.new-789/" + Marker:         "killed after the exchange",
		".public.new-abc/keep":              "not our name",
		".public.new-/keep":                 "not our name",
		".public.new-12.bak/keep":           "not our name",
		".public.new-99":                    "a file, not our folder",
		".other.new-1/keep":                 "another output's",
		"public.new-5/keep":                 "no dot",
	})
	if err := Write(out, files("index.html", "x")); err != nil {
		t.Fatal(err)
	}
	want := []string{".other.new-1", ".public.new-", ".public.new-12.bak", ".public.new-99", ".public.new-abc", "public", "public.new-5"}
	if got := names(t, root); !slices.Equal(got, want) {
		t.Errorf("beside the output folder:\n got %v\nwant %v", got, want)
	}
	// Leftovers are only looked for beside the output folder.
	deeper := filepath.Join(root, "sub", ".public.new-1")
	if err := os.MkdirAll(deeper, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, files("index.html", "y")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(deeper); err != nil {
		t.Errorf("a folder elsewhere was removed: %v", err)
	}
}

// While builds replace the output folder again and again, a reader never
// finds it missing, and always finds a whole build.
func TestWriteNeverLeavesFolderMissing(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("folders are exchanged in one step only on Linux and macOS")
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, files("a.html", "0", "b.html", "0")); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var missing, torn atomic.Int64
	wg.Go(func() {
		for !stop.Load() {
			// Reads through one handle see one build, even when it is
			// exchanged meanwhile; once it is being removed its files
			// may be gone, which is no fault.
			r, err := os.OpenRoot(out)
			if err != nil {
				missing.Add(1)
				continue
			}
			a, errA := r.ReadFile("a.html")
			b, errB := r.ReadFile("b.html")
			r.Close()
			if errA == nil && errB == nil && !bytes.Equal(a, b) {
				torn.Add(1)
			}
		}
	})
	for i := range 200 {
		n := string(rune('a' + i%26))
		if err := Write(out, files("a.html", n, "b.html", n)); err != nil {
			t.Error(err)
			break
		}
	}
	stop.Store(true)
	wg.Wait()
	if missing.Load() != 0 || torn.Load() != 0 {
		t.Errorf("the output folder was missing %d times and half-written %d times", missing.Load(), torn.Load())
	}
}

// Where folders cannot be exchanged, two renames still give the new build
// and leave nothing behind.
func TestSwapByRenames(t *testing.T) {
	root := t.TempDir()
	dir, next := filepath.Join(root, "public"), filepath.Join(root, ".public.new-1")
	testsite.Write(t, root, map[string]string{"public/old.html": "old", ".public.new-1/new.html": "new"})
	if err := swapByRenames(dir, next); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"new.html"}) {
		t.Errorf("output holds %v", got)
	}
	if got := names(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside it: %v", got)
	}
}

// A path that would climb out of the output folder is refused, and nothing
// is written outside it.
func TestWriteRefusesEscapingPaths(t *testing.T) {
	for _, bad := range []string{"../x.html", "a/../../x.html", "/etc/x", "."} {
		dir := t.TempDir()
		out := filepath.Join(dir, "public")
		err := Write(out, []File{{Path: "index.html", Body: []byte("ok")}, {Path: bad, Body: []byte("bad")}})
		if err == nil || !strings.Contains(err.Error(), "leaves the output folder") {
			t.Errorf("path %q: %v, want it refused", bad, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "x.html")); err == nil {
			t.Errorf("path %q was written outside the output folder", bad)
		}
	}
}

// folders puts each file in the group of its folder, once, the groups in
// the order their folders first come and each in the files' order.
func TestFolders(t *testing.T) {
	files := []File{{Path: "id/a/index.html"}, {Path: "id/search/x/1.json"}, {Path: "id/a/b.png"}, {Path: "sw.js"}, {Path: "id/search/x/2.json"}, {Path: "404.html"}}
	got := folders(files)
	want := [][]int{{0, 2}, {1, 4}, {3, 5}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("folders = %v, want %v", got, want)
	}
}
