package readertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/playbook"
	"lentera/generator/site"
)

// The phone: an entry-level Android screen in CSS pixels.
const width, height = 360, 740

func TestMain(m *testing.M) {
	code := m.Run()
	playbook.Remove()
	os.Exit(code)
}

// bundled is the playbook built once for every test of the package.
func bundled(t *testing.T) (string, *site.Site) { return playbook.Built(t) }

// onPhone builds the playbook, serves it, and opens a fresh tab on a
// phone's screen: where most tests start.
func onPhone(t *testing.T) (context.Context, *browser.Server, *site.Site) {
	t.Helper()
	out, s := bundled(t)
	b := phone(t)
	srv := browsertest.Serve(t, out)
	return fresh(t, b), srv, s
}

// phone starts Chromium with a phone's screen.
func phone(t *testing.T) *browser.Browser {
	t.Helper()
	return browsertest.Start(t, browser.Options{Width: width, Height: height})
}

// fresh opens a tab in a new browser context (another reader's phone:
// empty cache, storage and service workers), with a deadline so that a
// page that never loads fails the test instead of hanging it.
func fresh(t *testing.T, b *browser.Browser) context.Context {
	t.Helper()
	tab, cancelTab := b.Fresh()
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	t.Cleanup(func() { cancel(); cancelTab() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func load(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := browser.Load(ctx, url); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// until evaluates js until it is true, for at most d.
func until(t *testing.T, ctx context.Context, js string, d time.Duration) {
	t.Helper()
	end := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("still not true after %v: %s (%v)", d, js, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// shot keeps a screenshot of the tab's screen when READER_SHOTS names a
// folder, for a person to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("READER_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(name)+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector(`+quote(sel)+`) || {}).textContent || ""`)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// click clicks the first element sel matches, as a tap on it would.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if !eval[bool](t, ctx, `(e => e ? (e.click(), true) : false)(document.querySelector(`+quote(sel)+`))`) {
		t.Fatalf("nothing to click at %s", sel)
	}
}
