package build

import (
	"context"
	"path/filepath"
	"testing"

	"lentera/generator/internal/testsite"
	"lentera/generator/internal/wire"
	"lentera/generator/publish"
	"lentera/generator/search"
)

// A page that one edition's index analysed is taken as it is by the next
// edition's, in the same build: the trainer edition shares most pages
// with the participant edition.
func TestAnalysisTakenByTheNextEdition(t *testing.T) {
	docs := []search.Doc{
		{URL: "/id/a/", Title: "Pemasaran", HTML: []byte(`<p>Jualan lewat video pendek.</p>`)},
		{URL: "/id/b/", Title: "Kalender", HTML: []byte(`<p>Kalender musim jualan.</p>`)},
	}
	keys := []uint64{1, 2}
	b, prev, next := New(Options{}), &cache{}, &cache{analysed: map[uint64]*search.Page{}}
	first, err := b.analyse("id", docs, keys, prev, next)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.analyse("id", docs[1:], keys[1:], prev, next)
	if err != nil {
		t.Fatal(err)
	}
	if again[0] != first[1] {
		t.Error("the page was analysed again")
	}
}

// A page of the build cache that does not decode is analysed again, not
// trusted, and the index is what it is without the cache.
func TestUndecodableAnalysisAnalysedAgain(t *testing.T) {
	docs := []search.Doc{
		{URL: "/id/a/", Title: "Pemasaran", HTML: []byte(`<p>Jualan lewat video pendek.</p>`)},
		{URL: "/id/b/", Title: "Kalender", HTML: []byte(`<p>Kalender musim jualan.</p>`)},
	}
	keys := []uint64{1, 2}
	fresh, err := search.Analyze("id", docs)
	if err != nil {
		t.Fatal(err)
	}
	var w wire.Writer
	w.Blob([]byte{1, 9}) // word forms, then nine of them that are not there
	r := wire.NewReader(w.Bytes())
	broken := search.DecodePage(r)
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	prev := &cache{analysed: map[uint64]*search.Page{1: broken, 2: fresh[1]}}
	next := &cache{analysed: map[uint64]*search.Page{}}
	pages, err := New(Options{}).analyse("id", docs, keys, prev, next)
	if err != nil {
		t.Fatal(err)
	}
	if pages[0] == broken || pages[1] != fresh[1] {
		t.Errorf("the broken page was taken, or the good one was not")
	}
	got, err := search.Assemble("id", pages)
	if err != nil {
		t.Fatal(err)
	}
	want, err := search.Assemble("id", fresh)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "index", asFiles(got), asFiles(want))
}

func asFiles(index []search.File) []publish.File {
	out := make([]publish.File, len(index))
	for i, f := range index {
		out[i] = publish.File{Path: f.Path, Body: f.Body}
	}
	return out
}

// A streaming build lets go of a language's analyses once its indexes are
// made, unless it saves a build cache, which keeps them; either way the
// output is the same, and a later build from that cache too.
func TestStreamedBuildKeepsAnalysesForTheCacheOnly(t *testing.T) {
	site := readSiteCase(t, "testdata/sites/bilingual.txtar").site
	var outputs []map[string][32]byte
	for _, cacheDir := range []string{"", t.TempDir()} {
		opts := Options{Site: site, BuildDate: testDate, Out: filepath.Join(t.TempDir(), "public"), Stream: true, CacheDir: cacheDir}
		b := New(opts)
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		if kept := len(b.cache.analysed); (cacheDir == "") != (kept == 0) {
			t.Errorf("cache folder %q: %d analyses kept", cacheDir, kept)
		}
		outputs = append(outputs, testsite.Hashes(t, opts.Out))
		if cacheDir != "" {
			if _, err := New(opts).Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			outputs = append(outputs, testsite.Hashes(t, opts.Out))
		}
	}
	for i := 1; i < len(outputs); i++ {
		if !sameHashes(outputs[0], outputs[i]) {
			t.Errorf("build %d's output differs from the first", i)
		}
	}
}
