package build

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lentera/generator/internal/crawl"
)

// The bundled site, published under a sub-path by a plain static file
// server, has no reference that fails: every page's links, images,
// stylesheets, scripts, search results and link previews lead to a file.
func TestCrawlUnderSubPath(t *testing.T) { crawlBundled(t, "/kursus/") }

// The same at the root of a host.
func TestCrawlAtRoot(t *testing.T) { crawlBundled(t, "/") }

var printedURL = regexp.MustCompile(`<span class="?sheet-url"?>([^<]+)<`)

func crawlBundled(t *testing.T, base string) {
	const host = "kursus.lentera.test"
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: bundledSite(t), BuildDate: testDate, Out: out, BaseURL: "https://" + host + base}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	server, _ := url.Parse(srv.URL)
	c := &crawl.Crawler{Client: srv.Client(), Local: func(u *url.URL) (*url.URL, bool) {
		switch {
		case u.Host == host && (u.Scheme == "https" || u.Scheme == "http"):
			local := *u
			local.Scheme, local.Host = server.Scheme, server.Host
			return &local, true
		case u.Host == server.Host:
			return u, true
		}
		return nil, false
	}}
	// Every page, not only those linked from the home, since a page nothing
	// links to still has links of its own; and the files scripts fetch
	// (search indexes), which no page links to.
	start := []string{srv.URL + base}
	pages := 0
	var printed []string
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".html":
			pages++
			start = append(start, srv.URL+base+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
			// The address printed under a worksheet's QR code, which
			// encodes the same text.
			body, err := os.ReadFile(p)
			for _, m := range printedURL.FindAllSubmatch(body, -1) {
				printed = append(printed, string(m[1]))
			}
			return err
		case ".json", ".webmanifest":
			start = append(start, srv.URL+base+filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) == 0 {
		t.Error("no worksheet prints its address")
	}
	for _, p := range printed {
		if !strings.HasPrefix(p, "https://"+host+base) {
			t.Errorf("a worksheet prints %s, not under %s", p, "https://"+host+base)
		}
	}
	failures, fetched := c.Crawl(append(start, printed...)...)
	for _, f := range failures {
		t.Errorf("%s", f)
	}
	if len(fetched) < len(start) {
		t.Errorf("fetched %d URLs, fewer than the %d starting points", len(fetched), len(start))
	}
	kinds := map[string]int{}
	for _, raw := range fetched {
		u, _ := url.Parse(raw)
		kinds[path.Ext(u.Path)]++
	}
	t.Logf("under %s: %d pages, %d URLs fetched: %v", base, pages, len(fetched), kinds)
	for _, ext := range []string{".css", ".js", ".json", ".svg", ".ics"} {
		if kinds[ext] == 0 {
			t.Errorf("no %s file was reached; the crawl misses a kind of reference", ext)
		}
	}
}
