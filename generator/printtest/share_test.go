package printtest

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
)

// The pages a reader shares: a chapter and a worksheet, in each language.
var sharedPages = []string{"/id/konten/produksi-video/", "/en/konten/produksi-video/", "/id/worksheets/produksi-video/", "/en/worksheets/produksi-video/"}

// shareState is what a reader sees of the share action.
type shareState struct {
	Native, WhatsApp, Copy bool   // shown
	Href                   string // of the WhatsApp link
	Title                  string
	Status                 string
	Copied                 string // what the page put on the clipboard
	Shared                 map[string]string
}

const readShare = `(() => {
  const box = document.querySelector(".share"), shown = s => { const e = box.querySelector(s); return !!e && e.getClientRects().length > 0; };
  return {native: shown(".share-native"), whatsApp: shown(".share-wa"), copy: shown(".share-copy"),
    href: box.querySelector(".share-wa").href, title: box.dataset.shareTitle, status: box.querySelector(".share-status").textContent,
    copied: window.__copied || "", shared: window.__shared || null};
})()`

// beforeScripts runs js in the tab's next pages before their own scripts.
func beforeScripts(t *testing.T, tab context.Context, js string) {
	t.Helper()
	_, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func shareOf(t *testing.T, tab context.Context) shareState {
	t.Helper()
	st, err := chromedp.Run(tab, chromedp.Evaluate[shareState](readShare))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Where the browser has no Web Share (a desktop browser), a reader gets a
// WhatsApp link with the page's title and address, and a button that
// copies the address.
func TestShareFallback(t *testing.T) {
	b, srv, s := inBrowser(t)
	inTabs(t, b, sharedPages, func(t *testing.T, tab context.Context, path string) {
		beforeScripts(t, tab, `Object.defineProperty(Navigator.prototype, "share", {value: undefined});
			Object.defineProperty(Clipboard.prototype, "writeText", {value: text => { window.__copied = text; return Promise.resolve(); }});`)
		if err := browser.Load(tab, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		st := shareOf(t, tab)
		if st.Native || !st.WhatsApp || !st.Copy {
			t.Fatalf("shown: share sheet %v, WhatsApp %v, copy %v; want WhatsApp and copy", st.Native, st.WhatsApp, st.Copy)
		}
		address := strings.TrimSuffix(s.Config.BaseURL, "/") + path
		text := whatsAppText(t, st.Href)
		if text != st.Title+"\n"+address || st.Title == "" {
			t.Errorf("WhatsApp text %q, want the title %q and %s", text, st.Title, address)
		}
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".share-copy"))); err != nil {
			t.Fatal(err)
		}
		if err := browser.WaitFor(tab, `document.querySelector(".share-status").textContent !== ""`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		st = shareOf(t, tab)
		want := map[bool]string{true: "Tautan disalin", false: "Link copied"}[strings.HasPrefix(path, "/id/")]
		if st.Copied != address || st.Status != want {
			t.Errorf("copy put %q on the clipboard and said %q; want %s and %q", st.Copied, st.Status, address, want)
		}
	})
}

// Where the browser has Web Share (a phone), its share sheet is offered
// instead, with the title and address.
func TestShareNative(t *testing.T) {
	b, srv, s := inBrowser(t)
	inTabs(t, b, sharedPages[:1], func(t *testing.T, tab context.Context, path string) {
		beforeScripts(t, tab, `Object.defineProperty(Navigator.prototype, "share", {value: d => { window.__shared = d; return Promise.resolve(); }});`)
		if err := browser.Load(tab, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		st := shareOf(t, tab)
		if !st.Native || st.WhatsApp || st.Copy {
			t.Fatalf("shown: share sheet %v, WhatsApp %v, copy %v; want the share sheet only", st.Native, st.WhatsApp, st.Copy)
		}
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".share-native"))); err != nil {
			t.Fatal(err)
		}
		st = shareOf(t, tab)
		if st.Shared["url"] != strings.TrimSuffix(s.Config.BaseURL, "/")+path || st.Shared["title"] != st.Title {
			t.Errorf("shared %v", st.Shared)
		}
	})
}

// Without JavaScript the WhatsApp link is there and works; on paper there
// is nothing to share.
func TestShareWithoutScriptsAndInPrint(t *testing.T) {
	b, srv, s := inBrowser(t)
	inTabs(t, b, sharedPages[:1], func(t *testing.T, tab context.Context, path string) {
		_, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return chromedp.Void{}, err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := browser.Load(tab, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		// Scripts are off in the page; the test reads it from its own world.
		st, err := chromedp.Run(tab, chromedp.EvaluateAsDevTools[shareState](readShare))
		if err != nil {
			t.Fatal(err)
		}
		if !st.WhatsApp || st.Native || st.Copy {
			t.Errorf("without scripts: share sheet %v, WhatsApp %v, copy %v; want the WhatsApp link only", st.Native, st.WhatsApp, st.Copy)
		}
		if text := whatsAppText(t, st.Href); !strings.Contains(text, strings.TrimSuffix(s.Config.BaseURL, "/")+path) {
			t.Errorf("the WhatsApp link says %q, without the page's address", text)
		}
		if err := browser.EmulateMedia(tab, "print"); err != nil {
			t.Fatal(err)
		}
		shown, err := chromedp.Run(tab, chromedp.EvaluateAsDevTools[bool](`document.querySelector(".share").getClientRects().length > 0`))
		if err != nil {
			t.Fatal(err)
		}
		if shown {
			t.Error("the share action is printed")
		}
	})
}

func whatsAppText(t *testing.T, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "https" || u.Host != "wa.me" || u.Path != "/" {
		t.Fatalf("the WhatsApp link is %q, want https://wa.me/?text=…", href)
	}
	return u.Query().Get("text")
}
