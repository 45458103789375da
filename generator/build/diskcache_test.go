package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cespare/xxhash/v2"

	"lentera/generator/internal/testsite"
	"lentera/generator/publish"
	"lentera/generator/search"
)

// cachedBundle is the bundled site in memory, with a build cache folder of
// its own, built once so that the cache holds it.
func cachedBundle(t *testing.T) (fstest.MapFS, Options) {
	t.Helper()
	fsys := bundledSite(t)
	opts := Options{SiteDir: "kursus", Site: fsys, BuildDate: testDate, CacheDir: t.TempDir()}
	res, err := New(opts).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	noCacheWarnings(t, "first build", res.Warnings)
	return fsys, opts
}

// A build by a new Builder, with none of the last one's memory, after an
// edit gives exactly what a build without the cache gives, and renders only
// what changed: it found the rest in the cache the last build saved.
func TestCachedBuildEqualsCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site many times")
	}
	fsys, opts := cachedBundle(t)
	ctx := context.Background()
	clean := opts
	clean.CacheDir = ""
	// The edits the dev server's rebuilds follow, each by a new Builder.
	for _, e := range rebuildEdits() {
		e.apply(fsys)
		got, err := New(opts).Build(ctx)
		if err != nil {
			t.Fatalf("%s: cached build: %v", e.name, err)
		}
		noCacheWarnings(t, e.name, got.Warnings)
		want, err := Build(ctx, clean)
		if err != nil {
			t.Fatalf("%s: clean build: %v", e.name, err)
		}
		e.check(t, "cached build", got, want)
	}
}

// A cache file that cannot be trusted is not used: the build says so in
// one warning, builds everything, and gives what a clean build gives. Its
// own cache then replaces the bad one.
func TestBadCacheIgnored(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site many times")
	}
	_, opts := cachedBundle(t)
	ctx := context.Background()
	clean := opts
	clean.CacheDir = ""
	want, err := Build(ctx, clean)
	if err != nil {
		t.Fatal(err)
	}
	file := New(opts).cacheFile()
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the first build left no cache: %v", err)
	}
	other := opts
	other.SiteDir = "lain"
	flipped := func(at int) []byte {
		b := []byte(strings.Clone(string(good)))
		b[at] ^= 0x10
		return b
	}
	cases := []struct {
		name, why string
		make      func(t *testing.T) // writes the bad cache
	}{
		{"truncated", "cut short", func(t *testing.T) { writeFile(t, file, good[:len(good)/2]) }},
		{"empty", "not a build cache", func(t *testing.T) { writeFile(t, file, nil) }},
		{"flipped in the header", "not a build cache", func(t *testing.T) { writeFile(t, file, flipped(3)) }},
		{"flipped in the entries", "checksum", func(t *testing.T) {
			_, html := cacheParts(t, good)
			writeFile(t, file, flipped(len(cacheMagic)+len(html)+10))
		}},
		{"flipped in the checksum", "checksum", func(t *testing.T) { writeFile(t, file, flipped(len(good)-1)) }},
		// Well framed, so only reading the entries finds them cut short.
		{"entries cut short", "damaged", func(t *testing.T) {
			entries, html := cacheParts(t, good)
			writeFile(t, file, framedCache(entries[:len(entries)-1000], html))
		}},
		// Cut in the front matter and stamps, decoded before the rest,
		// which start after the format, program version and site key.
		{"loader's part cut short", "damaged", func(t *testing.T) {
			entries, html := cacheParts(t, good)
			version, err := programVersion()
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, file, framedCache(entries[:len(version)+50], html))
		}},
		// The HTML is read a page at a time, but each page's is checked
		// against its sum before any is used.
		{"flipped in the HTML", "does not match its sum", func(t *testing.T) {
			writeFile(t, file, flipped(len(cacheMagic)+10))
		}},
		{"flipped in the last page's HTML", "does not match its sum", func(t *testing.T) {
			_, html := cacheParts(t, good)
			writeFile(t, file, flipped(len(cacheMagic)+len(html)-1))
		}},
		// A page's HTML said to be past the file's.
		{"HTML cut short", "damaged", func(t *testing.T) {
			entries, html := cacheParts(t, good)
			writeFile(t, file, framedCache(entries, html[:len(html)/2]))
		}},
		{"another program version", "another version", func(t *testing.T) {
			b := New(opts)
			b.disk.version = "another"
			if _, err := b.Build(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"another site", "another site", func(t *testing.T) {
			os.Remove(file)
			if _, err := New(other).Build(ctx); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(New(other).cacheFile())
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, file, b)
		}},
	}
	for _, c := range cases {
		c.make(t)
		got, err := New(opts).Build(ctx)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var warned []string
		for _, w := range got.Warnings {
			if strings.Contains(w.Error(), "build cache") {
				warned = append(warned, w.Error())
			}
		}
		if len(warned) != 1 || !strings.Contains(warned[0], "build cache ignored") || !strings.Contains(warned[0], c.why) {
			t.Errorf("%s: warnings about the cache %q, want one that it was ignored, saying %q", c.name, warned, c.why)
		}
		if got.Rendered != want.Rendered {
			t.Errorf("%s: rendered %d pages, a clean build %d", c.name, got.Rendered, want.Rendered)
		}
		sameFiles(t, c.name, got.Files, want.Files)
		// The build replaced the bad cache with a good one.
		again, err := New(opts).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		noCacheWarnings(t, c.name+", then again", again.Warnings)
		if again.Rendered != 0 {
			t.Errorf("%s: the build after it rendered %d pages, want none", c.name, again.Rendered)
		}
	}
}

func noCacheWarnings(t *testing.T, name string, warnings []error) {
	t.Helper()
	for _, w := range warnings {
		if strings.Contains(w.Error(), "build cache") {
			t.Errorf("%s: %v", name, w)
		}
	}
}

func writeFile(t *testing.T, file string, body []byte) {
	t.Helper()
	// A new file, as the build writes them: one a build mapped may
	// not change under it.
	os.Remove(file)
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A cache file left half written by a killed run is removed once it is
// old; one that a run may still be writing is left alone.
func TestStaleCacheFilesRemoved(t *testing.T) {
	opts := Options{SiteDir: "kursus", Site: bundledSite(t), BuildDate: testDate, CacheDir: t.TempDir()}
	dir := filepath.Dir(New(opts).cacheFile())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale, fresh := filepath.Join(dir, cacheName+".new-1"), filepath.Join(dir, cacheName+".new-2")
	writeFile(t, stale, []byte("half"))
	writeFile(t, fresh, []byte("half"))
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, long, long); err != nil {
		t.Fatal(err)
	}
	if _, err := New(opts).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale file is still there")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("the recent file was removed")
	}
}

// A streaming build lets go of each page once written; the cache then
// takes the pages from the output folder, so the next build still renders
// only what an edit changed, and writes what a clean build makes.
func TestStreamedBuildCached(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site several times")
	}
	fsys, opts := streamedBundle(t)
	out, ctx := opts.Out, context.Background()
	e := rebuildEdits()[0] // the chapter body
	e.apply(fsys)
	got, err := New(opts).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	noCacheWarnings(t, e.name, got.Warnings)
	if got.Rendered != e.rendered || got.Sections != e.sections {
		t.Errorf("rendered %d pages and %d workbook sections after the edit, want %d and %d", got.Rendered, got.Sections, e.rendered, e.sections)
	}
	// That build saved the pages it took from the cache too.
	again, err := New(opts).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again.Rendered != 0 || again.Sections != 0 {
		t.Errorf("rendered %d pages and %d workbook sections with nothing changed, want none", again.Rendered, again.Sections)
	}
	clean := opts
	clean.CacheDir, clean.Out, clean.Stream = "", "", false
	want, err := Build(ctx, clean)
	if err != nil {
		t.Fatal(err)
	}
	written := make([]publish.File, 0, len(want.Files))
	for _, f := range want.Files {
		body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, publish.File{Path: f.Path, Body: body})
	}
	sameFiles(t, "output folder", written, want.Files)
}

// After a streaming build the cache holds what it wrote of each page, not
// the page: the output holds the bodies. The next build takes a page from
// the output only while it looks as written; a page changed there by hand
// is made again.
func TestCacheKeepsSummariesNotPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site several times")
	}
	_, opts := streamedBundle(t)
	out, ctx := opts.Out, context.Background()
	// A second build leaves the first one kept beside it.
	if _, err := New(opts).Build(ctx); err != nil {
		t.Fatal(err)
	}
	c, _, err := New(opts).readCache()
	if err != nil {
		t.Fatal(err)
	}
	bodies, page := 0, ""
	for _, p := range sortedKeys(c.pages) {
		e := c.pages[p]
		if e.body != nil {
			bodies++
			continue
		}
		if page == "" && strings.HasPrefix(p, "id/") {
			page = p
		}
		body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if e.written != publish.Summary(publish.File{Path: p, Body: body}) {
			t.Errorf("%s: the cache's summary is not the file written", p)
		}
	}
	// Only pages whose ids the link check reads keep their bodies.
	if bodies*4 > len(c.pages) {
		t.Errorf("the cache holds %d of %d pages whole", bodies, len(c.pages))
	}
	// So do search indexes, but for the entry file their page carries.
	indexes := 0
	for _, dir := range sortedKeys(c.search) {
		e := c.search[dir]
		for _, f := range e.files {
			indexes++
			whole := path.Base(f.Path) == search.EntryFile
			if (f.Body != nil) != whole {
				t.Errorf("%s: the cache holds its body: %v", f.Path, f.Body != nil)
			}
			if whole {
				continue
			}
			body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
			if err != nil || c.output.Files[f.Path] != publish.Summary(publish.File{Path: f.Path, Body: body}) {
				t.Errorf("%s: the output record's summary is not the file written (%v)", f.Path, err)
			}
		}
	}
	if indexes == 0 {
		t.Error("the cache has no search index files")
	}

	file := filepath.Join(out, filepath.FromSlash(page))
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Changed in place, the same size: the kept build's twin, one file
	// with it, changes too.
	changed := []byte(strings.Replace(string(want), "<main", "<MAIN", 1))
	time.Sleep(10 * time.Millisecond) // a later modification time than the record's
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := New(opts).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 1 {
		t.Errorf("rendered %d pages, want the one changed by hand", res.Rendered)
	}
	if got, _ := os.ReadFile(file); string(got) != string(want) {
		t.Errorf("%s was not made again: %.80q", page, got)
	}
}

// A build takes a workbook's unchanged sections from the file the last
// build wrote only while their bytes are as it wrote them: a section
// changed by hand, in a file of the same size and time, is rendered again.
func TestWorkbookSectionsCheckedBeforeTaken(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site several times")
	}
	fsys, opts := streamedBundle(t)
	file := filepath.Join(opts.Out, "id", "print", "index.html")
	editInPlace(t, file, []byte("<h1>Memahami pasar</h1>"), []byte("<h1>Memahami PASAR</h1>"), bytes.Index)
	e := rebuildEdits()[0] // the chapter body
	e.apply(fsys)
	got, err := New(opts).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.Sections != e.sections+1 {
		t.Errorf("rendered %d workbook sections, want %d: the edited chapter's and the one changed by hand", got.Sections, e.sections+1)
	}
	cleanOpts := opts
	cleanOpts.CacheDir, cleanOpts.Out, cleanOpts.Stream = "", "", false
	wantRes, err := Build(context.Background(), cleanOpts)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var clean []byte
	for _, f := range wantRes.Files {
		if f.Path == "id/print/index.html" {
			clean = f.Body
		}
	}
	if !bytes.Equal(body, clean) {
		t.Error("the workbook differs from a clean build's")
	}
}

// editInPlace writes new over the bytes old of a file, where find finds
// them, in the same file, and sets its modification time back to what it
// was: an edit only the file's contents show.
func editInPlace(t *testing.T, file string, old, new []byte, find func(s, sep []byte) int) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	at := find(b, old)
	if at < 0 || len(new) != len(old) {
		t.Fatalf("%s has no %q to change for %q", file, old, new)
	}
	copy(b[at:], new)
	f, err := os.OpenFile(file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(b, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// streamedBundle is the bundled site in memory, built once by a streaming
// build into an output folder, with a build cache folder of its own.
func streamedBundle(t *testing.T) (fstest.MapFS, Options) {
	t.Helper()
	fsys := bundledSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{SiteDir: "kursus", Site: fsys, BuildDate: testDate, CacheDir: t.TempDir(), Out: out, Stream: true}
	if _, err := New(opts).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return fsys, opts
}

// The cache keeps the minified assets, the drawn icons among them, so a
// later run does not make them again; each is the file a build without the
// cache publishes.
func TestCacheKeepsAssets(t *testing.T) {
	_, opts := cachedBundle(t)
	c, _, err := New(opts).readCache()
	if err != nil {
		t.Fatal(err)
	}
	clean := opts
	clean.CacheDir = ""
	res, err := Build(context.Background(), clean)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string][]byte{}
	for _, f := range res.Files {
		published[f.Path] = f.Body
	}
	if len(c.assets.files) == 0 || c.assets.key == 0 {
		t.Fatalf("the cache has %d assets, under key %x", len(c.assets.files), c.assets.key)
	}
	for _, f := range c.assets.files {
		if want, ok := published[f.Path]; !ok || string(want) != string(f.Body) {
			t.Errorf("the cached %s is not the published one", f.Path)
		}
	}
	for name, url := range c.assets.urls {
		if _, ok := published[strings.TrimPrefix(url, "/")]; !ok {
			t.Errorf("the cached name %s leads to %s, which is not published", name, url)
		}
	}
	if !strings.Contains(strings.Join(sortedKeys(c.assets.urls), " "), "icon-") {
		t.Error("the cached assets have no icons")
	}
}

// An index file the cache keeps only a summary of, changed in the output
// by hand, is made again: the index is assembled anew rather than taken
// from an output that no longer holds it.
func TestCachedIndexFileChangedByHand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site several times")
	}
	_, opts := streamedBundle(t)
	ctx := context.Background()
	if _, err := New(opts).Build(ctx); err != nil { // the first is kept beside it
		t.Fatal(err)
	}
	c, _, err := New(opts).readCache()
	if err != nil {
		t.Fatal(err)
	}
	var shard string
	for _, f := range c.search["id/search/"].files {
		if f.Body == nil && strings.HasPrefix(path.Base(f.Path), "t") {
			shard = f.Path
			break
		}
	}
	if shard == "" {
		t.Fatal("the cache keeps no term shard of id/search/ as a summary")
	}
	file := filepath.Join(opts.Out, filepath.FromSlash(shard))
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	changed := append([]byte{}, want...)
	changed[0] ^= 0x20
	time.Sleep(10 * time.Millisecond) // a later modification time than the record's
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(opts).Build(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); string(got) != string(want) {
		t.Errorf("%s was not made again: %.80q", shard, got)
	}
}

// The cache keeps the QR codes the printed pages carry, each as a build
// without the cache prints it, for the next run's renderer to take.
func TestCacheKeepsQRCodes(t *testing.T) {
	_, opts := cachedBundle(t)
	c, _, err := New(opts).readCache()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.qrs) == 0 {
		t.Fatal("the cache keeps no QR code")
	}
	clean := opts
	clean.CacheDir = ""
	res, err := Build(context.Background(), clean)
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string]bool{}
	for _, f := range res.Files {
		for _, svg := range strings.SplitAfter(string(f.Body), "</svg>") {
			if i := strings.Index(svg, `<svg class="qr"`); i >= 0 {
				printed[svg[i:]] = true
			}
		}
	}
	for _, q := range c.qrs {
		if !printed[q.SVG] {
			t.Errorf("%s (%s): the kept code is printed nowhere: %.80q", q.Text, q.Label, q.SVG)
		}
	}
}

// readCache reads the cache file and decodes it whole, as a build does
// in two steps (loadCache, takeCache), for the tests to look into.
func (b *Builder) readCache() (*cache, map[string][]publish.File, error) {
	c, rest, err := b.openCache()
	if err != nil {
		return nil, nil, err
	}
	resized, err := rest()
	if err != nil {
		return nil, nil, err
	}
	return c, resized, nil
}

// cacheParts splits a cache file into its entries and its HTML, which
// lies between the magic and the entries.
func cacheParts(t *testing.T, file []byte) (entries, html []byte) {
	t.Helper()
	if len(file) < len(cacheMagic)+cacheTrailer {
		t.Fatal("no cache file")
	}
	trailer := file[len(file)-cacheTrailer:]
	n := int(binary.LittleEndian.Uint64(trailer[8:]))
	body := file[len(cacheMagic) : len(file)-cacheTrailer]
	return body[n:], body[:n]
}

// framedCache makes a cache file of entries and HTML, its lengths and
// checksum right: the checksum leaves the HTML out.
func framedCache(entries, html []byte) []byte {
	lengths := binary.LittleEndian.AppendUint64(nil, uint64(len(entries)))
	lengths = binary.LittleEndian.AppendUint64(lengths, uint64(len(html)))
	sum := xxhash.Sum64(slices.Concat([]byte(cacheMagic), entries, lengths))
	return binary.LittleEndian.AppendUint64(slices.Concat([]byte(cacheMagic), html, entries, lengths), sum)
}

// The cache file a save replaces is left for the next run, which removes
// it before its own save leaves the file it replaces: after each build one
// file waits, the one the build before wrote.
func TestReplacedCacheLeftForTheNextRun(t *testing.T) {
	_, opts := cachedBundle(t)
	file := New(opts).cacheFile()
	if _, err := os.Lstat(replacedName(file)); !os.IsNotExist(err) {
		t.Fatalf("a first save left %s (%v)", replacedName(file), err)
	}
	for run := 2; run <= 3; run++ {
		before, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := New(opts).Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		left, err := os.Stat(replacedName(file))
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if !os.SameFile(left, before) {
			t.Errorf("run %d: %s is not the file the run replaced", run, replacedName(file))
		}
	}
}

// A build that fails after it began its cache file, as it puts its
// output in place, leaves no part of the file and the last cache as it
// was; the Builder's next build saves.
func TestDroppedSaveLeavesNothing(t *testing.T) {
	_, opts := cachedBundle(t)
	b := New(opts)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	file := b.cacheFile()
	before, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b.disk.saved = false
	b.startSave()
	b.dropSave()
	if temps, _ := filepath.Glob(filepath.Join(filepath.Dir(file), tempPattern)); len(temps) > 0 {
		t.Errorf("a dropped save left %v", temps)
	}
	if after, err := os.Stat(file); err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("a dropped save changed the cache file (%v)", err)
	}
	if err := b.saveCache(); err != nil {
		t.Fatal(err)
	}
	if after, err := os.Stat(file); err != nil || os.SameFile(before, after) {
		t.Errorf("the save after a dropped one wrote no new cache file (%v)", err)
	}
}

// A build that fails once its cache file is begun, before its output is
// put in place (here on a page that would replace the search page), leaves
// no part of the file behind, and no cache.
func TestFailedGatherLeavesNoCacheFile(t *testing.T) {
	files := testsite.Course(2)
	files["content/en/search.md"] = "---\ntitle: S\n---\nText.\n"
	cache := t.TempDir()
	opts := Options{SiteDir: testsite.New(t, files), Out: filepath.Join(t.TempDir(), "public"), CacheDir: cache, BuildDate: testDate, Stream: true}
	_, err := Build(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "which the build makes itself") {
		t.Fatalf("the build gave %v, want the search page's path taken", err)
	}
	var left []string
	filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return err
	})
	if len(left) > 0 {
		t.Errorf("the failed build left %v", left)
	}
}
