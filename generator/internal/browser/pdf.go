package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// Load opens url in the tab and waits until the page, its images and its
// fonts are ready, so that a PDF or a screenshot shows the finished page.
func Load(tab context.Context, url string) error {
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("open %s: %w", url, err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("wait for fonts of %s: %w", url, err)
	}
	return nil
}

// PDF prints the page at url the way a reader's "Save as PDF" does: on A4
// unless the page's @page rule sets a size, with backgrounds, and with no
// browser header or footer (the page prints its own).
func PDF(tab context.Context, url string) ([]byte, error) {
	if err := Load(tab, url); err != nil {
		return nil, err
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(), // a whole workbook can pass the size of one protocol message
	))
	if err != nil {
		return nil, fmt.Errorf("print %s to PDF: %w", url, err)
	}
	return pdf, nil
}
