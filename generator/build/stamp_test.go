//go:build linux

package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lentera/generator/publish"
	"lentera/generator/site"
)

// A build takes the page files whose stamps are those the last run read
// as unchanged, without reading them, and reads them after all when their
// conversions cannot be taken from the cache. A file written since is read
// again, even at its old size and modification time. Each build writes
// what a clean build makes.
func TestStampedBuildEqualsCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the files to settle, and builds the bundled site several times")
	}
	dir := filepath.Join(t.TempDir(), "kursus")
	if err := os.CopyFS(dir, bundledSite(t)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(site.SettleTime + 100*time.Millisecond)
	opts := Options{SiteDir: dir, BuildDate: testDate, CacheDir: t.TempDir(), Out: filepath.Join(t.TempDir(), "public"), Stream: true}
	ctx := context.Background()
	if _, err := New(opts).Build(ctx); err != nil {
		t.Fatal(err)
	}
	c, _, err := New(opts).readCache()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.stamps) < 20 {
		t.Fatalf("%d page files stamped, want every one of the bundled site's", len(c.stamps))
	}
	chapter := filepath.Join(dir, "content", "id", "eksekusi", "kesimpulan.md")
	steps := []struct {
		name   string
		change func(t *testing.T)
	}{
		{"nothing changed", func(*testing.T) {}},
		{"a chapter written again at its size and time", func(t *testing.T) { rewriteInPlace(t, chapter) }},
		{"site.yaml changed, so every page is converted again", func(t *testing.T) {
			yaml := filepath.Join(dir, "site.yaml")
			b, err := os.ReadFile(yaml)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, yaml, bytes.Replace(b, []byte("  id: "), []byte("  id: Edisi baru, "), 1))
		}},
	}
	for _, step := range steps {
		step.change(t)
		if _, err := New(opts).Build(ctx); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		want, err := Build(ctx, Options{SiteDir: dir, BuildDate: testDate})
		if err != nil {
			t.Fatal(err)
		}
		written := make([]publish.File, 0, len(want.Files))
		for _, f := range want.Files {
			body, err := os.ReadFile(filepath.Join(opts.Out, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			written = append(written, publish.File{Path: f.Path, Body: body})
		}
		sameFiles(t, step.name, written, want.Files)
	}
}

// rewriteInPlace changes one letter of a file's text, in the same file,
// and sets its modification time back to what it was.
func rewriteInPlace(t *testing.T, file string) {
	t.Helper()
	editInPlace(t, file, []byte("a"), []byte("o"), bytes.LastIndex)
}
