package readertest

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"lentera/generator/build"
	"lentera/generator/internal/browser/browsertest"
)

// Every kind of page passes axe-core with no violation of any impact, in
// the light and the dark theme.
func TestAxeBothThemes(t *testing.T) {
	axe := browsertest.AxeScript(t)
	out, s := bundled(t)
	b := phone(t)
	srv := browsertest.Serve(t, out)
	id := s.Lang("id")
	pages := []string{
		"/", "/id/", "/en/", id.Home.Children[1].URL, id.Chapters[5].URL, id.Chapters[0].URL, id.Chapters[4].URL,
		id.Chapters[len(id.Chapters)-2].URL, "/id/worksheets/produksi-video/", "/id/search/?q=kalender",
		"/id/print/", "/id/tidak-ada/", "/trainer/", "/trainer/id/", "/trainer" + id.Chapters[5].URL,
	}
	for _, scheme := range schemes {
		ctx := fresh(t, b)
		prefer(t, ctx, scheme)
		for _, p := range pages {
			load(t, ctx, srv.URL+p)
			if p == "/id/search/?q=kalender" {
				until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
			}
			checkAxe(t, ctx, axe, scheme+" theme, "+p)
		}
	}
}

// The real lessons in build/testdata, which we did not write, pass axe
// too, page by page, and none is wider than the phone: their authors'
// headings skip levels, which the build mends, and their raw HTML tables
// are wider than the screen, which scroll in their own box.
func TestAxeRealLessons(t *testing.T) {
	axe := browsertest.AxeScript(t)
	b := phone(t)
	for _, lesson := range []string{"shell-novice", "git-novice", "spreadsheet-lesson"} {
		out := t.TempDir()
		if _, err := build.Build(context.Background(), build.Options{SiteDir: filepath.Join("..", "build", "testdata", "real", lesson), Out: out}); err != nil {
			t.Fatal(err)
		}
		srv := browsertest.Serve(t, out)
		ctx := fresh(t, b)
		pages, _ := filepath.Glob(filepath.Join(out, "*", "*", "index.html"))
		if len(pages) < 2 {
			t.Fatalf("%s: %d pages, too few to be the lesson", lesson, len(pages))
		}
		for _, p := range pages {
			rel, _ := filepath.Rel(out, filepath.Dir(p))
			url := "/" + filepath.ToSlash(rel) + "/"
			if strings.HasSuffix(url, "/search/") {
				continue // an empty search page; TestAxeBothThemes has one with results
			}
			load(t, ctx, srv.URL+url)
			checkAxe(t, ctx, axe, lesson+" "+url)
			if w := eval[float64](t, ctx, `document.scrollingElement.scrollWidth`); w > 360 {
				t.Errorf("%s %s is %v px wide, wider than the phone", lesson, url, w)
			}
		}
	}
}

var schemes = []string{"light", "dark"}

// prefer makes the tab's pages see the reader's colour scheme.
func prefer(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkAxe runs axe-core (its source in axe) on the tab's page as it is,
// and fails the test, named so by what, on a violation of any impact.
func checkAxe(t *testing.T, ctx context.Context, axe, what string) {
	t.Helper()
	eval[bool](t, ctx, axe+"; true")
	got := eval[string](t, ctx, `axe.run(document, {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + (n.failureSummary || "").slice(0, 160))}))))`)
	var violations []any
	if err := json.Unmarshal([]byte(got), &violations); err != nil {
		t.Fatal(err)
	}
	if len(violations) > 0 {
		t.Errorf("%s: %s", what, got)
		shot(t, ctx, "axe-"+what)
	}
}
