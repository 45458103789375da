package bench

import (
	"context"
	"net/url"
	"strings"
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
	page := base + "/" + lang + "/search/?q=" + url.QueryEscape(q)
	if err := load(ctx, page, pageDone+` && document.getElementById("search-results").getAttribute("aria-busy") === "false"`, 10*time.Second); err != nil {
		return shown{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[shown](`({status: document.getElementById("search-status").textContent, links: `+resultLinksJS+`})`))
}

func TestRelevance(t *testing.T) {
	ctx, cancel := startBrowser(t, "builds the playbook and starts Chromium").Tab()
	defer cancel()
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
