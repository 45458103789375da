package bench

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Pagefind's side of the comparison: the same site copied with its
// chapters marked for Pagefind, its search page, install and timing.

func pagefindSize(t *testing.T, site string) size {
	var s size
	s.add(t, filepath.Join(site, "pagefind"), nil, false)
	return s
}

// copyForPagefind copies the HTML and assets of our site and marks the
// chapter articles with data-pagefind-body, so Pagefind indexes the same
// chapters as in the anchor figures; it adds a search page per language
// that uses Pagefind's JavaScript API the way the anchor's does.
func copyForPagefind(t *testing.T, from, to string, langs []string) {
	os.RemoveAll(to)
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if strings.Contains(filepath.ToSlash(rel), "/search/") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			b = bytes.ReplaceAll(b, []byte(`<article class="chapter"`), []byte(`<article data-pagefind-body class="chapter"`))
		}
		return writeFile(filepath.Join(to, rel), b)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range langs {
		if err := writeFile(filepath.Join(to, lang, "pfsearch", "index.html"), []byte(pagefindPage(lang))); err != nil {
			t.Fatal(err)
		}
	}
}

// pagefindPage is the anchor's search page: one query through Pagefind's
// JavaScript API, the top five results' data loaded, then data-done.
func pagefindPage(lang string) string {
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Search</title></head><body>
<input id="q" type="search" name="q"><p id="count"></p><ol id="results"></ol>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
window.pfRun = async (q) => {
  const search = await pagefind.search(q);
  const top = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  const ol = document.getElementById("results");
  ol.textContent = "";
  for (const d of top) {
    const li = document.createElement("li");
    li.innerHTML = '<a href="' + d.url + '">' + d.meta.title + '</a><p>' + d.excerpt + '</p>';
    ol.appendChild(li);
  }
  document.getElementById("count").textContent = search.results.length + " results";
  return search.results.length;
};
const q = new URLSearchParams(location.search).get("q");
if (q) {
  document.getElementById("q").value = q;
  document.body.dataset.results = String(await window.pfRun(q));
  // The marks our client sets, so that one measure times both pages.
  performance.mark("lentera:results");
  performance.mark("lentera:snippets");
  document.body.dataset.done = "1";
}
</script></body></html>`
}

// installPagefind installs pagefind@1.6.0 with npm under work, once.
func installPagefind(t *testing.T, work string) string {
	dir := filepath.Join(work, "pagefind")
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", dir, "pagefind@1.6.0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install pagefind@1.6.0: %v\n%s", err, out)
	}
	return bin
}

// timePagefind runs Pagefind over the site -runs times from scratch and
// returns the median wall time.
func timePagefind(t *testing.T, bin, site string) time.Duration {
	var times []time.Duration
	for i := 0; i < *runs; i++ {
		os.RemoveAll(filepath.Join(site, "pagefind"))
		start := time.Now()
		out, err := exec.Command(bin, "--site", site, "--quiet").CombinedOutput()
		if err != nil {
			t.Fatalf("pagefind: %v\n%s", err, out)
		}
		times = append(times, time.Since(start))
	}
	return median(times)
}

func pagefindFile(p string) bool { return strings.HasPrefix(p, "/pagefind/") }

func pagefindKeystrokes(q string) chromedp.Action[[]float64] {
	return chromedp.Evaluate[[]float64](`(async (q) => {
  const prefixes = [...q].map((_, i) => q.slice(0, i + 1));
  for (const p of prefixes) await window.pfRun(p);
  const ms = [];
  for (let pass = 0; pass < 3; pass++) for (const p of prefixes) { const t0 = performance.now(); await window.pfRun(p); ms.push(performance.now() - t0); }
  return ms;
})(`+jsString(q)+`)`, chromedp.EvalAwaitPromise)
}
