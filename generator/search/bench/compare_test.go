package bench

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/search"
)

var (
	compare  = flag.Bool("compare", false, "run the side-by-side benchmark against Pagefind")
	chapters = flag.Int("n", 1000, "chapters per language in the synthetic corpus")
	queries  = flag.String("queries", "id:ramadan id:penjualan id:dijual en:voucher en:promoting", "lang:query pairs, space-separated")
	runs     = flag.Int("runs", 3, "timed runs of each index build and of each search page on slow 3G")
)

// TestCompare measures our search and Pagefind 1.6 over the same built
// corpus, in one run, and prints one table. It asserts nothing about speed.
func TestCompare(t *testing.T) {
	if !*compare {
		t.Skip("the side-by-side benchmark runs with: go test ./generator/search/bench -run TestCompare -v -timeout 30m -args -compare")
	}
	// Asked for by name, the comparison fails without Chromium rather than
	// skip, and says so before it spends minutes on the corpus.
	chromium, err := browser.Path()
	if err != nil {
		t.Fatal(err)
	}
	work := benchDir(t)
	corpus := makeCorpus(t, work, *chapters)
	ours := filepath.Join(work, fmt.Sprintf("ours-%d", *chapters))
	os.RemoveAll(ours)
	buildTime, err := BuildSite(context.Background(), corpus, ours)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	langs := []string{"id", "en"}
	for _, lang := range langs {
		if !HasIndex(ours, lang) {
			t.Fatalf("the build wrote no %s search index", lang)
		}
	}
	ourTime := timeIndex(t, ours, langs)
	ourSize := indexSize(t, ours, langs)

	pf := filepath.Join(work, fmt.Sprintf("pagefind-site-%d", *chapters))
	copyForPagefind(t, ours, pf, langs)
	pfBin := installPagefind(t, work)
	pfTime := timePagefind(t, pfBin, pf)
	pfSize := pagefindSize(t, pf)

	opts := phone
	opts.ExecPath = chromium
	b, err := browser.Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	oursSrv, pfSrv := browsertest.Serve(t, ours, host...), browsertest.Serve(t, pf, host...)

	var rows []row
	for _, spec := range strings.Fields(*queries) {
		lang, q, _ := strings.Cut(spec, ":")
		ours, theirs := "/"+lang+"/search/?q="+url.QueryEscape(q), "/"+lang+"/pfsearch/?q="+url.QueryEscape(q)
		o := measure(b, oursSrv, ours, q, oursKeystrokes, ourSearchFile(lang))
		p := measure(b, pfSrv, theirs, q, pagefindKeystrokes, pagefindFile)
		if o.Err == nil {
			o.Slow, o.Err = slow3G(b, oursSrv, ours)
		}
		if p.Err == nil {
			p.Slow, p.Err = slow3G(b, pfSrv, theirs)
		}
		t.Logf("%s, our search files: %s", spec, strings.Join(o.Files, ", "))
		rows = append(rows, row{spec, o, p})
	}
	report(t, rows, buildTime, ourTime, ourSize, pfTime, pfSize, chromium, pfBin)
}

// benchDir is where the corpus, the sites and the npm install go:
// $LENTERA_BENCH_DIR, or lentera-bench in the temporary folder.
func benchDir(t *testing.T) string {
	dir := os.Getenv("LENTERA_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "lentera-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// makeCorpus writes the synthetic corpus with the shared generator, plus
// the site.yaml it lacks.
func makeCorpus(t *testing.T, work string, n int) string {
	gen := os.Getenv("LENTERA_GEN_CORPUS")
	if gen == "" {
		gen = filepath.Join("..", "..", "..", "..", "shared", "bench", "gen_corpus.py")
	}
	dir := filepath.Join(work, fmt.Sprintf("corpus-%d", n))
	cmd := exec.Command("python3", gen, fmt.Sprint(n), "--out", dir, "--force")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", gen, err, out)
	}
	site := "title: {id: Korpus, en: Corpus}\nlanguages: [id, en]\n"
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// timeIndex times search.Index alone over the published pages of every
// language, the median of -runs runs.
func timeIndex(t *testing.T, out string, langs []string) time.Duration {
	docs := map[string][]search.Doc{}
	for _, lang := range langs {
		d, err := DocsFromOutput(out, lang)
		if err != nil {
			t.Fatal(err)
		}
		docs[lang] = d
	}
	var times []time.Duration
	for i := 0; i < *runs; i++ {
		start := time.Now()
		for _, lang := range langs {
			if _, err := search.Index(lang, docs[lang]); err != nil {
				t.Fatal(err)
			}
		}
		times = append(times, time.Since(start))
	}
	return median(times)
}

// size is the total of an index's files.
type size struct {
	Files   int
	Bytes   int64
	GzBytes int64 // each file gzipped on its own, as a server sends it
}

func indexSize(t *testing.T, out string, langs []string) size {
	var s size
	for _, lang := range langs {
		s.add(t, filepath.Join(out, lang, "search"), func(rel string) bool { return rel != "index.html" }, true)
	}
	s.add(t, filepath.Join(out, "assets"), func(rel string) bool { return strings.HasPrefix(rel, "search.") }, true)
	return s
}

// add counts the files under dir that keep accepts; gz says whether a
// server would gzip them (Pagefind's are gzipped already, except its JS and
// JSON, which count as they are).
func (s *size) add(t *testing.T, dir string, keep func(string) bool, gz bool) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if keep != nil && !keep(filepath.ToSlash(rel)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.Files++
		s.Bytes += int64(len(b))
		if gz || textFile(p) {
			s.GzBytes += int64(gzipLen(b))
		} else {
			s.GzBytes += int64(len(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// textFile reports whether a server gzips the file p in transit.
func textFile(p string) bool {
	switch filepath.Ext(p) {
	case ".js", ".json", ".css":
		return true
	}
	return false
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// firstQuery is what one search cost in a fresh browser.
type firstQuery struct {
	Requests, SearchRequests int
	Sent, SearchSent         int // gzipped body bytes
	Results                  int
	Keystrokes               []float64 // ms, shards loaded
	Files                    []string  // the search files, "path bytes"
	Slow                     slowTimes
	Err                      error
}

// slowTimes are the medians, in ms after the page was asked for, of when a
// search page opened cold on slow 3G listed its results and when they were
// complete with their snippets.
type slowTimes struct{ Listed, Full float64 }

// slow3G opens a search page -runs times on slow 3G with nothing cached.
func slow3G(b *browser.Browser, srv *browser.Server, path string) (slowTimes, error) {
	var listed, full []float64
	for run := 0; run < *runs; run++ {
		at, err := slowLoad(b, srv.URL+path)
		if err != nil {
			return slowTimes{}, fmt.Errorf("slow 3G, %s: %w", path, err)
		}
		listed, full = append(listed, at[0]), append(full, at[1])
	}
	return slowTimes{median(listed), median(full)}, nil
}

// slowLoad opens url in a fresh tab on slow 3G (400 ms round trips,
// 400 kbit/s each way) and reads the marks the page sets when its results
// are listed and when they are complete.
func slowLoad(b *browser.Browser, url string) ([]float64, error) {
	ctx, cancel := b.Fresh()
	defer cancel()
	if err := browser.Slow3G(ctx); err != nil {
		return nil, err
	}
	// The page's service worker would fetch around the throttling.
	if err := browser.BypassWorker(ctx); err != nil {
		return nil, err
	}
	if err := load(ctx, url, `performance.getEntriesByName("lentera:snippets").length > 0`, time.Minute); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]float64](`["lentera:results", "lentera:snippets"].map(m => performance.getEntriesByName(m)[0].startTime)`))
}

// keystrokes measures, in the page, the time from an input to its results
// for every prefix of q, three times, after a first pass has loaded what
// they need.
type keystrokes func(q string) chromedp.Action[[]float64]

// measure loads a search page in a fresh browser context, waits for the
// first results, takes the server's log, then times typing the query again.
func measure(b *browser.Browser, srv *browser.Server, path, q string, typing keystrokes, isSearch func(string) bool) (m firstQuery) {
	ctx, cancel := b.Fresh()
	defer cancel()
	srv.Take()
	err := load(ctx, srv.URL+path, pageDone, 60*time.Second)
	var results string
	if err == nil {
		results, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.results || String(document.querySelectorAll("#search-results > li").length)`))
	}
	if err != nil {
		m.Err = err
		return m
	}
	time.Sleep(500 * time.Millisecond) // let late requests (icons) land
	for _, h := range srv.Take() {
		m.Requests++
		m.Sent += h.Sent
		if isSearch(h.Path) {
			m.SearchRequests++
			m.SearchSent += h.Sent
			m.Files = append(m.Files, fmt.Sprintf("%s %d", h.Path, h.Sent))
		}
	}
	fmt.Sscan(results, &m.Results)
	m.Keystrokes, m.Err = chromedp.Run(ctx, typing(q))
	return m
}

// ourSearchFile counts the search page itself as a search file: it carries
// the client and the index's entry, so leaving it out would hide them.
func ourSearchFile(lang string) func(string) bool {
	return func(p string) bool {
		return strings.HasPrefix(p, "/"+lang+"/search/") || strings.HasPrefix(p, "/assets/search.")
	}
}

// Our client marks the list aria-busy while it searches; the time runs
// from the input event to the moment that flips back to false.
func oursKeystrokes(q string) chromedp.Action[[]float64] {
	return chromedp.Evaluate[[]float64](`(async (q) => {
  const input = document.getElementById("search-input"), list = document.getElementById("search-results");
  const type = (v) => new Promise((done) => {
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if (list.getAttribute("aria-busy") === "false") { mo.disconnect(); done(performance.now() - t0); }
    });
    mo.observe(list, {attributes: true, attributeFilter: ["aria-busy"]});
    input.value = v;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  });
  const prefixes = [...q].map((_, i) => q.slice(0, i + 1));
  for (const p of prefixes) await type(p);
  const ms = [];
  for (let pass = 0; pass < 3; pass++) for (const p of prefixes) ms.push(await type(p));
  return ms;
})(`+jsString(q)+`)`, chromedp.EvalAwaitPromise)
}

type row struct {
	spec      string
	ours, pfd firstQuery
}

func report(t *testing.T, rows []row, build, ourIndex time.Duration, ourSize size, pfIndex time.Duration, pfSize size, chromium, pfBin string) {
	var b strings.Builder
	version, _ := exec.Command(pfBin, "--version").Output()
	browser, _ := exec.Command(chromium, "--version").Output()
	fmt.Fprintf(&b, "\nSearch, side by side: %d chapters per language; %s; %s; gzip in transit for text files\n\n",
		*chapters, strings.TrimSpace(string(version)), strings.TrimSpace(string(browser)))
	b.WriteString("| query | results ours / Pagefind | requests ours / Pagefind | first query KB gz, all: ours / Pagefind | ratio | search files only KB gz: ours / Pagefind | ratio | keystroke to results ms, median [max]: ours / Pagefind | slow 3G, cold, results listed / complete ms: ours; Pagefind |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		if r.ours.Err != nil || r.pfd.Err != nil {
			fmt.Fprintf(&b, "| %s | error: ours %v; Pagefind %v |||||||\n", r.spec, r.ours.Err, r.pfd.Err)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d / %d | %d / %d | %.1f / %.1f | %.2f | %.1f / %.1f | %.3f | %s / %s | %.0f / %.0f; %.0f |\n",
			r.spec, r.ours.Results, r.pfd.Results, r.ours.Requests, r.pfd.Requests,
			kb(r.ours.Sent), kb(r.pfd.Sent), float64(r.ours.Sent)/float64(r.pfd.Sent),
			kb(r.ours.SearchSent), kb(r.pfd.SearchSent), float64(r.ours.SearchSent)/float64(r.pfd.SearchSent),
			msStats(r.ours.Keystrokes), msStats(r.pfd.Keystrokes),
			r.ours.Slow.Listed, r.ours.Slow.Full, r.pfd.Slow.Full)
	}
	b.WriteString("\n| index | build time (median of runs) | files | bytes on disk | each file gzipped, summed |\n|---|---|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| ours (search.Index, both languages; whole site build %.2f s) | %.2f s | %d | %d | %d |\n",
		build.Seconds(), ourIndex.Seconds(), ourSize.Files, ourSize.Bytes, ourSize.GzBytes)
	fmt.Fprintf(&b, "| Pagefind (pagefind --site, whole run) | %.2f s | %d | %d | %d |\n",
		pfIndex.Seconds(), pfSize.Files, pfSize.Bytes, pfSize.GzBytes)
	t.Log(b.String())
	fmt.Print(b.String())
}

func kb(n int) float64 { return float64(n) / 1024 }

func msStats(ms []float64) string {
	if len(ms) == 0 {
		return "-"
	}
	s := slices.Clone(ms)
	sort.Float64s(s)
	return fmt.Sprintf("%.1f [%.1f]", s[len(s)/2], s[len(s)-1])
}

func median[T cmp.Ordered](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}
