package printtest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
)

// The navigation of a chapter page, by the selectors the layouts give it.
var chrome = []string{".skip-link", ".site-header", ".breadcrumbs", ".toc", ".prev-next", ".course-nav", ".site-footer", ".embed-actions"}

// A printed chapter holds the chapter, all of it, and none of the site
// around it. What the page shows on screen is read from the DOM; what
// reached paper is read back out of the PDF.
func TestChapterPDFHasTextNotNavigation(t *testing.T) {
	b, srv, _ := inBrowser(t)
	inTabs(t, b, []string{"/id/konten/produksi-video/", "/en/pasar/lanskap-2025/"}, func(t *testing.T, tab context.Context, path string) {
		pdf, err := browser.PDF(tab, srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		printed := words(strings.Join(pdfPages(t, pdf), " "))
		checkA4(t, pdf)
		screen, err := chromedp.Run(tab, chromedp.Evaluate[pageText](pageTextJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(screen.Blocks) < 5 || len(screen.Chrome) < 5 {
			t.Fatalf("the page shows %d blocks of chapter text and %d lines of navigation; the selectors no longer match the layouts", len(screen.Blocks), len(screen.Chrome))
		}
		for _, block := range screen.Blocks {
			if !strings.Contains(printed, words(block)) {
				t.Errorf("the PDF lacks the chapter's text %q", block)
			}
		}
		// Text extraction reads a table row line by line across its
		// cells, so a wrapped cell comes out in pieces: a cell only
		// needs each of its words on paper.
		vocabulary := map[string]bool{}
		for _, w := range strings.Fields(printed) {
			vocabulary[w] = true
		}
		for _, cell := range screen.Cells {
			for _, w := range strings.Fields(words(cell)) {
				if !vocabulary[w] {
					t.Errorf("the PDF lacks %q of the table cell %q", w, cell)
				}
			}
		}
		content := words(strings.Join(append(screen.Blocks, screen.Cells...), " "))
		for _, line := range screen.Chrome {
			w := words(line)
			// A chapter can name a chapter the navigation also links;
			// only what the chapter itself does not say must be absent.
			if w == "" || strings.Contains(content, w) {
				continue
			}
			if strings.Contains(printed, w) {
				t.Errorf("the PDF shows navigation %q", line)
			}
		}
	})
}

// pageText is the chapter's own text and the text of the site's
// navigation around it, as the screen shows them.
type pageText struct {
	Blocks []string // headings, paragraphs and list items of the chapter
	Cells  []string // table cells of the chapter
	Chrome []string // every line of every navigation element
}

var pageTextJS = `(() => {
	const chrome = ` + jsList(chrome) + `;
	const inChrome = el => chrome.some(sel => el.closest(sel));
	const texts = sel => [...document.querySelectorAll(sel)]
		.filter(el => !inChrome(el) && !el.closest("details:not([open])"))
		.map(el => el.innerText.trim()).filter(s => s);
	const blocks = texts("article .page-head > :is(h1, .lead), article .objectives li, article .content :is(h1, h2, h3, h4, p, li, caption):not(th *, td *)");
	const lines = chrome.flatMap(sel => [...document.querySelectorAll(sel)])
		.flatMap(el => (el.innerText || el.textContent).split("\n"))
		.map(s => s.trim()).filter(s => s);
	return {Blocks: blocks, Cells: texts("article .content :is(th, td)"), Chrome: lines};
})()`

func jsList(items []string) string {
	return `["` + strings.Join(items, `", "`) + `"]`
}
