package build

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/publish"
)

const previewed = "content/id/konten/produksi-video.md"

// A preview of an edit to a chapter's text is, page for page, what the
// build after it makes: the chapter in both editions and its slides.
func TestPreviewIsWhatTheBuildMakes(t *testing.T) {
	fsys := bundledSite(t)
	b := New(Options{Site: fsys, BuildDate: testDate})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	appendTo(previewed, "\n## Satu bagian lagi\n\nLihat [lanskap](../pasar/lanskap-2025.md) dan [bagian ini](#satu-bagian-lagi).\n")(fsys)
	page := b.shown.conv.site.PageOf(previewed)
	doc, source := b.shown.docs[page], page.Source
	files, ok := b.Preview(context.Background(), previewed)
	if !ok {
		t.Fatal("no preview of an edit to the text under the front matter")
	}
	if b.shown.docs[page] != doc || !bytes.Equal(page.Source, source) {
		t.Error("the preview left its conversion in the last build's model")
	}
	want := []string{"id/konten/produksi-video/index.html", "trainer/id/konten/produksi-video/index.html", "trainer/id/konten/produksi-video/slides/index.html"}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("previewed %v, want %v", got, want)
	}
	previewIsBuilt(t, b, files, "Satu bagian lagi")
}

// An edit to what a chapter shows of itself in its front matter (title,
// description, objectives, duration) is previewed too, and the preview is
// what the build after it makes. The model keeps its front matter.
func TestPreviewOfFrontMatter(t *testing.T) {
	fsys := bundledSite(t)
	// A sibling of the same weight, whose order against it the file
	// names decide, whatever the title.
	replaceIn("content/id/konten/konsistensi-kalender.md", "weight: 30", "weight: 20")(fsys)
	b := New(Options{Site: fsys, BuildDate: testDate})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, e := range []func(fstest.MapFS) []string{
		replaceIn(previewed, "title: Kualitas produksi video", "title: Produksi video yang rapi"),
		replaceIn(previewed, "description: Cahaya,", "description: Lampu,"),
		replaceIn(previewed, "  - Memeriksa suara", "  - Menguji suara"),
		replaceIn(previewed, "duration: 45m", "duration: 50m"),
	} {
		e(fsys)
	}
	page := b.shown.conv.site.PageOf(previewed)
	was := page.Meta
	files, ok := b.Preview(context.Background(), previewed)
	if !ok {
		t.Fatal("no preview of an edit to the title, description, objectives and duration")
	}
	if !reflect.DeepEqual(page.Meta, was) {
		t.Error("the preview left its front matter in the last build's model")
	}
	previewIsBuilt(t, b, files, "Produksi video yang rapi", "Menguji suara")
}

// previewIsBuilt builds the previewed edit and checks that each previewed
// file is the built one, byte for byte, and shows the edit.
func previewIsBuilt(t *testing.T, b *Builder, files []publish.File, edit ...string) {
	t.Helper()
	res, err := b.Build(context.Background(), previewed)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		built := outputFile(t, res, f.Path)
		if !bytes.Equal(f.Body, built) {
			t.Errorf("%s: the preview differs from the build:\n%s", f.Path, firstDifference(f.Body, built))
		}
		for _, s := range edit {
			if !bytes.Contains(f.Body, []byte(s)) {
				t.Errorf("%s: the preview lacks %q", f.Path, s)
			}
		}
	}
}

// What an edit may change beyond its own pages, or gets wrong, is left to
// the build: Preview declines.
func TestPreviewDeclines(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		edit func(fstest.MapFS) []string
	}{
		{"the weight, which orders the menus", previewed, replaceIn(previewed, "weight: 20", "weight: 40")},
		{"draft", previewed, replaceIn(previewed, "weight: 20", "weight: 20\ndraft: true")},
		{"a dead link", previewed, appendTo(previewed, "\n[hilang](../tidak-ada.md)\n")},
		{"a missing anchor", previewed, appendTo(previewed, "\n[hilang](#tidak-ada)\n")},
		{"nothing", previewed, func(fstest.MapFS) []string { return nil }},
		{"a new file", "content/id/konten/baru.md", func(fsys fstest.MapFS) []string {
			fsys["content/id/konten/baru.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Baru\n---\nTeks.\n")}
			return nil
		}},
		{"a data file", "content/data/kalender-konten.yaml", appendTo("content/data/kalender-konten.yaml", "\n")},
		{"a broken directive", previewed, appendTo(previewed, "\n:::tidak-dikenal\nx\n:::\n")},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := bundledSite(t)
			// A sibling of the same weight, ordered by file name.
			replaceIn("content/id/konten/konsistensi-kalender.md", "weight: 30", "weight: 20")(fsys)
			b := New(Options{Site: fsys, BuildDate: testDate})
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			c.edit(fsys)
			if files, ok := b.Preview(context.Background(), c.file); ok {
				t.Errorf("previewed %d files", len(files))
			}
		})
	}
}

// Without a complete build to start from, nothing is previewed: before
// the first, after one that failed, and between the pages and gather
// phases.
func TestPreviewNeedsACompleteBuild(t *testing.T) {
	fsys := bundledSite(t)
	b := New(Options{Site: fsys, BuildDate: testDate})
	edit := appendTo(previewed, "\nSatu kalimat lagi.\n")
	edit(fsys)
	if _, ok := b.Preview(context.Background(), previewed); ok {
		t.Error("previewed before the first build")
	}
	if _, err := b.BuildPages(context.Background()); err != nil {
		t.Fatal(err)
	}
	edit(fsys)
	if _, ok := b.Preview(context.Background(), previewed); ok {
		t.Error("previewed before the gather phase")
	}
	if _, err := b.Gather(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Preview(context.Background(), previewed); !ok {
		t.Error("no preview after a complete build")
	}
	broken := "content/id/konten/strategi-konten.md"
	fsys[broken] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	if _, err := b.Build(context.Background(), broken, previewed); err == nil {
		t.Fatal("a broken front matter built")
	}
	edit(fsys)
	if _, ok := b.Preview(context.Background(), previewed); ok {
		t.Error("previewed after a failed build")
	}
}

// firstDifference shows where two outputs part, with some context.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "preview: …" + string(a[from:min(len(a), i+80)]) + "\nbuild:   …" + string(b[from:min(len(b), i+80)])
}
