package readertest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lentera/generator/build"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/testsite"
)

// In a course of more than 50 chapters, the home page folds each
// section's chapters under its title: they are not shown (nor laid out)
// until the reader opens the section, from the keyboard too, and a
// folded section says how many of its chapters the reader has opened;
// axe finds nothing in either theme. The playbook's 13 chapters stay
// listed open (TestProgressOnHome).
func TestFoldedSections(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{SiteDir: testsite.New(t, testsite.Course(60)), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, out)
	ctx := fresh(t, phone(t))
	ch := res.Site.Lang("id").Chapters[12] // in the second section
	load(t, ctx, srv.URL+ch.URL)
	load(t, ctx, srv.URL+"/id/")

	if n := eval[int](t, ctx, `document.querySelectorAll(".course-sections details.section-pages:not([open])").length`); n != 6 {
		t.Fatalf("%d folded sections, want the 6 of the course", n)
	}
	link := `document.querySelector(` + quote(`.course-sections a[href="`+ch.URL+`"]`) + `)`
	if eval[bool](t, ctx, link+`.checkVisibility()`) {
		t.Error("a chapter of a folded section is shown")
	}
	until(t, ctx, `document.querySelectorAll(".section-pages .section-progress")[1].textContent == " · 1 dari 10 bab sudah dibuka"`, 10*time.Second)
	if got := eval[string](t, ctx, `document.querySelectorAll(".section-pages .section-progress")[0].textContent`); got != "" {
		t.Errorf("the first section, none of whose chapters was opened, says %q", got)
	}
	shot(t, ctx, "home-folded")

	eval[bool](t, ctx, `(document.querySelectorAll(".section-pages > summary")[1].focus(), true)`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, link+`.checkVisibility() && `+link+`.classList.contains("read")`) {
		t.Error("Enter on the second section's title did not show its chapters, the one opened marked")
	}
	axe := browsertest.AxeScript(t)
	for _, scheme := range schemes {
		prefer(t, ctx, scheme)
		checkAxe(t, ctx, axe, scheme+" theme, the home page with a section open")
	}
}
