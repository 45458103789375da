package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// TestBrowserClient runs the reload client in headless Chromium: a CSS
// change swaps the stylesheet without a reload, an edit reloads at the same
// scroll position, a broken build shows the overlay with focus in it, and
// the fix brings the page back.
func TestBrowserClient(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	files := map[string]string{}
	for k, v := range tinySite {
		files[k] = v
	}
	long := strings.Repeat("Paragraf panjang untuk menggulir halaman.\n\n", 120)
	files["content/id/a.md"] = chapterA("Teks pertama.\n\n" + long)
	s := start(t, files, Options{})
	b := browsertest.Start(t, browser.Options{Width: 800, Height: 600})
	tab, cancel := b.Tab()
	defer cancel()
	run := func(what, script string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Evaluate[any](script)); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// until waits for a JavaScript condition on the page. A reload in
	// between fails an evaluation; it is tried again on the new page.
	until := func(what, condition string) {
		t.Helper()
		deadline := time.Now().Add(wait)
		for {
			ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](condition))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within %s (last error: %v)", what, wait, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	if _, err := chromedp.Run(tab, chromedp.Navigate(s.root+"/kursus/id/a/")); err != nil {
		t.Fatal(err)
	}
	until("the stream is open", `document.readyState === "complete"`)
	run("scroll and mark the page", `window.scrollTo(0, 1500); window.notReloaded = true`)
	// The page must be connected before the files change.
	deadline := time.Now().Add(wait)
	for s.srv.events.streams() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the page never opened its event stream")
		}
		time.Sleep(10 * time.Millisecond)
	}

	writeFile(t, s.dir, "assets/css/20-test.css", "main { outline: 3px solid #123456 }\n")
	until("the stylesheet is swapped in place",
		`window.notReloaded === true && getComputedStyle(document.querySelector("main")).outlineColor === "rgb(18, 52, 86)"`)
	until("one stylesheet link is left", `document.querySelectorAll('link[rel="stylesheet"]').length === 1`)

	save(t, s.dir, "content/id/a.md", chapterA("Teks kedua.\n\n"+long))
	until("the page reloads with the edit", `window.notReloaded === undefined && document.body.textContent.includes("Teks kedua.")`)
	until("the scroll position is kept", `Math.abs(window.scrollY - 1500) < 2`)

	save(t, s.dir, "content/id/a.md", chapterA("Teks ketiga.\n\n::nope\n\n"+long))
	until("the overlay shows, focused",
		`document.getElementById("lentera-error") !== null && document.activeElement.id === "lentera-error" &&
		 document.getElementById("lentera-error").textContent.includes("content/id/a.md:8")`)
	run("mark the broken page", `window.notReloaded = true`)

	save(t, s.dir, "content/id/a.md", chapterA("Teks keempat.\n\n"+long))
	until("the fixed page comes back", `window.notReloaded === undefined && document.getElementById("lentera-error") === null &&
		document.body.textContent.includes("Teks keempat.")`)
}
