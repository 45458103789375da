package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// benchSite is the site the benchmarks build: $LENTERA_BENCH_SITE (make
// bench points it at a generated corpus), else the bundled playbook.
func benchSite(b *testing.B) string {
	if dir := os.Getenv("LENTERA_BENCH_SITE"); dir != "" {
		return dir
	}
	return filepath.Join("..", "..")
}

// BenchmarkBuild is a full build to memory: what `build` does minus the
// final write.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{SiteDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildAfterEdit is the dev server's case: one chapter changes
// and the same Builder builds again: "pages" is what stands between a save
// and the edited page being served (BuildPages), "all" adds the gather
// phase (search indexes, workbooks).
func BenchmarkRebuildAfterEdit(b *testing.B) {
	fsys := readSite(b, benchSite(b))
	b.Run("pages", func(b *testing.B) { rebuildAfterEdit(b, fsys, false) })
	b.Run("all", func(b *testing.B) { rebuildAfterEdit(b, fsys, true) })
}

func rebuildAfterEdit(b *testing.B, fsys fstest.MapFS, gather bool) {
	var chapter string
	for p := range fsys {
		if strings.HasPrefix(p, "content/id/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			chapter = p
			break
		}
	}
	builder := New(Options{Site: fsys})
	ctx := context.Background()
	if _, err := builder.Build(ctx); err != nil {
		b.Fatal(err)
	}
	original := fsys[chapter].Data
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		fsys[chapter] = &fstest.MapFile{Data: fmt.Appendf(bytes.Clone(original), "\nEdit %d.\n", i)}
		if _, err := builder.BuildPages(ctx, chapter); err != nil {
			b.Fatal(err)
		}
		if !gather {
			continue
		}
		if _, err := builder.Gather(ctx); err != nil {
			b.Fatal(err)
		}
	}
	fsys[chapter] = &fstest.MapFile{Data: original}
}

// readSite copies a site folder into memory, so edits do not touch it.
func readSite(b testing.TB, dir string) fstest.MapFS {
	fsys := fstest.MapFS{}
	// The walk does not follow a link, not even at its root: a corpus
	// folder may be one.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		b.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != "site.yaml" && !strings.HasPrefix(rel, "content/") && !strings.HasPrefix(rel, "layouts/") && !strings.HasPrefix(rel, "assets/") {
			return nil
		}
		data, err := os.ReadFile(p)
		fsys[rel] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}
