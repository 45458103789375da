// Package browser drives a real headless Chromium for the commands and
// tests that need one: printing pages to PDF, and checking pages the way a
// reader's browser shows them.
//
// Start finds the binary ($CHROMIUM, then chromium, chromium-browser,
// google-chrome and google-chrome-stable on $PATH) and starts it headless
// with a fresh, temporary profile and flags that work as root in CI. Serve
// serves a built site folder the way a static host does. PDF prints a page.
// The browsertest package wraps both for tests, skipping a test cleanly on a
// machine without Chromium.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// ErrNotFound means no Chromium or Chrome binary was found.
var ErrNotFound = errors.New("no Chromium found: install the chromium package or set $CHROMIUM to a Chromium or Chrome binary")

// Names are the binaries Path looks for on $PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path finds a Chromium or Chrome binary: $CHROMIUM when set, else the first
// of Names on $PATH. It returns ErrNotFound when there is none.
func Path() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("$CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range Names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Options say how to start the browser.
type Options struct {
	ExecPath      string // the binary; Path() when ""
	Width, Height int    // the window in CSS pixels; 1280×900 when 0
}

// Browser is a running headless Chromium.
type Browser struct {
	ctx         context.Context // the first tab; holds the browser
	cancelTab   context.CancelFunc
	cancelAlloc context.CancelFunc
}

// Start starts headless Chromium. Close stops it and removes its profile.
func Start(parent context.Context, opts Options) (*Browser, error) {
	if opts.ExecPath == "" {
		p, err := Path()
		if err != nil {
			return nil, err
		}
		opts.ExecPath = p
	}
	if opts.Width == 0 || opts.Height == 0 {
		opts.Width, opts.Height = 1280, 900
	}
	// chromedp's defaults already run headless with no first-run dialogs,
	// no background networking, no sync and a temporary user-data-dir that
	// it removes on exit; the flags below say so again where it matters, so
	// a change of defaults cannot bring them back.
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(opts.ExecPath),
		chromedp.NoSandbox, // CI runs as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), // screenshots and PDFs without scrollbar gutters
		chromedp.WindowSize(opts.Width, opts.Height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, flags...)
	ctx, cancelTab := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // start the browser now, not at the first page
		cancelTab()
		cancelAlloc()
		return nil, fmt.Errorf("start %s: %w", opts.ExecPath, err)
	}
	return &Browser{ctx: ctx, cancelTab: cancelTab, cancelAlloc: cancelAlloc}, nil
}

// Tab opens a new tab. Tabs share cookies and local storage, as the tabs of
// one reader's browser do. Close the tab with the returned func.
func (b *Browser) Tab() (context.Context, context.CancelFunc) {
	return chromedp.NewContext(b.ctx)
}

// Fresh opens a tab in a new browser context: empty cache and storage, as
// on another reader's phone.
func (b *Browser) Fresh() (context.Context, context.CancelFunc) {
	return chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
}

// Close stops the browser.
func (b *Browser) Close() error {
	err := chromedp.Cancel(b.ctx)
	b.cancelTab()
	b.cancelAlloc()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("stop browser: %w", err)
	}
	return nil
}
