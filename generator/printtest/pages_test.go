package printtest

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// The workbook as the pdf command prints it: every entry of the contents
// carries, on paper, the number of the page where that part starts; every
// section and chapter is a bookmark to that page; and no page that opens a
// section stands mostly empty.
func TestWorkbookPageNumbersAndBookmarks(t *testing.T) {
	b, srv, s := inBrowser(t)
	// Each language, and the trainer edition, whose notes move every page.
	editions := append(append([]string(nil), s.Config.Languages...), "trainer/"+s.Config.DefaultLang())
	inTabs(t, b, editions, func(t *testing.T, tab context.Context, edition string) {
		code := path.Base(edition)
		pdf, err := browser.PDFWithPageNumbers(tab, srv.URL+"/"+edition+"/print/")
		if err != nil {
			t.Fatal(err)
		}
		entries, err := chromedp.Run(tab, chromedp.Evaluate[[]tocEntry](tocEntriesJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) < 10 {
			t.Fatalf("only %d numbered entries in the contents", len(entries))
		}
		pages := pdfPages(t, pdf)
		layout := pdfWords(t, pdf)
		numbers := contentsNumbers(layout, len(entries))
		if len(numbers) != len(entries) {
			t.Fatalf("the contents on paper carry %d page numbers, want one for each of the %d entries: %+v", len(numbers), len(entries), numbers)
		}
		course := s.Config.Title.In(code, s.Config.DefaultLang())
		at := map[string]int{}
		for i, e := range entries {
			n := numbers[i]
			at[e.Title] = n.page
			if !strings.Contains(words(n.text), words(e.Title)) {
				t.Errorf("entry %d reads %q on paper, want %q with its number", i+1, n.text, e.Title)
				continue
			}
			checkStartsOn(t, pages, e, n.page, course)
			if i > 0 && e.First && numbers[i-1].page != n.page {
				t.Errorf("%q shares its section's page, yet is numbered %d after the section's %d", e.Title, n.page, numbers[i-1].page)
			}
			if e.Section {
				checkFilled(t, layout[n.page-1], n.page)
			}
		}
		checkBookmarks(t, pdf, entries, at)
	})
}

// tocEntry is an entry of the workbook's contents as the page shows it.
type tocEntry struct {
	Title   string `json:"title"`
	Section bool   `json:"section"` // a section's opening
	First   bool   `json:"first"`   // the first part of a section, printed on its page
}

const tocEntriesJS = `[...document.querySelectorAll(".wb-toc [data-page-for]")].map(e => {
  const li = e.closest("li");
  return {
    title: e.parentElement.querySelector("a").textContent,
    section: !!li && li.classList.contains("wb-section"),
    first: !!li && !!li.previousElementSibling && li.previousElementSibling.classList.contains("wb-section"),
  };
})`

// checkStartsOn checks that the part an entry names starts on page n: its
// title opens the page, or, for a section's first part, is on the page of
// the section's opening.
func checkStartsOn(t *testing.T, pages []string, e tocEntry, n int, course string) {
	t.Helper()
	if n < 1 || n > len(pages) {
		t.Errorf("%q is numbered %d; the workbook has %d pages", e.Title, n, len(pages))
		return
	}
	if !strings.Contains(words(pages[n-1]), words(e.Title)) {
		t.Errorf("%q is numbered %d, but page %d does not show it", e.Title, n, n)
		return
	}
	if !e.First && pageStartingWith(pages, n-1, e.Title, course) != n-1 {
		t.Errorf("%q is numbered %d, but page %d does not start with it", e.Title, n, n)
	}
}

// checkFilled checks that a page holds text below its middle: a section's
// opening shares its page with what follows, not a title alone.
func checkFilled(t *testing.T, p pdfPage, n int) {
	t.Helper()
	bottom := 0.0
	for _, w := range p.words {
		if w.text == strconv.Itoa(n) && w.y0 > p.height*0.9 {
			continue // the page number in the margin
		}
		bottom = max(bottom, w.y1)
	}
	if bottom < p.height/2 {
		t.Errorf("page %d opens a section and is mostly empty: its text ends %.0f%% down the page", n, 100*bottom/p.height)
	}
}

// checkBookmarks checks that every entry of the contents is a bookmark of
// the PDF, named as the entry, leading to the page where it starts.
func checkBookmarks(t *testing.T, pdf []byte, entries []tocEntry, at map[string]int) {
	t.Helper()
	marks := pdfOutline(t, pdf)
	if len(marks) < len(entries) {
		t.Errorf("the PDF has %d bookmarks, fewer than the %d entries of its contents", len(marks), len(entries))
	}
	for _, e := range entries {
		pages, ok := marks[e.Title]
		if !ok {
			t.Errorf("no bookmark named %q", e.Title)
			continue
		}
		if !containsInt(pages, at[e.Title]) {
			t.Errorf("bookmark %q leads to page %v, want %d", e.Title, pages, at[e.Title])
		}
	}
}

func containsInt(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}

// Headers and footers on, as a reader leaves them in the print dialog: no
// page of the workbook, a chapter or a worksheet carries the browser's date,
// title or address, and a page without the site's @page rules does, so the
// check can see them.
func TestNoBrowserHeaderOrFooter(t *testing.T) {
	b, srv, _ := inBrowser(t)
	bare := t.TempDir()
	if err := os.WriteFile(filepath.Join(bare, "index.html"), []byte(`<!doctype html><title>Halaman polos</title><p>Isi.</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := browsertest.Serve(t, bare)
	tab, cancel := tabFor(b)
	defer cancel()
	if text := printWithHeaders(t, tab, plain.URL+"/"); !strings.Contains(text, "Halaman polos") {
		t.Fatalf("a page without @page rules printed no browser header (%q); the check would see none", text)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	inTabs(t, b, []string{"/id/print/", "/en/print/", "/trainer/id/print/", "/id/konten/produksi-video/", "/en/worksheets/starter-pack/"}, func(t *testing.T, tab context.Context, addr string) {
		text := printWithHeaders(t, tab, srv.URL+addr)
		title, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.title`))
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range strings.Split(text, "\f") {
			if strings.Contains(page, host) {
				t.Errorf("a page carries the browser's address %s:\n%s", host, page)
			}
			// As the header writes it, " · " and all; the cover shows
			// the same words apart.
			if strings.Contains(page, title) {
				t.Errorf("a page carries the document title %q:\n%s", title, page)
			}
			if m := browserDate.FindString(page); m != "" {
				t.Errorf("a page carries the browser's date %q", m)
			}
		}
	})
}

// browserDate is the date Chromium's default header prints: 11/30/26.
var browserDate = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{2}\b`)

// printWithHeaders prints a page with the browser's own header and footer
// switched on, and returns its text.
func printWithHeaders(t *testing.T, tab context.Context, url string) string {
	t.Helper()
	if err := browser.Load(tab, url); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		func(p *page.PrintToPDFParams) { on := true; p.DisplayHeaderFooter = &on },
	))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(pdfPages(t, pdf), "\f")
}

// pdfPage is one page of a PDF as words with their boxes, in points from
// the top left.
type pdfPage struct {
	height float64
	words  []pdfWord
}

type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	bboxPage = regexp.MustCompile(`<page width="[0-9.]+" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pdfWords reads every word of a PDF with its place, with pdftotext -bbox.
func pdfWords(t *testing.T, pdf []byte) []pdfPage {
	t.Helper()
	out := pdftotext(t, pdf, "-bbox")
	var pages []pdfPage
	for _, chunk := range strings.Split(out, "</page>") {
		m := bboxPage.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		p := pdfPage{height: atof(m[1])}
		for _, w := range bboxWord.FindAllStringSubmatch(chunk, -1) {
			p.words = append(p.words, pdfWord{atof(w[1]), atof(w[2]), atof(w[3]), atof(w[4]), html.UnescapeString(w[5])})
		}
		pages = append(pages, p)
	}
	return pages
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// pdftotext runs pdftotext with flags on a PDF and returns what it writes.
func pdftotext(t *testing.T, pdf []byte, flags ...string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		browsertest.Missing(t, "pdftotext not found: install poppler-utils")
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(append([]string{"-enc", "UTF-8"}, flags...), file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// numbered is an entry of the contents as read from paper: its words and
// the page number at the right edge beside its last line.
type numbered struct {
	text string
	page int
}

// contentsNumbers reads the entries of the contents from the pages after
// the cover, line by line, until it has want of them: a line that ends in
// a number at the right edge closes an entry. The page's own number in the
// margin closes an entry with no words, which is dropped.
func contentsNumbers(pages []pdfPage, want int) []numbered {
	var found []numbered
	for _, p := range pages[1:] {
		lines := textLines(p.words)
		edge := 0.0
		for _, l := range lines {
			edge = max(edge, l[len(l)-1].x1)
		}
		var text []string
		for _, l := range lines {
			last := l[len(l)-1]
			n, err := strconv.Atoi(last.text)
			if err != nil || last.x1 < edge-6 {
				text = append(text, wordTexts(l)...)
				continue
			}
			text = append(text, wordTexts(l[:len(l)-1])...)
			if len(text) > 0 {
				found = append(found, numbered{strings.Join(text, " "), n})
			}
			text = nil
			if len(found) == want {
				return found
			}
		}
	}
	return found
}

// textLines groups words into lines from the top, each from the left.
func textLines(ws []pdfWord) [][]pdfWord {
	ws = append([]pdfWord(nil), ws...)
	sort.Slice(ws, func(i, j int) bool {
		if d := ws[i].y0 - ws[j].y0; d < -2 || d > 2 {
			return d < 0
		}
		return ws[i].x0 < ws[j].x0
	})
	var lines [][]pdfWord
	for _, w := range ws {
		if n := len(lines); n > 0 && w.y0-lines[n-1][0].y0 <= 2 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []pdfWord{w})
	}
	return lines
}

func wordTexts(ws []pdfWord) []string {
	var s []string
	for _, w := range ws {
		s = append(s, w.text)
	}
	return s
}

var outlineItem = regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`)

// pdfOutline reads the bookmarks of a PDF with pdftohtml -xml: each name
// with the pages it leads to (a name can recur, as "Learning objectives"
// does in every chapter).
func pdfOutline(t *testing.T, pdf []byte) map[string][]int {
	t.Helper()
	tool, err := exec.LookPath("pdftohtml")
	if err != nil {
		browsertest.Missing(t, "pdftohtml not found: install poppler-utils")
	}
	file := filepath.Join(t.TempDir(), "outline.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-xml", "-i", "-q", "-stdout", file).Output()
	if err != nil {
		t.Fatalf("pdftohtml: %v", err)
	}
	marks := map[string][]int{}
	for _, m := range outlineItem.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[1])
		name := html.UnescapeString(m[2])
		marks[name] = append(marks[name], n)
	}
	return marks
}
