package readertest

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

// No page of the bundled site scrolls sideways on a phone: wide tables
// and code scroll inside their own boxes.
func TestNoSidewaysScroll(t *testing.T) {
	out, _ := bundled(t)
	b := phone(t)
	srv := browsertest.Serve(t, out)
	ctx := fresh(t, b)
	var pages []string
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 50 {
		t.Fatalf("found only %d pages", len(pages))
	}
	for _, p := range pages {
		load(t, ctx, srv.URL+p)
		if w := eval[float64](t, ctx, `document.documentElement.scrollWidth - innerWidth`); w > 0 {
			t.Errorf("%s is %v px wider than the screen", p, w)
			shot(t, ctx, "wide-"+p)
		}
	}
	t.Logf("%d pages checked", len(pages))
}

// A chapter's first view, on an empty cache, costs at most 30 KB and 6
// requests; the service worker's own work comes after the page has
// loaded. The figures of a slow 3G connection are logged.
func TestChapterFirstView(t *testing.T) {
	out, s := bundled(t)
	b := phone(t)
	srv := browsertest.Serve(t, out, browser.WithLog(), browser.WithMaxAge(time.Hour))
	ch := s.Lang("id").Chapters[len(s.Lang("id").Chapters)-3] // the 8-week plan, the longest
	ctx := fresh(t, b)
	srv.Take()
	load(t, ctx, srv.URL+ch.URL)
	until(t, ctx, `document.readyState == "complete"`, 30*time.Second)
	first := srv.Take()
	sent := 0
	var paths []string
	for _, h := range first {
		sent += h.Sent
		paths = append(paths, h.Path)
	}
	t.Logf("first view of %s: %d requests, %.1f KB sent: %v", ch.URL, len(first), float64(sent)/1024, paths)
	if len(first) > 6 {
		t.Errorf("%d requests, more than 6", len(first))
	}
	if sent > 30*1024 {
		t.Errorf("%d bytes, more than 30 KB", sent)
	}
	until(t, ctx, `caches.match(location.href).then(r => !!r)`, 30*time.Second)
	var after []string
	sent = 0
	for _, h := range srv.Take() {
		after = append(after, h.Path)
		sent += h.Sent
	}
	t.Logf("then the service worker: %d requests, %.1f KB: %v", len(after), float64(sent)/1024, after)

	// Slow 3G as WebPageTest defines it: 400 ms round trips, 400 kbit/s.
	// Timings are logged, not tested: a shared machine is too noisy.
	slow := fresh(t, b)
	throttle(t, slow)
	load(t, slow, srv.URL+ch.URL)
	cold := paint(t, slow)
	until(t, slow, `caches.match(location.href).then(r => !!r)`, time.Minute)
	load(t, slow, srv.URL+ch.URL)
	warm := paint(t, slow)
	t.Logf("slow 3G, first contentful paint of %s: %.0f ms cold, %.0f ms warm", ch.URL, cold, warm)

}

// throttle makes the tab's network slow 3G (see browser.Slow3G).
func throttle(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := browser.Slow3G(ctx); err != nil {
		t.Fatal(err)
	}
}

// paint is when the page first painted its content, in ms after it was
// asked for.
func paint(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	until(t, ctx, `performance.getEntriesByName("first-contentful-paint").length > 0`, time.Minute)
	return eval[float64](t, ctx, `performance.getEntriesByName("first-contentful-paint")[0].startTime`)
}
