package browser_test

import (
	"bytes"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// A page that asks for A4 prints on A4, one sheet per forced page break.
func TestPDF(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><title>t</title><style>@page{size:A4 portrait;margin:10mm}</style>
<p>one</p><p style="break-before:page">two</p><p style="break-before:page">three</p>`
	writeFile(t, dir+"/index.html", page)
	b := browsertest.Start(t, browser.Options{})
	s := browsertest.Serve(t, dir)
	tab, cancel := b.Tab()
	defer cancel()
	pdf, err := browser.PDF(tab, s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	// Page objects carry "/Type /Page" uncompressed in Chromium's PDFs.
	if n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1)); n != 3 {
		t.Errorf("%d pages, want 3", n)
	}
	box := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`).FindSubmatch(pdf)
	if box == nil || !near(box[1], 595.3) || !near(box[2], 841.9) {
		t.Errorf("MediaBox %q, want A4 (595.3×841.9 points)", box)
	}
}

// WaitFor returns once the page says so, and fails on a condition that
// stays false.
func TestWaitFor(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/index.html", `<!doctype html><title>t</title><body>
<script>setTimeout(() => { document.body.dataset.done = "1" }, 300)</script>`)
	b := browsertest.Start(t, browser.Options{})
	s := browsertest.Serve(t, dir)
	tab, cancel := b.Fresh()
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate(s.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if err := browser.WaitFor(tab, `document.body.dataset.done === "1"`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := browser.WaitFor(tab, `document.body.dataset.never === "1"`, 200*time.Millisecond); err == nil {
		t.Error("a condition that stays false was met")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("a 200ms wait took %v", took)
	}
}

func near(b []byte, want float64) bool {
	got, err := strconv.ParseFloat(string(b), 64)
	return err == nil && math.Abs(got-want) < 1
}

func TestPathFromEnv(t *testing.T) {
	t.Setenv("CHROMIUM", "/no/such/chromium")
	if _, err := browser.Path(); err == nil {
		t.Error("a $CHROMIUM that does not exist was accepted")
	}
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	if _, err := browser.Path(); err != browser.ErrNotFound {
		t.Errorf("empty $PATH: %v, want ErrNotFound", err)
	}
}

func writeFile(t *testing.T, name, body string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
