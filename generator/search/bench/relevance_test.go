package bench

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// relevance is one query against the bundled playbook: want is the page
// (its URL path, without anchor) that must be among the first three
// results, or "" when the query must find nothing.
type relevance struct {
	lang, q, want string
}

// shown is what the search page displayed for a query.
type shown struct {
	Status string   `json:"status"`
	Links  []string `json:"links"`
}

// searchPage loads /<lang>/search/?q=... and reads the result links once
// the client says it is done.
func searchPage(ctx context.Context, base, lang, q string) (shown, error) {
	var s shown
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"+lang+"/search/?q="+url.QueryEscape(q)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[chromedp.Void](`document.body.dataset.done === "1" && document.getElementById("search-results").getAttribute("aria-busy") === "false"`,
				chromedp.WithPollingTimeout(10*time.Second))(ctx, t)
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			s, err = chromedp.Evaluate[shown](`({status: document.getElementById("search-status").textContent,
				links: Array.from(document.querySelectorAll("#search-results > li > a")).map(a => a.getAttribute("href"))})`)(ctx, t)
			return err
		}),
	)
	return s, err
}

var playbook struct {
	once sync.Once
	dir  string
	srv  *Server
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
func servePlaybook(t *testing.T) *Server {
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
		playbook.srv = Serve(out)
	})
	if playbook.err != nil {
		t.Fatal(playbook.err)
	}
	return playbook.srv
}

func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		t.Skip("no Chromium found: set $CHROMIUM or install chromium (apt-get install chromium) to run browser tests")
	}
	ctx, cancel, err := Browser(context.Background(), path)
	if err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	t.Cleanup(cancel)
	return ctx
}

func TestRelevance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the playbook and starts Chromium")
	}
	ctx := startBrowser(t)
	srv := servePlaybook(t)
	perLang := map[string]int{}
	for _, c := range relevanceSet {
		perLang[c.lang]++
		got, err := searchPage(ctx, srv.URL, c.lang, c.q)
		if err != nil {
			t.Errorf("%s %q: %v", c.lang, c.q, err)
			continue
		}
		if c.want == "" {
			if len(got.Links) > 0 {
				t.Errorf("%s %q: want no result, got %v", c.lang, c.q, got.Links)
			}
			continue
		}
		if !inTop(got.Links, c.want, 3) {
			t.Errorf("%s %q: want %s in the top 3, got %v (%s)", c.lang, c.q, c.want, top(got.Links, 5), got.Status)
		}
	}
	for lang, n := range perLang {
		if n < 30 {
			t.Errorf("%s: %d queries; the relevance set needs at least 30 per language", lang, n)
		}
	}
}

func inTop(links []string, want string, n int) bool {
	for _, l := range top(links, n) {
		if path, _, _ := strings.Cut(l, "#"); path == want {
			return true
		}
	}
	return false
}

func top(links []string, n int) []string {
	return links[:min(n, len(links))]
}
