package readertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"lentera/generator/build"
	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/testsite"
)

// Opening the search page with a query on a slow 3G phone with nothing
// cached fetches what the results on screen need in at most two round
// trips after the page: a request made only once an earlier search
// request has ended starts a new round trip. The playbook is small enough
// for the page to carry its pages' titles, so the results are listed
// before any part of a page is in, and the snippets follow. A result that
// comes on screen only later (scrolled to, or moved up when the snippets
// above it took less room than the descriptions they replace) fetches
// its part then, once those on screen are complete; those requests are
// not counted. The times are logged, as the median of a few runs, never
// tested: a shared machine is too noisy.
func TestSearchSlow3G(t *testing.T) {
	out, _ := bundled(t)
	b := phone(t)
	srv := browsertest.Serve(t, out, browser.WithMaxAge(time.Hour))
	const runs = 3
	for _, q := range []string{"kalender", "kalender konten"} {
		var times, full []float64
		for run := 0; run < runs; run++ {
			ctx := fresh(t, b)
			throttle(t, ctx)
			// The service worker comes with the first page and fetches
			// for it from then on; Chromium would not slow the worker's
			// own requests down, so the test goes around it.
			if err := browser.BypassWorker(ctx); err != nil {
				t.Fatal(err)
			}
			net := watch(t, ctx)
			page := srv.URL + "/id/search/?q=" + url.QueryEscape(q)
			load(t, ctx, page)
			until(t, ctx, `performance.getEntriesByName("lentera:snippets").length > 0`, time.Minute)
			if n := eval[int](t, ctx, `document.querySelectorAll("#search-results li").length`); n == 0 {
				t.Fatalf("%q: no results", q)
			}
			listed := eval[float64](t, ctx, `performance.getEntriesByName("lentera:results")[0].startTime`)
			times = append(times, listed)
			full = append(full, eval[float64](t, ctx, `performance.getEntriesByName("lentera:snippets")[0].startTime`))
			firstPart := eval[float64](t, ctx, `Math.min(...performance.getEntriesByType("resource").filter(e => /\/d\d+-\d+\.json$/.test(e.name)).map(e => e.responseEnd))`)
			if listed >= firstPart {
				t.Errorf("%q: results listed at %.0f ms, after the first part of a page came in at %.0f ms", q, listed, firstPart)
			}
			// The results on screen are complete: what they needed has been
			// asked for.
			reqs := net.done(strings.TrimSuffix(page, "?q="+url.QueryEscape(q)))
			before := eval[[]string](t, ctx, `performance.getEntriesByType("resource").filter(e => e.startTime < performance.getEntriesByName("lentera:snippets")[0].startTime).map(e => e.name)`)
			firstView := func(u string) bool { return isSearch(u) && slices.Contains(before, u) }
			rounds := roundTrips(reqs, firstView)
			if run == 0 {
				t.Logf("%q: %d round trips after the page; timeline (* for the search's requests before the results were complete):\n%s", q, rounds, timeline(reqs, firstView))
			}
			// The page carries the client and the index's entry: the
			// term shards, then the parts of the results shown.
			if rounds > 2 {
				t.Errorf("%q: %d round trips after the page, more than 2:\n%s", q, rounds, timeline(reqs, firstView))
			}
			if rounds == 0 {
				t.Errorf("%q: no search request seen:\n%s", q, timeline(reqs, firstView))
			}
		}
		sort.Float64s(times)
		sort.Float64s(full)
		t.Logf("slow 3G, %q: results listed %.0f ms after opening the page cold, with snippets %.0f ms (medians of %d: %.0f, %.0f)", q, times[len(times)/2], full[len(full)/2], runs, times, full)
	}
}

// A small course's search lists the titles its entry names, with the
// descriptions, the query's words marked there, and keeps them when the
// pages' parts cannot be fetched; when they can, the snippets take the
// descriptions' place, with more of the words. Tried on a real lesson in
// Spanish, which we did not write, on a phone.
func TestSearchListsTitlesBeforeParts(t *testing.T) {
	out := t.TempDir()
	if _, err := build.Build(context.Background(), build.Options{SiteDir: "../build/testdata/real/git-novice", Out: out}); err != nil {
		t.Fatal(err)
	}
	b := phone(t)
	srv := browsertest.Serve(t, out)
	results := func(blockParts bool) (titles []string, marks int, status string) {
		ctx := fresh(t, b)
		if err := browser.BypassWorker(ctx); err != nil {
			t.Fatal(err)
		}
		if blockParts {
			pattern := srv.URL + "/es/search/*/d*.json"
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			block := network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: pattern, Block: true}}}
			if _, err := chromedp.Call(ctx, network.SetBlockedURLs, block); err != nil {
				t.Fatal(err)
			}
		}
		load(t, ctx, srv.URL+"/es/search/?q=git")
		until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
		titles = eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results > li > a")).map(a => a.textContent)`)
		return titles, eval[int](t, ctx, `document.querySelectorAll("#search-results mark").length`), text(t, ctx, "#search-status")
	}
	blocked, described, status := results(true)
	// The status says how many pages match «git», not that search failed;
	// the home's description names Git.
	if len(blocked) == 0 || described == 0 || !strings.Contains(status, "«git»") {
		t.Errorf("parts out of reach: titles %q, %d marks, status %q; want the titles, the word marked in a description and the count", blocked, described, status)
	}
	whole, marks, _ := results(false)
	if !slices.Equal(whole, blocked) || marks <= described {
		t.Errorf("parts in: titles %q (without parts %q), %d marks (%d in the descriptions); want the same titles with more words marked", whole, blocked, marks, described)
	}
}

// Results listed before their snippets keep their place when the
// snippets come: nothing on a phone's screen moves (Lighthouse counts
// such moves as layout shift), whether a result waits with its page's
// description, as on a small course whose search page names every page,
// or with nothing, as on a large one; also on a real lesson in Spanish,
// which we did not write. Opened with a query on slow 3G, so that the
// snippets come a round trip after the titles.
func TestSearchKeepsItsLayout(t *testing.T) {
	small, _ := bundled(t)
	large, lesson := t.TempDir(), t.TempDir()
	for dir, out := range map[string]string{testsite.New(t, testsite.Course(300)): large, "../build/testdata/real/git-novice": lesson} {
		if _, err := build.Build(context.Background(), build.Options{SiteDir: dir, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	b := phone(t)
	for _, c := range []struct{ name, out, page string }{
		{"small course", small, "/id/search/?q=video"},
		{"large course", large, "/en/search/?q=video"},
		{"Spanish lesson", lesson, "/es/search/?q=git"},
	} {
		srv := browsertest.Serve(t, c.out)
		ctx := fresh(t, b)
		throttle(t, ctx)
		if err := browser.BypassWorker(ctx); err != nil {
			t.Fatal(err)
		}
		load(t, ctx, srv.URL+c.page)
		until(t, ctx, `document.body.dataset.done == "1"`, time.Minute)
		listed := eval[float64](t, ctx, `performance.getEntriesByName("lentera:results")[0].startTime`)
		filled := eval[float64](t, ctx, `performance.getEntriesByName("lentera:snippets")[0].startTime`)
		if filled-listed < 100 {
			t.Errorf("%s: snippets %.0f ms after the titles; the test needs them a round trip later", c.name, filled-listed)
		}
		shifts := eval[string](t, ctx, layoutShifts)
		if shifts != "" {
			t.Errorf("%s: the results moved on screen as their snippets came:\n%s", c.name, shifts)
		}
		shot(t, ctx, "search "+c.name)
	}
}

// layoutShifts lists the page's layout shifts not caused by the reader,
// with the elements that moved, one per line; "" when there were none, and
// a line saying so where the browser does not report them.
const layoutShifts = `new Promise(done => {
  if (!PerformanceObserver.supportedEntryTypes.includes("layout-shift")) return done("layout shifts are not reported here");
  const seen = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) seen.push(e.value.toFixed(4) + " at " + Math.round(e.startTime) + " ms: " +
      e.sources.map(s => (s.node ? s.node.nodeName + (s.node.textContent ? " " + JSON.stringify(s.node.textContent.slice(0, 40)) : "") : "a removed node") +
        " from y " + Math.round(s.previousRect.y) + " to " + Math.round(s.currentRect.y) + ", height " + Math.round(s.previousRect.height) + " to " + Math.round(s.currentRect.height)).join("; "));
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(seen.join("\n")), 500);
})`

// On a course too big for the search page to carry its pages' titles, a
// one-word query lists its first five results from its term shard, which
// names the pages it ranks first: with every page part held back by the
// server, the five titles are there to read, the status says how many
// pages match, and the list stays busy until the snippets come. Only the
// snippets of the results on screen are fetched; the others' come when
// they are scrolled to. The next five, which no shard need name, are each
// listed as soon as its page's part and those above it are in: with the
// tenth part held back, nine results are there to read, and the list
// stays busy with no "more" button until the tenth comes.
func TestSearchListsEachResultAsItComes(t *testing.T) {
	out := t.TempDir()
	course := testsite.New(t, testsite.Course(300))
	if _, err := build.Build(context.Background(), build.Options{SiteDir: course, Out: out}); err != nil {
		t.Fatal(err)
	}
	if entry, err := os.ReadFile(filepath.Join(out, "en", "search", "index.json")); err != nil || strings.Contains(string(entry), `"pg":`) {
		t.Fatalf("the test needs a search entry without the pages' titles (%v)", err)
	}
	b := phone(t)
	files := browsertest.Serve(t, out)
	var mu sync.Mutex
	holding, release := func(string) bool { return false }, make(chan struct{})
	hold := func(which func(string) bool) {
		mu.Lock()
		defer mu.Unlock()
		holding, release = which, make(chan struct{})
	}
	free := func() {
		mu.Lock()
		defer mu.Unlock()
		holding = func(string) bool { return false }
		close(release)
	}
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		held, wait := holding(r.URL.Path), release
		mu.Unlock()
		if held {
			<-wait
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		select {
		case <-release:
		default:
			close(release) // before front.Close, which waits for held requests
		}
	})
	page := front.URL + "/en/search/?q=video"
	state := func(ctx context.Context) (listed, marks int, busy string, more bool) {
		return eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`),
			eval[int](t, ctx, `document.querySelectorAll("#search-results mark").length`),
			eval[string](t, ctx, `document.getElementById("search-results").getAttribute("aria-busy")`),
			eval[bool](t, ctx, `document.getElementById("search-more").hidden`)
	}
	open := func() context.Context {
		ctx := fresh(t, b)
		if err := browser.BypassWorker(ctx); err != nil {
			t.Fatal(err)
		}
		load(t, ctx, page)
		return ctx
	}
	const nextFive = `document.getElementById("search-more").click()`
	isPart := regexp.MustCompile(`/d\d+-\d+\.json$`).MatchString

	// The part the tenth result is shown from, as the page's index says.
	ctx := open()
	until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
	tenth := eval[string](t, ctx, `lenteraSearch.search("video").then(r => r.hits.length > 9 ? "/d" + r.hits[9].id + "-" + r.hits[9].part + ".json" : "")`)
	if tenth == "" {
		t.Fatal("the test needs ten results")
	}

	hold(isPart)
	ctx = open()
	until(t, ctx, `document.querySelectorAll("#search-results > li").length >= 5`, 30*time.Second)
	time.Sleep(300 * time.Millisecond) // snippets would show now, without the parts
	listed, marks, busy, _ := state(ctx)
	status, count := text(t, ctx, "#search-status"), eval[string](t, ctx, `document.body.dataset.results`)
	if listed != 5 || marks != 0 || busy != "true" || count == "" || !strings.Contains(status, count) {
		t.Errorf("parts held: %d results, %d marks, aria-busy %q, status %q; want 5, none, busy and the count", listed, marks, busy, status)
	}
	free()
	until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
	if listed, marks, busy, more := state(ctx); listed != 5 || marks == 0 || busy != "false" || more {
		t.Errorf("parts in: %d results, %d marks, aria-busy %q, more hidden %v; want 5, marks, not busy, and more to show", listed, marks, busy, more)
	}
	// Only the results on the phone's screen were fetched; the last one's
	// part comes once it is scrolled to.
	const partsAsked = `performance.getEntriesByType("resource").filter(e => /\/d\d+-\d+\.json$/.test(e.name)).length`
	const lastSnippet = `document.querySelector("#search-results > li:nth-child(5) > p").textContent`
	if n, snippet := eval[int](t, ctx, partsAsked), eval[string](t, ctx, lastSnippet); n == 0 || n >= 5 || snippet != "" {
		// Where the results lie says whether the fifth was ever on screen.
		where := eval[string](t, ctx, `JSON.stringify({innerHeight, scrollY, tops: Array.from(document.querySelectorAll("#search-results > li"), li => Math.round(li.getBoundingClientRect().top))})`)
		t.Errorf("before scrolling: %d parts asked for, the fifth result's snippet %q; want those on screen only, and none (%s)", n, snippet, where)
	}
	eval[bool](t, ctx, `document.querySelector("#search-results > li:nth-child(5)").scrollIntoView(), true`)
	until(t, ctx, lastSnippet+` != ""`, 30*time.Second)
	if n := eval[int](t, ctx, partsAsked); n != 5 {
		t.Errorf("scrolled to the fifth result: %d parts asked for, want 5", n)
	}

	hold(func(p string) bool { return strings.HasSuffix(p, tenth) })
	eval[bool](t, ctx, nextFive+`, true`)
	until(t, ctx, `document.querySelectorAll("#search-results > li").length >= 9`, 30*time.Second)
	time.Sleep(300 * time.Millisecond) // a tenth result would show now, without its part
	if listed, _, busy, more := state(ctx); listed != 9 || busy != "true" || !more {
		t.Errorf("tenth part held: %d results, aria-busy %q, more hidden %v; want 9, busy and hidden", listed, busy, more)
	}
	free()
	until(t, ctx, `document.getElementById("search-results").getAttribute("aria-busy") == "false"`, 30*time.Second)
	if listed, _, busy, more := state(ctx); listed != 10 || busy != "false" || more {
		t.Errorf("tenth part in: %d results, aria-busy %q, more hidden %v; want 10, not busy, and more to show", listed, busy, more)
	}

	// The script does not wait for the style sheet, and lists the results
	// before it is in. Unstyled, every result is on screen; the page
	// decides which are once the style sheet is in, and asks for only
	// their parts.
	hold(func(p string) bool { return strings.HasSuffix(p, ".css") })
	ctx = fresh(t, b)
	if err := browser.BypassWorker(ctx); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, fmt.Sprintf("location.href = %q, true", page)) // not waiting for the page's load, which waits for the style sheet
	until(t, ctx, `document.querySelectorAll("#search-results > li").length >= 5`, 30*time.Second)
	time.Sleep(300 * time.Millisecond) // the parts would be asked for now
	free()
	until(t, ctx, `document.body.dataset.done == "1"`, 30*time.Second)
	if n := eval[int](t, ctx, partsAsked); n == 0 || n >= 5 {
		t.Errorf("style sheet held while the results were listed: %d parts asked for before scrolling; want those on screen only", n)
	}
}

// isSearch says whether a request is one the search makes: the client's
// script and the index's files, not the page itself.
func isSearch(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return strings.Contains(p.Path, "/search/") && !strings.HasSuffix(p.Path, "/search/") ||
		strings.HasPrefix(p.Path, "/assets/search.")
}

// request is one request of a tab, in seconds on Chromium's clock.
type request struct {
	url        string
	start, end float64 // end is 0 for a request not finished
}

// netlog records the requests of a tab from the moment watch is called.
type netlog struct {
	mu   sync.Mutex
	reqs map[network.RequestID]*request
}

func watch(t *testing.T, ctx context.Context) *netlog {
	t.Helper()
	n := &netlog{reqs: map[network.RequestID]*request{}}
	err := chromedp.Listen(ctx, func(ev any) {
		n.mu.Lock()
		defer n.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if e.Request != nil && n.reqs[e.RequestID] == nil {
				n.reqs[e.RequestID] = &request{url: e.Request.URL, start: e.Timestamp.Float64()}
			}
		case *network.EventLoadingFinished:
			if r := n.reqs[e.RequestID]; r != nil {
				r.end = e.Timestamp.Float64()
			}
		case *network.EventLoadingFailed:
			if r := n.reqs[e.RequestID]; r != nil {
				r.end = e.Timestamp.Float64()
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// done returns the requests made from the start of the page at pageURL
// on, in the order they started, times counted from the page's start.
func (n *netlog) done(pageURL string) []request {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []request
	for _, r := range n.reqs {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b request) int {
		switch {
		case a.start < b.start:
			return -1
		case a.start > b.start:
			return 1
		}
		return strings.Compare(a.url, b.url)
	})
	for i, r := range out {
		if strings.HasPrefix(r.url, pageURL) {
			t0 := r.start
			out = out[i:]
			for j := range out {
				out[j].start -= t0
				if out[j].end > 0 {
					out[j].end -= t0
				}
			}
			return out
		}
	}
	return nil
}

// roundTrips is the longest chain of search requests each of which
// started only after the one before it had ended: the round trips the
// search waited for after the page.
func roundTrips(reqs []request, search func(string) bool) int {
	depth := make([]int, len(reqs))
	most := 0
	for i, r := range reqs {
		if !search(r.url) {
			continue
		}
		depth[i] = 1
		for j, s := range reqs[:i] {
			if depth[j] > 0 && s.end > 0 && s.end <= r.start && depth[j]+1 > depth[i] {
				depth[i] = depth[j] + 1
			}
		}
		most = max(most, depth[i])
	}
	return most
}

// timeline shows the requests, one a line: start-end in ms, and path.
func timeline(reqs []request, search func(string) bool) string {
	var b strings.Builder
	for _, r := range reqs {
		mark := " "
		if search(r.url) {
			mark = "*"
		}
		p := r.url
		if u, err := url.Parse(r.url); err == nil {
			p = u.Path
		}
		fmt.Fprintf(&b, "  %s %5.0f-%5.0f ms %s\n", mark, r.start*1000, r.end*1000, p)
	}
	return b.String()
}
