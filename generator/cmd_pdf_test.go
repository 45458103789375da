package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/testsite"
)

// A tiny site: a cover, the contents and one chapter make three pages.
var tinySite = map[string]string{
	"site.yaml":            "title: Kursus Kecil\nlanguages: [id]\nbaseURL: https://kursus.example.id/\n",
	"content/id/_index.md": "---\ntitle: Kursus Kecil\n---\nSelamat datang.\n",
	"content/id/bab.md":    "---\ntitle: Bab satu\n---\nIsi bab satu.\n",
}

func TestPDFWritesWorkbook(t *testing.T) { pdfWorkbook(t) }

// Published under a sub-path, the workbook is still printed with its
// stylesheet, which is what puts the cover and contents on pages of their
// own.
func TestPDFUnderSubPath(t *testing.T) {
	pdfWorkbook(t, "--base-url", "https://kursus.example.id/kelas/")
}

func pdfWorkbook(t *testing.T, flags ...string) {
	if _, err := browser.Path(); err != nil {
		browsertest.Missing(t, err.Error())
	}
	siteDir, out := testsite.New(t, tinySite), filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := runPDF(append([]string{"--site", siteDir, "--out", out}, flags...), &stdout, &stderr); err != nil {
		t.Fatalf("pdf: %v\n%s", err, stderr.String())
	}
	file := filepath.Join(out, "id", "workbook.pdf")
	pdf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := browser.PageCount(pdf); n != 3 {
		t.Errorf("the workbook has %d pages, want 3 (cover, contents, chapter)", n)
	}
	if want := "wrote " + file + " (3 pages)\n"; stdout.String() != want {
		t.Errorf("output %q, want %q", stdout.String(), want)
	}
}

// Without Chromium the command says so in one line, succeeds and writes
// nothing.
func TestPDFWithoutChromium(t *testing.T) {
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	siteDir, out := testsite.New(t, tinySite), filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := runPDF([]string{"--site", siteDir, "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("pdf without Chromium failed: %v", err)
	}
	if lines := strings.Split(strings.TrimSpace(stdout.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "skipped") || !strings.Contains(lines[0], "Chromium") {
		t.Errorf("output %q, want one line saying it skipped for lack of Chromium", stdout.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written without Chromium", out)
	}
}
