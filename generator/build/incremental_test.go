package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/internal/testsite"
	"lentera/generator/publish"
)

// bundledSite reads the repository's own site (site.yaml and content/) into
// memory, so tests can edit it freely.
func bundledSite(t testing.TB) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "..")
	fsys := fstest.MapFS{}
	for _, top := range []string{"site.yaml", "content"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// edit is one change a writer makes, and the site paths it touches.
type edit struct {
	name  string
	apply func(fstest.MapFS) []string
	// rendered, when not zero, is how many pages the rebuild must render
	// (none when below zero); converted, likewise, how many Markdown
	// files it must convert, and sections how many workbook sections it
	// must render.
	rendered, converted, sections int
}

func appendTo(path, text string) func(fstest.MapFS) []string {
	return func(fsys fstest.MapFS) []string {
		fsys[path] = &fstest.MapFile{Data: append(bytes.Clone(fsys[path].Data), text...)}
		return []string{path}
	}
}

func replaceIn(path, old, new string) func(fstest.MapFS) []string {
	return func(fsys fstest.MapFS) []string {
		fsys[path] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[path].Data), old, new, 1))}
		return []string{path}
	}
}

func write(path, content string) func(fstest.MapFS) []string {
	return func(fsys fstest.MapFS) []string {
		fsys[path] = &fstest.MapFile{Data: []byte(content)}
		return []string{path}
	}
}

func remove(path string) func(fstest.MapFS) []string {
	return func(fsys fstest.MapFS) []string {
		delete(fsys, path)
		return []string{path}
	}
}

// builtBundle is the bundled site in memory, and a Builder that has built
// it once.
func builtBundle(t *testing.T) (fstest.MapFS, Options, *Builder) {
	t.Helper()
	fsys := bundledSite(t)
	opts := Options{Site: fsys, BuildDate: testDate}
	inc := New(opts)
	if _, err := inc.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return fsys, opts, inc
}

// rebuildEdits are the edits a rebuild must follow, each after the ones
// before it, with how many pages each must render.
func rebuildEdits() []edit {
	chapter := "content/id/konten/produksi-video.md"
	return []edit{
		// The chapter in both editions, its slides, and the workbook and
		// the search page in both: a search page carries its index's entry.
		// Each workbook renders the chapter's section alone.
		{"chapter body", appendTo(chapter, "\nParagraf baru di akhir bab.\n"), 7, 1, 2},
		{"nothing changed", func(fstest.MapFS) []string { return []string{chapter} }, -1, -1, -1},
		{"chapter title", replaceIn(chapter, "title: Kualitas produksi video", "title: Produksi video yang rapi"), 0, 0, 2},
		{"chapter description", replaceIn(chapter, "Cahaya, suara, dan penyuntingan", "Cahaya, suara, dan *pengeditan*"), 0, 0, 2},
		// Only the new page is converted: no other page's links lead
		// elsewhere now.
		{"new chapter in a new folder", write("content/id/baru/bab.md", "---\ntitle: Bab baru\nweight: 5\n---\nIsi [video](../konten/produksi-video.md).\n"), 0, 1, 0},
		{"chapter removed", remove("content/id/baru/bab.md"), 0, -1, 0},
		// A link to a page not translated yet leads to the default
		// language's; once translated, to the translation: the page with
		// the link is converted again, and again when it is removed.
		{"page to link to", write("content/id/baru/b.md", "---\ntitle: B\n---\nIsi.\n"), 0, 1, 0},
		{"page linking to an untranslated page", write("content/en/baru/a.md", "---\ntitle: A\n---\nSee [b](b.md).\n"), 0, 1, 0},
		{"linked page translated", write("content/en/baru/b.md", "---\ntitle: B\n---\nText.\n"), 0, 2, 0},
		{"translation removed", remove("content/en/baru/b.md"), 0, 1, 0},
		// Pages show their images' sizes: the two that show this one are
		// converted again, and none for an image no page shows.
		{"image no page shows", write("content/id/konten/fig/lain.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`), 0, -1, 0},
		{"image resized", replaceIn("content/id/konten/fig/cahaya-45.svg", `width="300" height="240"`, `width="320" height="256"`), 0, 2, 0},
		{"data file", replaceIn("content/data/produksi-video.yaml", "Mikrofon clip-on", "Mikrofon jepit"), 0, 0, 0},
		{"glossary", replaceIn("content/data/glosarium.yaml", "Total nilai penjualan", "Jumlah nilai penjualan"), 0, 0, 0},
		{"quiz", replaceIn("content/data/kuis-konten.yaml", "Berapa lama hook", "Berapa panjang hook"), 0, 0, 0},
		{"stylesheet", write("assets/css/90-site.css", "body { color: #111; }\n"), 0, 0, 0},
		{"site layout", write("layouts/partials/footer.html", "<footer>kaki</footer>\n"), 0, 0, 0},
		{"UI string file", write("layouts/i18n/en/extra.yaml", "extra_key: extra\n"), 0, 0, 0},
		{"settings", replaceIn("site.yaml", "baseURL: https://playbook-umkm.pages.dev/", "baseURL: https://playbook-umkm.pages.dev/kursus/"), 0, 0, 0},
	}
}

// A rebuild after an edit gives exactly what a clean build of the edited
// site gives, and renders only what changed.
func TestRebuildEqualsCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site many times")
	}
	fsys, opts, inc := builtBundle(t)
	for _, e := range rebuildEdits() {
		got, want := e.rebuild(t, inc, fsys, opts)
		e.check(t, "rebuild", got, want)
	}
}

// rebuild makes the edit in fsys, then builds the site with inc, which
// built it before, and without it, from nothing.
func (e edit) rebuild(t *testing.T, inc *Builder, fsys fstest.MapFS, opts Options) (got, want *Result) {
	t.Helper()
	ctx := context.Background()
	got, err := inc.Build(ctx, e.apply(fsys)...)
	if err != nil {
		t.Fatalf("%s: rebuild: %v", e.name, err)
	}
	want, err = Build(ctx, opts)
	if err != nil {
		t.Fatalf("%s: clean build: %v", e.name, err)
	}
	return got, want
}

// courseFS is testsite.Course(n) in memory.
func courseFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range testsite.Course(n) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// check compares what a build after the edit gave (what: "rebuild") with a
// clean build of the same site: the same files, and no more pages
// rendered than the edit asks for.
func (e edit) check(t *testing.T, what string, got, want *Result) {
	t.Helper()
	sameFiles(t, e.name, got.Files, want.Files)
	e.renderedAsAsked(t, what, "pages", e.rendered, got.Rendered, want.Rendered)
	e.renderedAsAsked(t, what, "workbook sections", e.sections, got.Sections, want.Sections)
	switch {
	case e.converted > 0 && got.Converted != e.converted:
		t.Errorf("%s: converted %d files, want %d", e.name, got.Converted, e.converted)
	case e.converted < 0 && got.Converted != 0:
		t.Errorf("%s: converted %d files, want none", e.name, got.Converted)
	}
}

// A site's own layout of a workbook part may show more than the part, such
// as the title of the next chapter: its sections are all rendered again,
// never taken from the last workbook.
func TestOwnPartLayoutRenderedEveryTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site three times")
	}
	fsys := bundledSite(t)
	fsys["layouts/partials/print-part.html"] = &fstest.MapFile{Data: []byte(`<section id="{{.Anchor}}"><h1>{{.Page.Meta.Title}}</h1>{{with .Page.Next}}<p>{{.Meta.Title}}</p>{{end}}</section>`)}
	opts := Options{Site: fsys, BuildDate: testDate}
	inc := New(opts)
	if _, err := inc.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The chapter before it shows the new title.
	e := edit{name: "next chapter's title", apply: replaceIn("content/id/konten/produksi-video.md", "title: Kualitas produksi video", "title: Produksi video yang rapi")}
	got, want := e.rebuild(t, inc, fsys, opts)
	e.check(t, "rebuild", got, want)
	parts := 0 // in the Indonesian workbooks, which the edit changed
	for _, f := range want.Files {
		if f.Path == "id/print/index.html" || f.Path == "trainer/id/print/index.html" {
			parts += bytes.Count(f.Body, []byte("<section id="))
		}
	}
	if got.Sections != parts {
		t.Errorf("rendered %d workbook sections, want all %d", got.Sections, parts)
	}
}

// renderedAsAsked checks how many of something a build after the edit
// rendered: ask of them when ask is above zero, none when below, and
// never more than the clean build did.
func (e edit) renderedAsAsked(t *testing.T, what, things string, ask, got, clean int) {
	t.Helper()
	switch {
	case ask > 0 && got != ask:
		t.Errorf("%s: rendered %d %s, want %d", e.name, got, things, ask)
	case ask < 0 && got != 0:
		t.Errorf("%s: rendered %d %s, want none", e.name, got, things)
	case got > clean:
		t.Errorf("%s: %s rendered %d %s, more than a clean build's %d", e.name, what, got, things, clean)
	}
}

// A rebuild that fails keeps what it had; the next good one is right again.
func TestRebuildAfterError(t *testing.T) {
	fsys, opts, inc := builtBundle(t)
	ctx := context.Background()
	chapter := "content/en/pasar/lanskap-2025.md"
	good := fsys[chapter].Data
	fsys[chapter] = &fstest.MapFile{Data: append(bytes.Clone(good), "\n::nope{}\n"...)}
	if _, err := inc.Build(ctx, chapter); err == nil || !strings.Contains(err.Error(), chapter) {
		t.Fatalf("rebuild with an unknown directive: %v", err)
	}
	fsys[chapter] = &fstest.MapFile{Data: append(bytes.Clone(good), "\nFixed.\n"...)}
	got, err := inc.Build(ctx, chapter)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "after the fix", got.Files, want.Files)
}

func sameFiles(t *testing.T, name string, got, want []publish.File) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, clean build has %d", name, len(got), len(want))
	}
	wantBy := map[string][]byte{}
	for _, f := range want {
		wantBy[f.Path] = f.Body
	}
	for _, f := range got {
		w, ok := wantBy[f.Path]
		switch {
		case !ok:
			t.Errorf("%s: %s is not in the clean build", name, f.Path)
		case !bytes.Equal(f.Body, w):
			t.Errorf("%s: %s differs from the clean build", name, f.Path)
		}
	}
}

// The dev server's order: BuildPages serves the edited page at once, with
// the last workbook and search index; Gather then brings those up to date.
func TestBuildPagesThenGather(t *testing.T) {
	fsys, opts, inc := builtBundle(t)
	ctx := context.Background()
	before := body(inc.last, "id/print/index.html")
	chapter := "content/id/pasar/lanskap-2025.md"
	appendTo(chapter, "\nKalimat baru yang unik.\n")(fsys)
	pages, err := inc.BuildPages(ctx, chapter)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(pages.Changed, "id/pasar/lanskap-2025/index.html") {
		t.Errorf("BuildPages did not change the edited page: %v", pages.Changed)
	}
	if body(pages.Files, "id/print/index.html") != before {
		t.Error("BuildPages already changed the workbook; it belongs to Gather")
	}
	all, err := inc.Gather(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(all.Changed, "id/print/index.html") {
		t.Errorf("Gather did not update the workbook: %v", all.Changed)
	}
	want, err := Build(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "gathered", all.Files, want.Files)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func body(files []publish.File, path string) string {
	for _, f := range files {
		if f.Path == path {
			return string(f.Body)
		}
	}
	return ""
}

// A rebuild finds the links that no longer lead where they may, in pages
// it did not convert again, as a clean build does: a page linked to that is
// removed, or that becomes for trainers only.
func TestRebuildFindsLinksLeadingNowhere(t *testing.T) {
	fsys, _, inc := builtBundle(t)
	ctx := context.Background()
	write("content/id/baru/b.md", "---\ntitle: B\n---\nIsi.\n")(fsys)
	write("content/id/baru/a.md", "---\ntitle: A\n---\nLihat [b](b.md).\n")(fsys)
	if _, err := inc.Build(ctx, "content/id/baru"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, b, want string
	}{
		{"for trainers only", "---\ntitle: B\nedition: trainer\n---\nIsi.\n", "for trainers only"},
		{"removed", "", "dead link"},
	} {
		if c.b == "" {
			remove("content/id/baru/b.md")(fsys)
		} else {
			write("content/id/baru/b.md", c.b)(fsys)
		}
		_, err := inc.Build(ctx, "content/id/baru/b.md")
		if err == nil || !strings.Contains(err.Error(), "content/id/baru/a.md") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: rebuild gave %v; want the link in a.md reported (%s)", c.name, err, c.want)
		}
		write("content/id/baru/b.md", "---\ntitle: B\n---\nIsi.\n")(fsys)
		if _, err := inc.Build(ctx, "content/id/baru/b.md"); err != nil {
			t.Fatalf("%s: after the fix: %v", c.name, err)
		}
	}
}

// A site.yaml without a description leaves the pages the build makes (the
// search page and the workbook here), and a chapter without a paragraph of
// its own (a table), described by the language home: by its description,
// else by its first paragraph (past a photo); and a rebuild after that
// text changes gives them the new one.
func TestGeneratedPagesDescribedByHome(t *testing.T) {
	var cover bytes.Buffer
	if err := png.Encode(&cover, image.NewGray(image.Rect(0, 0, 64, 36))); err != nil {
		t.Fatal(err)
	}
	for _, home := range []string{
		"---\ntitle: Beranda\ndescription: Kursus jualan lewat video pendek.\n---\nSelamat datang.\n",
		"---\ntitle: Beranda\n---\n![Sampul](sampul.png)\n\nKursus jualan lewat video pendek.\n\nParagraf kedua.\n",
	} {
		fsys := courseFS(2)
		fsys["content/id/_index.md"].Data = []byte(home)
		fsys["content/id/sampul.png"] = &fstest.MapFile{Data: cover.Bytes()}
		fsys["content/id/s00/tabel.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Tabel\n---\n## Harga\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")}
		opts := Options{Site: fsys, BuildDate: testDate}
		inc := New(opts)
		res, err := inc.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		const meta = `<meta name="description" content="%s">`
		for _, path := range []string{"id/index.html", "id/search/index.html", "id/print/index.html", "id/s00/tabel/index.html"} {
			if got := body(res.Files, path); !strings.Contains(got, fmt.Sprintf(meta, "Kursus jualan lewat video pendek.")) {
				t.Errorf("%s is not described by the home's text in\n%s\n%.600s", path, home, got)
			}
		}
		e := edit{name: "the home's text", apply: replaceIn("content/id/_index.md", "Kursus jualan", "Kelas jualan")}
		got, want := e.rebuild(t, inc, fsys, opts)
		sameFiles(t, e.name, got.Files, want.Files)
		if !strings.Contains(body(got.Files, "id/search/index.html"), fmt.Sprintf(meta, "Kelas jualan lewat video pendek.")) {
			t.Errorf("after the edit of\n%s\nthe search page does not have the home's new text", home)
		}
	}
}

// A home whose _index.md has no description takes site.yaml's, as its
// lead and its meta description.
func TestHomeDescribedBySiteYAML(t *testing.T) {
	fsys := courseFS(2)
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "description: {id: Kursus jualan., en: A selling course.}\n"...)
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"id/index.html": "Kursus jualan.", "en/index.html": "A selling course."} {
		got := body(res.Files, path)
		if !strings.Contains(got, `<meta name="description" content="`+want+`">`) || !strings.Contains(got, `<p class="lead">`+want+`</p>`) {
			t.Errorf("%s has not %q as its description and lead:\n%.1200s", path, want, got)
		}
	}
}

// A chapter whose author wrote no description (as in the real lessons of
// testdata/real) is described to search engines and in link previews by
// its first paragraph, cut short, which the page does not show twice.
func TestChapterDescribedByItsText(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: courseFS(2), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	chapter := body(res.Files, "id/s00/c000/index.html")
	if !regexp.MustCompile(`<meta name="description" content="[^"]{40,}…">`).MatchString(chapter) {
		t.Errorf("the chapter is not described by its first paragraph, cut short:\n%.800s", chapter)
	}
	if strings.Contains(chapter, `class="lead"`) {
		t.Error("the chapter shows its first paragraph again as a lead")
	}
}

// The entry that stands for the chapters a section's list leaves out
// counts them in the plural form of the page's language: a section of 12
// chapters shows 11 around the first, and "1 more chapter".
func TestMoreChaptersCounted(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Course\nlanguages: [en]\n")},
		"content/en/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
	}
	for i := range 12 {
		fsys[fmt.Sprintf("content/en/part/c%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Chapter %d\n---\nText.\n", i))}
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	page := body(res.Files, "en/part/c00/index.html")
	if !strings.Contains(page, ">1 more chapter in this section</a>") {
		t.Errorf("the first chapter's section list does not end with 1 more chapter:\n%s", page)
	}
}

// The English home of a course of one chapter counts it in the singular,
// as its own count and in the progress it shows (a real lesson sampled
// into testdata said "{n} of 1 chapters opened").
func TestHomeCountsOneChapter(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: courseFS(1), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	home := body(res.Files, "en/index.html")
	for _, want := range []string{`<p class="meta">1 chapter ·`, `data-chapters="{n} of 1 chapter opened"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the English home lacks %s:\n%.1500s", want, home)
		}
	}
}
