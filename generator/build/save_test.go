package build

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// countingFS records which Markdown files a build opens or asks about.
type countingFS struct {
	fstest.MapFS
	mu   sync.Mutex
	seen map[string]bool
}

func (c *countingFS) note(name string) {
	if strings.HasSuffix(name, ".md") {
		c.mu.Lock()
		c.seen[name] = true
		c.mu.Unlock()
	}
}

func (c *countingFS) Open(name string) (fs.File, error) { c.note(name); return c.MapFS.Open(name) }
func (c *countingFS) Stat(name string) (fs.FileInfo, error) {
	c.note(name)
	return c.MapFS.Stat(name)
}
func (c *countingFS) Lstat(name string) (fs.FileInfo, error) {
	c.note(name)
	return c.MapFS.Lstat(name)
}
func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.note(name)
	return c.MapFS.ReadFile(name)
}

// A save is served from the edited file alone: the build the dev server
// runs for it reads and asks about that file, not every page of the site,
// so its cost does not grow with the site.
func TestSaveReadsOnlyTheSavedFile(t *testing.T) {
	site := &countingFS{MapFS: sectionSite(60), seen: map[string]bool{}}
	builder := New(Options{Site: site, BuildDate: testDate})
	ctx := context.Background()
	if _, err := builder.Build(ctx); err != nil {
		t.Fatal(errorLines(err))
	}
	if len(site.seen) < 60 {
		t.Fatalf("the first build read %d Markdown files, want every one", len(site.seen))
	}
	const edited = "content/id/bagian/bab-030.md"
	site.MapFS[edited] = &fstest.MapFile{Data: []byte("---\ntitle: Bab 030\nweight: 30\n---\nIsi baru.\n")}
	site.seen = map[string]bool{}
	res, err := builder.BuildPages(ctx, edited)
	if err != nil {
		t.Fatal(errorLines(err))
	}
	if len(site.seen) != 1 || !site.seen[edited] {
		t.Errorf("the build after one save read or asked about %d Markdown files, want only %s: %v", len(site.seen), edited, site.seen)
	}
	if !strings.Contains(string(outputFile(t, res, "id/bagian/bab-030/index.html")), "Isi baru.") {
		t.Errorf("the saved chapter's page was not rebuilt")
	}
}

// A site with no trainer edition converts no trainer passes; the first
// trainer note added makes every page convert them again, so the rebuild
// equals a clean build, slides and all.
func TestFirstTrainerNoteRebuild(t *testing.T) {
	fsys := sectionSite(3)
	builder := New(Options{Site: fsys, BuildDate: testDate})
	ctx := context.Background()
	first, err := builder.Build(ctx)
	if err != nil {
		t.Fatal(errorLines(err))
	}
	for _, f := range first.Files {
		if strings.HasPrefix(f.Path, "trainer/") {
			t.Fatalf("a site without trainer notes has a trainer edition: %s", f.Path)
		}
	}
	const edited = "content/id/bagian/bab-002.md"
	fsys[edited] = &fstest.MapFile{Data: []byte("---\ntitle: Bab 002\nweight: 2\n---\nIsi.\n\n## Dua\n\n:::trainer\nCatatan.\n:::\n")}
	got, err := builder.Build(ctx, edited)
	if err != nil {
		t.Fatal(errorLines(err))
	}
	want, err := Build(ctx, Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(errorLines(err))
	}
	sameFiles(t, "first trainer note", got.Files, want.Files)
	slides := string(outputFile(t, got, "trainer/id/bagian/bab-001/slides/index.html"))
	if !strings.Contains(slides, "Isi bab 1.") {
		t.Errorf("an unedited chapter's slides lack its text:\n%s", slides)
	}
}

// A save that makes two pages publish one URL is refused, though the build
// before it checked every output already; the next save that parts them
// builds again.
func TestSaveChecksOutputsAgain(t *testing.T) {
	fsys, _, inc := builtBundle(t)
	ctx := context.Background()
	twin := "content/id/konten/produksi-video/_index.md"
	_, err := inc.Build(ctx, write(twin, "---\ntitle: Kembar\n---\nIsi.\n")(fsys)...)
	if err == nil || !strings.Contains(err.Error(), "same URL /id/konten/produksi-video/") {
		t.Fatalf("a page with a chapter's URL: %v", err)
	}
	if _, err := inc.Build(ctx, remove(twin)(fsys)...); err != nil {
		t.Fatalf("after the twin is gone: %v", err)
	}
}
