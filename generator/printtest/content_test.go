package printtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/build"
)

// What the workbook leaves out, read from the HTML (no browser needed):
// drafts, even in a build with --drafts; trainer notes outside the trainer
// edition; answers stay in the page but are hidden on paper by the print
// stylesheet, which the browser tests cover.
func TestWorkbookLeavesOutDraftsAndTrainerNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":             {Data: []byte("title: Kursus\nlanguages: [id]\nbaseURL: https://kursus.example.id/\n")},
		"content/id/_index.md":  {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":       {Data: []byte("---\ntitle: Bab terbit\nweight: 1\n---\nIsi bab.\n\n:::trainer\nCatatan rahasia pelatih.\n:::\n")},
		"content/id/b.md":       {Data: []byte("---\ntitle: Bab konsep\nweight: 2\ndraft: true\n---\nBelum siap.\n")},
		"content/data/cek.yaml": {Data: []byte("kind: checklist\ntitle: Daftar cek\nitems:\n  - text: Satu\n")},
	}
	res, err := build.Build(context.Background(), build.Options{Site: fsys, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Body)
	}
	if !strings.Contains(files["id/b/index.html"], "Bab konsep") {
		t.Fatal("the draft chapter was not built with Drafts on; the test proves nothing")
	}
	participant, trainer := files["id/print/index.html"], files["trainer/id/print/index.html"]
	for name, page := range map[string]string{"participant": participant, "trainer": trainer} {
		if !strings.Contains(page, "Bab terbit") {
			t.Errorf("%s workbook lacks the published chapter", name)
		}
		if strings.Contains(page, "Bab konsep") || strings.Contains(page, "Belum siap") {
			t.Errorf("%s workbook shows the draft", name)
		}
	}
	if strings.Contains(participant, "Catatan rahasia pelatih") {
		t.Error("the participant workbook shows a trainer note")
	}
	if !strings.Contains(trainer, "Catatan rahasia pelatih") {
		t.Error("the trainer workbook lacks the trainer note")
	}
}

// Every image in the workbook loads with the page, so none is missing when
// the browser prints.
func TestWorkbookImagesAreNotLazy(t *testing.T) {
	out, s := bundled(t)
	for _, lang := range s.Config.Languages {
		b, err := os.ReadFile(filepath.Join(out, lang, "print", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if n := strings.Count(page, "<img"); n == 0 {
			t.Fatalf("%s workbook has no image; the test proves nothing", lang)
		}
		if strings.Contains(page, `loading=lazy`) || strings.Contains(page, `loading="lazy"`) {
			t.Errorf("%s workbook has lazy images", lang)
		}
	}
}
