package browser_test

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// A contents list whose entries point to parts on later pages: the first
// print says where each part lands, and the numbers filled in from it are
// the pages the parts start on. The first part runs over two pages, so
// counting parts would give the wrong numbers.
const numbered = `<!doctype html><title>t</title><style>
@page{size:A4 portrait;margin:10mm}
section{break-before:page}
.tall{height:400mm}
</style>
<nav><ul style="list-style:none">
<li><a href="#satu">Satu</a> <span data-page-for="satu"></span></li>
<li><a href="#dua">Dua</a> <span data-page-for="dua"></span></li>
<li><a href="#tiga-%C3%A9">Tiga</a> <span data-page-for="tiga-%C3%A9"></span></li>
</ul></nav>
<section id="satu"><h1>Satu</h1><div class="tall"></div></section>
<section id="dua"><h1>Dua</h1></section>
<section id="tiga-%C3%A9"><h1>Tiga</h1></section>`

func TestPDFWithPageNumbers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/index.html", numbered)
	b := browsertest.Start(t, browser.Options{})
	s := browsertest.Serve(t, dir)
	tab, cancel := b.Tab()
	defer cancel()
	pdf, err := browser.PDFWithPageNumbers(tab, s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	dests, err := browser.Destinations(pdf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"satu": 2, "dua": 4, "tiga-%C3%A9": 5}
	for id, page := range want {
		if dests[id] != page {
			t.Errorf("destination #%s on page %d, want %d", id, dests[id], page)
		}
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("[data-page-for]")].map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "2 4 5" {
		t.Errorf("numbers filled in: %q, want 2 4 5", got)
	}
	// On paper too, beside each entry.
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: the numbers on paper are not read")
	}
	file := dir + "/out.pdf"
	writeFile(t, file, string(pdf))
	text, err := exec.Command(tool, "-f", "1", "-l", "1", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Satu\s+2\s+Dua\s+4\s+Tiga\s+5`).Match(text) {
		t.Errorf("page 1 reads %q, want each entry with its page", text)
	}
}

// A page without numbers to fill prints once, as PDF prints it.
func TestPDFWithoutPageNumbers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/index.html", `<!doctype html><title>t</title><p>one</p>`)
	b := browsertest.Start(t, browser.Options{})
	s := browsertest.Serve(t, dir)
	tab, cancel := b.Tab()
	defer cancel()
	pdf, err := browser.PDFWithPageNumbers(tab, s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if n := browser.PageCount(pdf); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
}

// An entry whose target does not exist is an error naming it, not a blank.
func TestPDFWithPageNumbersMissingTarget(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/index.html", `<!doctype html><title>t</title><p><a href="#ada">ada</a> <span data-page-for="hilang"></span></p><p id="ada">x</p>`)
	b := browsertest.Start(t, browser.Options{})
	s := browsertest.Serve(t, dir)
	tab, cancel := b.Tab()
	defer cancel()
	if _, err := browser.PDFWithPageNumbers(tab, s.URL+"/"); err == nil || !strings.Contains(err.Error(), "#hilang") {
		t.Errorf("error %v, want one naming #hilang", err)
	}
}

func TestDestinationsRefusesOtherFiles(t *testing.T) {
	for _, in := range []string{"", "not a pdf", "%PDF-1.4\nno table\n%%EOF\n"} {
		if _, err := browser.Destinations([]byte(in)); err == nil {
			t.Errorf("%q read as a PDF", in)
		}
	}
}
