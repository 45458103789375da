package build

import (
	"bytes"
	"context"
	"testing"

	"lentera/generator/internal/wire"
	"lentera/generator/markup"
	"lentera/generator/publish"
)

// builtCache is the cache a build of a small two-language course leaves,
// and the entries and HTML encodeCache and writeHTML write of it.
func builtCache(t testing.TB) (c *cache, resized map[string][]publish.File, entries, html []byte) {
	t.Helper()
	b := New(Options{Site: readSiteCase(t, "testdata/sites/bilingual.txtar").site, BuildDate: testDate})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	entries, html = encoded(t, b.cache, b.resized)
	return b.cache, b.resized, entries, html
}

func encoded(t testing.TB, c *cache, resized map[string][]publish.File) (entries, html []byte) {
	t.Helper()
	var buf, htmlBuf bytes.Buffer
	w := wire.NewWriter(&buf)
	docs, n := encodeCache(w, c, resized)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := writeHTML(&htmlBuf, docs); err != nil {
		t.Fatal(err)
	}
	if int64(htmlBuf.Len()) != n {
		t.Fatalf("encodeCache counted %d bytes of HTML, writeHTML wrote %d", n, htmlBuf.Len())
	}
	return buf.Bytes(), htmlBuf.Bytes()
}

// decoded reads entries as a build does: the loader's part, then the rest.
func decoded(entries, html []byte) (*cache, map[string][]publish.File, error) {
	r := wire.NewReader(entries)
	c := decodeLoaderPart(r)
	resized := decodeRest(r, c, markup.OpenSpool(nil, 0, html), int64(len(html)))
	return c, resized, r.Done()
}

// The cache decodes to what was encoded: encoded again, it gives the same
// bytes. Reading its parts in another order than they were written, or
// leaving one out, fails this.
func TestCacheDecodesAsEncoded(t *testing.T) {
	c, _, entries, html := builtCache(t)
	if len(c.docs) == 0 || len(c.analysed) == 0 || len(c.pages) == 0 {
		t.Fatalf("the build left a thin cache: %d docs, %d analyses, %d pages", len(c.docs), len(c.analysed), len(c.pages))
	}
	got, resized, err := decoded(entries, html)
	if err != nil {
		t.Fatal(err)
	}
	again, againHTML := encoded(t, got, resized)
	if !bytes.Equal(again, entries) {
		t.Errorf("decoded and encoded again, the cache's %d bytes became %d", len(entries), len(again))
	}
	if !bytes.Equal(againHTML, html) {
		t.Errorf("decoded and written again, the cache's %d bytes of HTML became %d", len(html), len(againHTML))
	}
}

// FuzzCacheDecode decodes damaged cache entries. The checksum keeps such
// bytes from being decoded, but a decoder must still end in an error,
// never a panic.
//
// Its seed is a quarter of a megabyte, which the fuzzer takes minutes to
// minimize each time an input finds new code: hence no minimizing.
//
//	go test ./generator/build -run '^$' -fuzz FuzzCacheDecode -fuzztime 1m -fuzzminimizetime 0
func FuzzCacheDecode(f *testing.F) {
	_, _, entries, html := builtCache(f)
	f.Add(entries)
	f.Add(entries[:len(entries)/2])
	f.Fuzz(func(t *testing.T, entries []byte) {
		if c, _, err := decoded(entries, html); err == nil {
			for _, e := range c.docs {
				e.doc.HTML(markup.Pass{}) // within html, or the decoder failed
			}
		}
	})
}
