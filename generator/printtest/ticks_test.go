package printtest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
)

// A box a reader ticks is still ticked after a reload, on a chapter page
// and on the worksheet page; the boxes they did not touch are not, and
// another reader's browser starts empty.
func TestTicksSurviveReload(t *testing.T) {
	b, srv, _ := inBrowser(t)
	inTabs(t, b, []string{"/id/konten/produksi-video/", "/en/worksheets/produksi-video/"}, func(t *testing.T, tab context.Context, path string) {
		if err := browser.Load(tab, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		box := `[data-storage] input[data-key="mikrofon"]`
		// Ticks are shared by the chapter and the worksheet, in every
		// language: each subtest starts from none.
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Reload(), chromedp.Click(chromedp.CSS(box)), chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		ticks := tickedBoxes(t, tab)
		if len(ticks) < 5 {
			t.Fatalf("found %d boxes; the checklist is missing", len(ticks))
		}
		for key, on := range ticks {
			if on != (key == "mikrofon") {
				t.Errorf("after a reload, box %q ticked = %v", key, on)
			}
		}
		other, cancelOther := b.Fresh()
		defer cancelOther()
		if err := browser.Load(other, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		if ticks := tickedBoxes(t, other); ticks["mikrofon"] {
			t.Error("another browser profile sees this reader's tick")
		}
	})
}

// tickedBoxes reads the state of every kept checkbox on the page.
func tickedBoxes(t *testing.T, tab context.Context) map[string]bool {
	t.Helper()
	ticks, err := chromedp.Run(tab, chromedp.Evaluate[map[string]bool](`Object.fromEntries(
		[...document.querySelectorAll("[data-storage] input[data-key]")].map(i => [i.dataset.key, i.checked]))`))
	if err != nil {
		t.Fatal(err)
	}
	return ticks
}
