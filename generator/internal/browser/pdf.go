package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
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

// EmulateMedia makes the tab apply the CSS of a media type, "print" or
// "screen"; "" goes back to the default. It lets a check read computed
// styles as a printer would get them.
func EmulateMedia(tab context.Context, media string) error {
	_, err := chromedp.Run(tab, func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return chromedp.Void{}, err
	})
	if err != nil {
		return fmt.Errorf("emulate %q media: %w", media, err)
	}
	return nil
}
