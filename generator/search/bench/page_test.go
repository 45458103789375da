package bench

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
)

// TestSearchPage drives the search page as a reader would.
func TestSearchPage(t *testing.T) {
	b := startBrowser(t, "builds the playbook and starts Chromium")
	srv := servePlaybook(t)
	ctx, cancel := b.Fresh()
	defer cancel()

	t.Run("shared link", func(t *testing.T) {
		openSearch(t, ctx, srv.URL+"/id/search/?q=pemasaran")
		if v := eval[string](t, ctx, `document.getElementById("search-input").value`); v != "pemasaran" {
			t.Errorf("search box holds %q, want the query of the link", v)
		}
		status := eval[string](t, ctx, `document.getElementById("search-status").textContent`)
		n := eval[int](t, ctx, `+document.body.dataset.results`)
		if !strings.Contains(status, "halaman cocok") || !strings.HasPrefix(status, itoa(n)+" ") {
			t.Errorf("status %q does not announce the %d results", status, n)
		}
		marks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results mark")).map(m => m.textContent.toLowerCase())`)
		if len(marks) == 0 {
			t.Error("no highlighted word in the snippets")
		}
		for _, m := range marks {
			if !strings.Contains(m, "pasar") && !strings.Contains(m, "masar") { // pasar, pemasaran, memasarkan
				t.Errorf("highlighted %q, which is no form of pasar", m)
			}
		}
	})

	t.Run("every extract marks the words", func(t *testing.T) {
		// "kalender" is in the section index Konten's description only:
		// its extract is the description, with the word marked there too.
		openSearch(t, ctx, srv.URL+"/id/search/?q=kalender")
		eval[bool](t, ctx, `(document.querySelectorAll("#search-results > li").forEach(li => li.scrollIntoView()), true)`)
		unmarked := `Array.from(document.querySelectorAll("#search-results > li")).filter(li => !li.querySelector("mark")).map(li => li.textContent)`
		if err := browser.WaitFor(ctx, unmarked+`.length == 0`, 5*time.Second); err != nil {
			t.Errorf("results with no word marked: %q", eval[[]string](t, ctx, unmarked))
		}
	})

	t.Run("busy while searching", func(t *testing.T) {
		seen := eval[[]string](t, ctx, `new Promise((done) => {
			const list = document.getElementById("search-results"), input = document.getElementById("search-input"), seen = [];
			const mo = new MutationObserver(() => {
				seen.push(list.getAttribute("aria-busy"));
				if (list.getAttribute("aria-busy") === "false") { mo.disconnect(); done(seen); }
			});
			mo.observe(list, {attributes: true, attributeFilter: ["aria-busy"]});
			input.value = "kalender";
			input.dispatchEvent(new Event("input", {bubbles: true}));
		})`)
		if len(seen) < 2 || seen[0] != "true" || seen[len(seen)-1] != "false" {
			t.Errorf("aria-busy went %v, want true then false", seen)
		}
		if q := eval[string](t, ctx, `location.search`); q != "?q=kalender" {
			t.Errorf("address holds %q, want ?q=kalender so the search can be shared", q)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		focused := func() string {
			return eval[string](t, ctx, `document.activeElement.id || document.activeElement.getAttribute("href")`)
		}
		links := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results a")).map(a => a.getAttribute("href"))`)
		if len(links) < 2 {
			t.Fatalf("need two results, got %v", links)
		}
		key := func(k string) {
			eval[bool](t, ctx, `document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "`+k+`", bubbles: true}))`)
		}
		eval[bool](t, ctx, `(document.getElementById("search-input").focus(), true)`)
		key("ArrowDown")
		if got := focused(); got != links[0] {
			t.Errorf("ArrowDown from the box focused %q, want %q", got, links[0])
		}
		key("ArrowDown")
		if got := focused(); got != links[1] {
			t.Errorf("second ArrowDown focused %q, want %q", got, links[1])
		}
		key("ArrowUp")
		key("ArrowUp")
		if got := focused(); got != "search-input" {
			t.Errorf("ArrowUp from the first result focused %q, want the search box", got)
		}
		key("ArrowDown")
		key("Escape")
		if got := focused(); got != "search-input" {
			t.Errorf("Escape focused %q, want the search box", got)
		}
	})

	t.Run("more results", func(t *testing.T) {
		openSearch(t, ctx, srv.URL+"/en/search/?q=content")
		total := eval[int](t, ctx, `+document.body.dataset.results`)
		if total <= 5 {
			t.Skipf("%d results: too few to page", total)
		}
		eval[bool](t, ctx, `(document.getElementById("search-more").click(), true)`)
		// The next five are listed one by one as their parts come in.
		waitFor(t, ctx, `document.querySelectorAll("#search-results > li").length > 5 && document.getElementById("search-results").getAttribute("aria-busy") == "false"`)
		if got := eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`); got != min(10, total) {
			t.Errorf("%d results shown after more, want %d", got, min(10, total))
		}
	})

	t.Run("trainer edition", func(t *testing.T) {
		// The same client under another path reads the index next to its page.
		openSearch(t, ctx, srv.URL+"/trainer/id/search/?q=cahaya")
		links := resultLinks(t, ctx)
		if len(links) == 0 || !strings.HasPrefix(links[0], "/trainer/id/") {
			t.Errorf("trainer search gave %v, want trainer pages", links)
		}
	})

	t.Run("typing downloads once", func(t *testing.T) {
		// A fresh page with nothing loaded; a word typed quicker than the
		// client's pause downloads the files of the word, not of each prefix.
		fresh, cancel := b.Fresh()
		defer cancel()
		if err := chromedp.Do(fresh, chromedp.Navigate(srv.URL+"/id/search/")); err != nil {
			t.Fatal(err)
		}
		srv.Take()
		eval[bool](t, fresh, `(async () => {
			const input = document.getElementById("search-input"), list = document.getElementById("search-results");
			for (const c of "pemasaran") {
				input.value += c;
				input.dispatchEvent(new Event("input", {bubbles: true}));
				await new Promise((ok) => setTimeout(ok, 30));
			}
			while (list.getAttribute("aria-busy") !== "false" || !list.children.length) await new Promise((ok) => setTimeout(ok, 20));
			return true;
		})()`)
		pages, shards := 0, 0
		for _, h := range srv.Take() {
			switch {
			case strings.Contains(h.Path, "/search/") && strings.Contains(h.Path, "/d"):
				pages++
			case strings.Contains(h.Path, "/search/") && strings.Contains(h.Path, "/t"):
				shards++
			}
		}
		if pages > 5 || shards > 2 {
			t.Errorf("typing one word read %d page files and %d shards; want at most 5 and 2", pages, shards)
		}
	})

	t.Run("trainer notes", func(t *testing.T) {
		// "presentasi" is in a :::trainer note of kampanye-musiman: only the
		// trainer edition's index has it there.
		links := func(url string) string {
			openSearch(t, ctx, url)
			return strings.Join(resultLinks(t, ctx), " ")
		}
		if got := links(srv.URL + "/id/search/?q=presentasi"); strings.Contains(got, "kampanye-musiman") {
			t.Errorf("the public index has a trainer note: %s", got)
		}
		if got := links(srv.URL + "/trainer/id/search/?q=presentasi"); !strings.Contains(got, "/trainer/id/pertumbuhan/kampanye-musiman/") {
			t.Errorf("the trainer index misses a trainer note: %s", got)
		}
	})

	t.Run("some words only", func(t *testing.T) {
		openSearch(t, ctx, srv.URL+"/en/search/?q=voucher+xylophone")
		status := eval[string](t, ctx, `document.getElementById("search-status").textContent`)
		n := eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`)
		if n == 0 || !strings.HasPrefix(status, "No page holds all the words") {
			t.Errorf("%d results, status %q: want the pages with voucher, said to hold only some words", n, status)
		}
	})

	t.Run("offline", func(t *testing.T) {
		type state struct {
			Status string `json:"status"`
			N      int    `json:"n"`
		}
		ctx, cancel := b.Fresh() // an empty cache
		defer cancel()
		search := func(q string) state {
			return eval[state](t, ctx, `new Promise((done) => {
				const list = document.getElementById("search-results"), input = document.getElementById("search-input");
				const mo = new MutationObserver(() => {
					if (list.getAttribute("aria-busy") === "false") {
						mo.disconnect();
						done({status: document.getElementById("search-status").textContent, n: list.children.length});
					}
				});
				mo.observe(list, {attributes: true, attributeFilter: ["aria-busy"]});
				input.value = `+jsString(q)+`;
				document.getElementById("search-form").requestSubmit();
			})`)
		}
		openSearch(t, ctx, srv.URL+"/en/search/?q=light")
		srv.SetOffline(true)
		defer srv.SetOffline(false)
		if got := search("light"); got.N == 0 {
			t.Errorf("offline, a search whose files are loaded found nothing: %+v", got)
		}
		if got := search("ramadan"); !strings.HasPrefix(got.Status, "Search could not be loaded") || got.N != 0 {
			t.Errorf("offline, a search needing new files gave %+v, want the error and no stale results", got)
		}
		srv.SetOffline(false)
		if got := search("ramadan"); got.N == 0 || !strings.Contains(got.Status, "ramadan") {
			t.Errorf("back online, the search gave %+v", got)
		}
	})

	t.Run("reader's language only", func(t *testing.T) {
		openSearch(t, ctx, srv.URL+"/en/search/?q=cahaya")
		for _, l := range resultLinks(t, ctx) {
			if !strings.HasPrefix(l, "/en/") {
				t.Errorf("English search linked %s", l)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
