package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// phone is the browser the tests read search with: a phone-sized viewport.
var phone = browser.Options{Width: 412, Height: 915}

// host serves a built site as the measurements need it: every response
// logged with its size before and after gzip, and files kept in the
// browser's cache, so that within one browser context a file asked for
// again comes from memory as on a real host, while a fresh context starts
// empty.
var host = []browser.ServeOption{browser.WithLog(), browser.WithMaxAge(10 * time.Minute)}

var playbook struct {
	once sync.Once
	dir  string
	srv  *browser.Server
	err  error
}

// TestMain removes the playbook build shared by the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if playbook.srv != nil {
		playbook.srv.Close()
	}
	if playbook.dir != "" {
		os.RemoveAll(playbook.dir)
	}
	os.Exit(code)
}

// servePlaybook builds the bundled playbook (the repository root) into a
// temporary folder once per test binary and serves it.
func servePlaybook(t *testing.T) *browser.Server {
	t.Helper()
	playbook.once.Do(func() {
		out, err := os.MkdirTemp("", "lentera-playbook-")
		playbook.dir = out
		if err != nil {
			playbook.err = err
			return
		}
		if _, err := BuildSite(context.Background(), filepath.Join("..", "..", ".."), out); err != nil {
			playbook.err = fmt.Errorf("build: %w", err)
			return
		}
		for _, lang := range []string{"id", "en"} {
			if !HasIndex(out, lang) {
				playbook.err = fmt.Errorf("the build wrote no %s search index", lang)
				return
			}
		}
		playbook.srv, playbook.err = browser.Serve(out, host...)
	})
	if playbook.err != nil {
		t.Fatal(playbook.err)
	}
	return playbook.srv
}

// startBrowser skips the test under -short, saying what it would do, and
// otherwise starts headless Chromium with a phone's viewport for it.
// browsertest skips the test on a machine without Chromium, and fails it
// under CI.
func startBrowser(t *testing.T, does string) *browser.Browser {
	t.Helper()
	if testing.Short() {
		t.Skip(does)
	}
	return browsertest.Start(t, phone)
}

// eval runs a JavaScript expression (awaiting a promise) in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// pageDone is true once a search page has shown the results of the query
// in its address: our client and the Pagefind page both set it.
const pageDone = `document.body.dataset.done === "1"`

// load opens url in the tab and waits at most timeout for the JavaScript
// condition done.
func load(ctx context.Context, url, done string, timeout time.Duration) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("open %s: %w", url, err)
	}
	return browser.WaitFor(ctx, done, timeout)
}

// openSearch loads a search page and waits for its first results.
func openSearch(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := load(ctx, url, pageDone, 10*time.Second); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// waitFor waits at most 10 seconds for a JavaScript condition in the page.
func waitFor(t *testing.T, ctx context.Context, condition string) {
	t.Helper()
	if err := browser.WaitFor(ctx, condition, 10*time.Second); err != nil {
		t.Fatal(err)
	}
}

// resultLinksJS lists the links of the results on a search page.
const resultLinksJS = `Array.from(document.querySelectorAll("#search-results > li > a")).map(a => a.getAttribute("href"))`

func resultLinks(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, resultLinksJS)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// writeFile writes b to p, making its folder.
func writeFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}
