package readertest

import (
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
	for _, scheme := range []string{"light", "dark"} {
		ctx := fresh(t, b)
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			load(t, ctx, srv.URL+p)
			if p == "/id/search/?q=kalender" {
				until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
			}
			eval[bool](t, ctx, axe+"; true")
			got := eval[string](t, ctx, `axe.run(document, {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}})
				.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + (n.failureSummary || "").slice(0, 160))}))))`)
			var violations []any
			if err := json.Unmarshal([]byte(got), &violations); err != nil {
				t.Fatal(err)
			}
			if len(violations) > 0 {
				t.Errorf("%s theme, %s: %s", scheme, p, got)
				shot(t, ctx, "axe-"+scheme+p)
			}
		}
	}
}
