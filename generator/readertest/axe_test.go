package readertest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

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
