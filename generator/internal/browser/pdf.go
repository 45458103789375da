package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

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
	return printPDF(tab, url)
}

// printPDF prints the page open in the tab, as it is now.
func printPDF(tab context.Context, url string) ([]byte, error) {
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

// numberPasses is how many times PDFWithPageNumbers fills numbers in and
// prints again at most, before it gives up on numbers that keep moving.
const numberPasses = 4

// PDFWithPageNumbers prints the page at url like PDF, with page numbers
// that only the printed page knows: every element with data-page-for="id"
// gets the number of the page where the element with that id starts, read
// from the first print, and the page is printed again. Filling numbers in
// can move what follows, so it prints until every number holds; a page
// without data-page-for prints once.
func PDFWithPageNumbers(tab context.Context, url string) ([]byte, error) {
	pdf, err := PDF(tab, url)
	if err != nil {
		return nil, err
	}
	ids, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("[data-page-for]")].map(e => e.dataset.pageFor)`))
	if err != nil {
		return nil, fmt.Errorf("find page numbers in %s: %w", url, err)
	}
	if len(ids) == 0 {
		return pdf, nil
	}
	var filled map[string]int
	for range numberPasses {
		dests, err := Destinations(pdf)
		if err != nil {
			return nil, fmt.Errorf("page numbers of %s: %w", url, err)
		}
		nums, err := pagesOf(ids, dests)
		if err != nil {
			return nil, fmt.Errorf("page numbers of %s: %w", url, err)
		}
		if maps.Equal(nums, filled) {
			return pdf, nil
		}
		if err := fillPageNumbers(tab, nums); err != nil {
			return nil, fmt.Errorf("page numbers of %s: %w", url, err)
		}
		filled = nums
		if pdf, err = printPDF(tab, url); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("page numbers of %s still moved after %d prints", url, numberPasses+1)
}

// pagesOf looks up the page of each id. An id without a destination has
// no element, or no link pointing to it, so Chromium named no place for it.
func pagesOf(ids []string, dests map[string]int) (map[string]int, error) {
	nums := map[string]int{}
	for _, id := range ids {
		n, ok := dests[id]
		if !ok {
			return nil, fmt.Errorf("no page for #%s: a page number needs an element with that id and a link to it", id)
		}
		nums[id] = n
	}
	return nums, nil
}

func fillPageNumbers(tab context.Context, nums map[string]int) error {
	js, err := json.Marshal(nums)
	if err != nil {
		return err
	}
	_, err = chromedp.Run(tab, chromedp.Evaluate[bool](`((nums) => {
  document.querySelectorAll("[data-page-for]").forEach(e => { e.textContent = nums[e.dataset.pageFor] });
  return true;
})(`+string(js)+`)`))
	return err
}
