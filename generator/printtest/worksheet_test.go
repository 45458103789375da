package printtest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"lentera/generator/internal/browser"
)

// The bundled video production checklist is a one-page handout in every
// language: on one A4 sheet, with its header, fill-in lines, every item,
// the page's full URL and a QR code that scans to that URL.
func TestWorksheetPrintsOnOneA4Page(t *testing.T) {
	b, srv, s := inBrowser(t)
	const src = "produksi-video"
	inTabs(t, b, s.Config.Languages, func(t *testing.T, tab context.Context, lang string) {
		path := "/" + lang + "/worksheets/" + src + "/"
		pdf, err := browser.PDF(tab, srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, pdf)
		if len(pages) != 1 {
			t.Fatalf("%s prints on %d pages, want 1", path, len(pages))
		}
		checkA4(t, pdf)
		ui := uiStrings(t, lang)
		url := strings.TrimSuffix(s.Config.BaseURL, "/") + path
		want := []string{
			s.Config.Title.In(lang, s.Config.DefaultLang()),
			titleOf(s, src, lang),
			ui["print_name"], ui["print_business"], ui["print_date"], ui["print_notes"],
			url,
		}
		for _, item := range s.Data[src].Checklist.Items() {
			want = append(want, item.Text.In(lang, s.Config.DefaultLang()))
		}
		text := words(pages[0])
		for _, w := range want {
			if !strings.Contains(text, words(w)) {
				t.Errorf("the printed page lacks %q", w)
			}
		}
		for _, key := range []string{"search_placeholder", "print_button", "print_workbook", "skip_to_content"} {
			if strings.Contains(text, words(ui[key])) {
				t.Errorf("the printed page shows site chrome %q (%s)", ui[key], key)
			}
		}
		if got := scanQR(t, tab); got != url {
			t.Errorf("the QR code opens %q, want %q", got, url)
		}
	})
}

// A reader's ticks stay on screen but never reach paper: under print media
// a ticked box is hidden and an empty printed box shows instead.
func TestTickedBoxPrintsEmpty(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	if err := browser.Load(tab, srv.URL+"/en/worksheets/produksi-video/"); err != nil {
		t.Fatal(err)
	}
	first := `.sheet-items li:first-child`
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(first+` input`))); err != nil {
		t.Fatal(err)
	}
	if err := browser.EmulateMedia(tab, "print"); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
		const li = document.querySelector("`+first+`");
		const input = li.querySelector("input"), box = li.querySelector(".box");
		const css = getComputedStyle(box);
		return [String(input.checked), getComputedStyle(input).display, css.display, css.borderTopStyle, css.backgroundColor];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"true", "none", "block", "solid", "rgba(0, 0, 0, 0)"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ticked box under print media: checked, input display, box display, border, fill = %q, want %q", got, want)
	}
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)

// checkA4 checks every page of a PDF is A4 portrait (595.3 × 841.9 pt).
func checkA4(t *testing.T, pdf []byte) {
	t.Helper()
	boxes := mediaBox.FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Fatal("the PDF has no MediaBox")
	}
	for _, m := range boxes {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.3) > 1 || math.Abs(h-841.9) > 1 {
			t.Errorf("page size %.1f × %.1f pt, want A4 portrait 595.3 × 841.9", w, h)
		}
	}
}

// scanQR photographs the page's QR code as Chromium draws it and decodes it.
func scanQR(t *testing.T, tab context.Context) string {
	t.Helper()
	shot, err := chromedp.Run(tab, chromedp.ScreenshotScale(chromedp.CSS("svg.qr"), 4))
	if err != nil {
		t.Fatalf("screenshot of the QR code: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	return decodeQR(t, img)
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the QR code does not scan: %v", err)
	}
	return res.GetText()
}
