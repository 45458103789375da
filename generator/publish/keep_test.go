package publish

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"lentera/generator/internal/testsite"
)

// want is what an output folder holding files must hash to.
func want(files []File) map[string][32]byte {
	out := map[string][32]byte{Marker: sha256.Sum256([]byte(markerText))}
	for _, f := range files {
		out[f.Path] = sha256.Sum256(f.Body)
	}
	return out
}

// keptFolder is the kept build beside out, "" when there is none; more
// than one fails the test.
func keptFolder(t *testing.T, out string) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(filepath.Dir(out), keptPrefix(filepath.Base(out))+"*"))
	if len(found) > 1 {
		t.Fatalf("%d kept folders: %v", len(found), found)
	}
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

// Builds that start from the kept build before them make the same output
// folders as builds from nothing, through random edits that add, change
// and remove files, and turn files into folders and back; the kept
// folder holds the build before, and nothing of it reaches the output.
func TestKeptBuildsMakeWholeBuilds(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("folders are kept where they can be exchanged in one step")
	}
	out := filepath.Join(t.TempDir(), "public")
	r := rand.New(rand.NewSource(1))
	site := map[string]string{}
	for i := range 40 {
		site[fmt.Sprintf("p%d/index.html", i)] = "v0"
	}
	var live, kept Record
	var before map[string][32]byte
	for build := range 12 {
		for range 8 {
			i := r.Intn(50)
			p := fmt.Sprintf("p%d/index.html", i)
			switch r.Intn(4) {
			case 0:
				delete(site, p)
			case 1: // a file where a folder was, or back
				if _, ok := site[fmt.Sprintf("p%d", i)]; ok {
					delete(site, fmt.Sprintf("p%d", i))
				} else {
					for q := range site {
						if strings.HasPrefix(q, fmt.Sprintf("p%d/", i)) {
							delete(site, q)
						}
					}
					site[fmt.Sprintf("p%d", i)] = "a file"
				}
			default: // a build never has a file where it has a folder
				delete(site, fmt.Sprintf("p%d", i))
				site[p] = fmt.Sprintf("v%d", build)
			}
		}
		var files []File
		for p, body := range site {
			files = append(files, File{Path: p, Body: []byte(body)})
		}
		live, kept = stageKept(t, out, live, kept, files)
		if got := testsite.Hashes(t, out); !maps.Equal(got, want(files)) {
			t.Fatalf("build %d: the output is not the build's files: %s", build, hashDiff(got, want(files)))
		}
		k := keptFolder(t, out)
		if build > 0 && (k == "" || k != kept.Dir) {
			t.Fatalf("build %d: kept folder %q, record %q", build, k, kept.Dir)
		}
		if k != "" {
			got := testsite.Hashes(t, k)
			if _, ok := got[keptIgnore]; !ok {
				t.Errorf("build %d: the kept folder has no %s", build, keptIgnore)
			}
			delete(got, keptIgnore)
			if !maps.Equal(got, before) {
				t.Errorf("build %d: the kept folder is not the build before", build)
			}
		}
		before = testsite.Hashes(t, out)
	}
}

// A kept file changed since its build is not taken as it is; a kept
// folder no record names is removed.
func TestKeptFilesChecked(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("folders are kept where they can be exchanged in one step")
	}
	out := filepath.Join(t.TempDir(), "public")
	v1 := files("a/index.html", "aaaa", "b/index.html", "bbbb")
	v2 := files("a/index.html", "AAAA", "b/index.html", "bbbb")
	live, kept := stageKept(t, out, Record{}, Record{}, v1)
	live, kept = stageKept(t, out, live, kept, v2)
	// The kept a is v1's; b is one file in both folders. A hand changes
	// the kept a, keeping its size.
	a := filepath.Join(kept.Dir, "a", "index.html")
	if err := os.WriteFile(a, []byte("XXXX"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(a, later, later)
	stageKept(t, out, live, kept, v1)
	if got := testsite.Hashes(t, out); !maps.Equal(got, want(v1)) {
		t.Errorf("a kept file changed by hand reached the output")
	}
	// Without the records, the kept folder is someone else's past.
	stageKept(t, out, Record{}, Record{}, v2)
	if k := keptFolder(t, out); k != "" {
		t.Errorf("a kept folder no record names is still there: %s", k)
	}
}

// hashDiff names the paths where two folders' hashes differ.
func hashDiff(got, want map[string][32]byte) string {
	var d []string
	for p, h := range want {
		if g, ok := got[p]; !ok {
			d = append(d, "missing "+p)
		} else if g != h {
			d = append(d, "different "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			d = append(d, "extra "+p)
		}
	}
	slices.Sort(d)
	return strings.Join(d, ", ")
}
