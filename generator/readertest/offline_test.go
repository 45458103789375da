package readertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/build"
	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/playbook"
	"lentera/generator/internal/testsite"
)

// A reader opens a chapter, saves the course, loses the signal, and still
// reads: the chapter again, a chapter never opened, and search.
func TestOfflineReading(t *testing.T) {
	ctx, srv, s := onPhone(t)
	chapters := s.Lang("id").Chapters
	first, never := chapters[2], chapters[len(chapters)-1]

	load(t, ctx, srv.URL+first.URL)
	until(t, ctx, `!!navigator.serviceWorker.controller`, 30*time.Second)
	until(t, ctx, `caches.match(location.href).then(r => !!r)`, 30*time.Second)

	load(t, ctx, srv.URL+"/id/")
	until(t, ctx, `!document.querySelector("[data-save]").hidden && /MB/.test(document.querySelector("[data-save] output").textContent)`, 30*time.Second)
	t.Logf("before saving: %q", text(t, ctx, "[data-save] output"))
	eval[bool](t, ctx, `(document.querySelector("[data-save] button").click(), true)`)
	until(t, ctx, `/Tersimpan/.test(document.querySelector("[data-save] output").textContent)`, 2*time.Minute)
	saved := text(t, ctx, "[data-save] output")
	if !regexp.MustCompile(`^Tersimpan untuk dibaca offline \(\d+\.\d MB\)\.$`).MatchString(saved) {
		t.Errorf("after saving, the page says %q; want how many MB", saved)
	}
	shot(t, ctx, "offline-saved")

	srv.SetOffline(true)
	defer srv.SetOffline(false)
	for _, p := range []struct{ url, title string }{
		{first.URL, first.Meta.Title},
		{never.URL, never.Meta.Title},
	} {
		load(t, ctx, srv.URL+p.url)
		if h1 := text(t, ctx, "h1"); h1 != p.title {
			t.Errorf("offline, %s shows %q, want %q", p.url, h1, p.title)
		}
		until(t, ctx, `!document.querySelector("[data-offline-notice]").hidden`, 10*time.Second)
	}
	shot(t, ctx, "offline-chapter")

	load(t, ctx, srv.URL+"/id/search/?q=kalender")
	until(t, ctx, `document.querySelectorAll("#search-results li").length > 0`, 30*time.Second)
	if got := text(t, ctx, "#search-results li a"); got == "" {
		t.Error("offline search shows no result")
	}
	shot(t, ctx, "offline-search")

	// A page of a language that was not saved says so, in that language.
	load(t, ctx, srv.URL+s.Lang("en").Chapters[3].URL)
	if got := text(t, ctx, "body"); !strings.Contains(got, "not saved on this device") {
		t.Errorf("an unsaved page offline shows %q", got)
	}
}

// A new build replaces the worker and its cache: no page or file of the
// old build stays, and the language saved with the old build is saved
// again with the new one, without downloading again the files named after
// their content that both builds have.
func TestNewBuildReplacesCache(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := playbook.BuildInto(out, playbook.Date); err != nil {
		t.Fatal(err)
	}
	before := offlineList(t, out, "en")
	b := phone(t)
	srv := browsertest.Serve(t, out, browser.WithLog())
	ctx := fresh(t, b)
	load(t, ctx, srv.URL+"/en/")
	until(t, ctx, `!!navigator.serviceWorker.controller && !document.querySelector("[data-save]").hidden`, 30*time.Second)
	eval[bool](t, ctx, `(document.querySelector("[data-save] button").click(), true)`)
	until(t, ctx, `/Saved/.test(document.querySelector("[data-save] output").textContent)`, 2*time.Minute)
	oldVersion := version(t, out)

	// The next day's build changes every page's date, so the version.
	if _, err := playbook.BuildInto(out, time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	newVersion := version(t, out)
	if newVersion == oldVersion {
		t.Fatal("a build with other pages has the same version")
	}
	after := offlineList(t, out, "en")
	kept := map[string]bool{}
	for _, f := range after {
		if contentNamed.MatchString(f) && slices.Contains(before, f) {
			kept[f] = true
		}
	}
	if len(kept) < 10 {
		t.Fatalf("the two builds share %d files named after their content; the test needs more", len(kept))
	}
	srv.Take()
	load(t, ctx, srv.URL+"/en/")
	until(t, ctx, `caches.keys().then(k => k.length == 1 && k[0].endsWith(`+quote(newVersion)+`))`, time.Minute)
	until(t, ctx, `caches.match("/.saved/en", {ignoreSearch: true}).then(r => !!r)`, 2*time.Minute)
	var again []string
	for _, h := range srv.Take() {
		if kept[h.Path] {
			again = append(again, h.Path)
		}
	}
	if len(again) > 0 {
		t.Errorf("saving again downloaded %d of the %d files both builds have: %v", len(again), len(kept), again)
	}
	cached := eval[[]string](t, ctx, `caches.keys().then(k => caches.open(k[0])).then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname))`)
	for _, p := range cached {
		if contentNamed.MatchString(p) && !slices.Contains(after, p) {
			t.Errorf("the new cache holds %s, which the new build does not list", p)
		}
	}
	stale := eval[[]string](t, ctx, `caches.keys().then(k => caches.open(k[0])).then(c => c.keys()).then(rs => Promise.all(rs.map(r =>
		caches.match(r).then(res => res.text()).then(body => body.includes(`+quote(oldDate)+`) ? r.url : ""))))
		.then(urls => urls.filter(Boolean))`)
	if len(stale) > 0 {
		t.Errorf("after the new build, the cache still holds the old build's %v", stale)
	}
}

// contentNamed matches the paths of files named after their content, as
// the service worker tells them.
var contentNamed = regexp.MustCompile(`\.[0-9a-f]{8}\.[0-9a-z]+$|/search/[0-9a-f]{10}/[^/]+$`)

// offlineList is what saving lang for offline reading fetches.
func offlineList(t *testing.T, out, lang string) []string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(out, lang, "offline.json"))
	if err != nil {
		t.Fatal(err)
	}
	var l struct{ Files []string }
	if err := json.Unmarshal(body, &l); err != nil {
		t.Fatal(err)
	}
	return l.Files
}

// oldDate is how the first build's pages show their date.
const oldDate = `datetime="2026-03-02"`

// version reads the build's version from the service worker.
func version(t *testing.T, out string) string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(out, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`v:"([0-9a-f]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no version in sw.js: %.200s", body)
	}
	return string(m[1])
}

// On a first visit the service worker keeps the page the reader opened,
// a search page with its query too, without downloading it a second time.
func TestFirstPageKeptWithoutSecondDownload(t *testing.T) {
	out, s := bundled(t)
	srv := browsertest.Serve(t, out, browser.WithLog())
	b := phone(t)
	for _, page := range []string{s.Lang("id").Chapters[1].URL, "/id/search/?q=kalender"} {
		ctx := fresh(t, b)
		srv.Take()
		path, _, _ := strings.Cut(page, "?")
		load(t, ctx, srv.URL+page)
		until(t, ctx, `caches.keys().then(k => k.length > 0 && caches.match(location.origin + `+quote(path)+`)).then(r => !!r)`, 30*time.Second)
		sent := 0
		for _, h := range srv.Take() {
			if h.Path == path && h.Sent > 0 {
				sent++
			}
		}
		if sent != 1 {
			t.Errorf("%s: the page was sent %d times; want once", page, sent)
		}
	}
}

// photoCourse is a chapter with two wide images: a photo kept as PNG, which
// gets JPEG copies, and a cut-out, which keeps PNG ones.
func photoCourse(t *testing.T) map[string]string {
	return map[string]string{
		"site.yaml":             "title: Foto\nlanguages: [en]\n",
		"content/en/_index.md":  "---\ntitle: Photos\n---\nA course with photos.\n",
		"content/en/foto.md":    "---\ntitle: Market\n---\n![A market stall](étal.png)\n\n![A product cut out](cutout.png)\n",
		"content/en/étal.png":   string(testsite.Photo(900, 500, 0)), // a name the browser encodes
		"content/en/cutout.png": string(testsite.Photo(900, 500, 0.1)),
	}
}

// Saving a course keeps, of each image, the copy the phone's screen shows,
// not every width and the original: on a phone 360 px wide at twice its
// density, the 720 px copies. Offline the chapter shows them, and a screen
// that asks for another width (the phone turned) gets the saved copy.
func TestSavedImagesFitThePhone(t *testing.T) {
	out := t.TempDir()
	if _, err := build.Build(context.Background(), build.Options{SiteDir: testsite.New(t, photoCourse(t)), Out: out}); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, out)
	ctx := fresh(t, phone(t))
	screen := func(w, h int64) {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, chromedp.EmulateMobile, chromedp.EmulateScale(2))); err != nil {
			t.Fatal(err)
		}
	}
	screen(width, height)
	load(t, ctx, srv.URL+"/en/")
	until(t, ctx, `!!navigator.serviceWorker.controller && /MB/.test(document.querySelector("[data-save] output").textContent)`, 30*time.Second)
	want := []string{"/en/%C3%A9tal-png-720w.jpg", "/en/cutout-720w.png"}
	var picked int64
	for _, p := range want {
		name, _ := url.PathUnescape(p)
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		picked += fi.Size()
	}
	var l struct{ Bytes int64 }
	body, err := os.ReadFile(filepath.Join(out, "en", "offline.json"))
	if err != nil || json.Unmarshal(body, &l) != nil {
		t.Fatalf("offline.json: %v", err)
	}
	size := fmt.Sprintf("%.1f MB", float64(l.Bytes+picked)/1048576)
	if got := text(t, ctx, "[data-save] output"); !strings.Contains(got, size) {
		t.Errorf("before saving, the page says %q; want %s, with the 720 px copies", got, size)
	}
	click(t, ctx, "[data-save] button")
	until(t, ctx, `/Saved/.test(document.querySelector("[data-save] output").textContent)`, 2*time.Minute)
	cached := eval[[]string](t, ctx, `caches.keys().then(k => caches.open(k[0])).then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname))`)
	for _, p := range want {
		if !slices.Contains(cached, p) {
			t.Errorf("saving did not keep %s", p)
		}
	}
	for _, p := range []string{"/en/%C3%A9tal.png", "/en/%C3%A9tal-png-480w.jpg", "/en/%C3%A9tal-png-900w.jpg", "/en/cutout.png", "/en/cutout-480w.png", "/en/cutout-960w.png"} {
		if slices.Contains(cached, p) {
			t.Errorf("saving kept %s, which this phone does not show", p)
		}
	}

	srv.SetOffline(true)
	defer srv.SetOffline(false)
	// Each image as the page shows it: the file it asked for, and whether
	// it came (a width of 0 is a broken image).
	shown := `new Promise(done => {
		const imgs = Array.from(document.querySelectorAll(".content img"));
		imgs.forEach(i => { i.loading = "eager"; });
		const check = () => imgs.every(i => i.complete) ?
			done(imgs.map(i => (i.naturalWidth > 0 ? "" : "broken ") + new URL(i.currentSrc).pathname)) : setTimeout(check, 50);
		check();
	})`
	load(t, ctx, srv.URL+"/en/foto/")
	if got := eval[[]string](t, ctx, shown); !slices.Equal(got, want) {
		t.Errorf("offline, the chapter shows %q, want %q", got, want)
	}
	// 740 px wide, the column's 672 px at twice the density need more than
	// any copy: the page asks for the widest, which was not saved.
	screen(height, width)
	load(t, ctx, srv.URL+"/en/foto/")
	turned := []string{"/en/%C3%A9tal-png-900w.jpg", "/en/cutout.png"}
	if got := eval[[]string](t, ctx, shown); !slices.Equal(got, turned) {
		t.Errorf("offline and turned, the chapter shows %q, want %q, answered by the saved copies", got, turned)
	}
}
