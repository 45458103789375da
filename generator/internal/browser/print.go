package browser

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// Job is one page of a built site to print: its site path ("/id/print/")
// and the PDF file to write.
type Job struct {
	Path string
	File string
}

// PrintSite serves the built site in dir, starts Chromium and prints each
// job's page to its file, with the page numbers the page asks for (see
// PDFWithPageNumbers). It returns the page count of each PDF.
func PrintSite(ctx context.Context, dir string, jobs []Job, opts ...ServeOption) ([]int, error) {
	srv, err := Serve(dir, opts...)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	b, err := Start(ctx, Options{})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	tab, cancel := b.Tab()
	defer cancel()
	var pages []int
	for _, job := range jobs {
		pdf, err := PDFWithPageNumbers(tab, srv.URL+job.Path)
		if err != nil {
			return pages, err
		}
		if err := os.MkdirAll(filepath.Dir(job.File), 0o755); err != nil {
			return pages, fmt.Errorf("write %s: %w", job.File, err)
		}
		if err := os.WriteFile(job.File, pdf, 0o644); err != nil {
			return pages, fmt.Errorf("write %s: %w", job.File, err)
		}
		pages = append(pages, PageCount(pdf))
	}
	return pages, nil
}

var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// PageCount counts the page objects of a PDF that Chromium wrote. Chromium
// keeps them outside compressed object streams; other writers may not, so
// this is not a general PDF reader.
func PageCount(pdf []byte) int {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0
	}
	return len(pageObject.FindAll(pdf, -1))
}
