package build

import (
	"bytes"
	"context"
	"testing"

	"lentera/generator/internal/wire"
	"lentera/generator/publish"
)

// builtCache is the cache a build of a small two-language course leaves,
// and the entries encodeCache writes of it.
func builtCache(t testing.TB) (*cache, map[string][]publish.File, []byte) {
	t.Helper()
	b := New(Options{Site: readSiteCase(t, "testdata/sites/bilingual.txtar").site, BuildDate: testDate})
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return b.cache, b.resized, encoded(t, b.cache, b.resized)
}

func encoded(t testing.TB, c *cache, resized map[string][]publish.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := wire.NewWriter(&buf)
	encodeCache(w, c, resized)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decoded reads entries as a build does: the loader's part, then the rest.
func decoded(entries []byte) (*cache, map[string][]publish.File, error) {
	r := wire.NewReader(entries)
	c := decodeLoaderPart(r)
	resized := decodeRest(r, c)
	return c, resized, r.Done()
}

// The cache decodes to what was encoded: encoded again, it gives the same
// bytes. Reading its parts in another order than they were written, or
// leaving one out, fails this.
func TestCacheDecodesAsEncoded(t *testing.T) {
	c, _, entries := builtCache(t)
	if len(c.docs) == 0 || len(c.analysed) == 0 || len(c.pages) == 0 {
		t.Fatalf("the build left a thin cache: %d docs, %d analyses, %d pages", len(c.docs), len(c.analysed), len(c.pages))
	}
	got, resized, err := decoded(entries)
	if err != nil {
		t.Fatal(err)
	}
	if again := encoded(t, got, resized); !bytes.Equal(again, entries) {
		t.Errorf("decoded and encoded again, the cache's %d bytes became %d", len(entries), len(again))
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
	_, _, entries := builtCache(f)
	f.Add(entries)
	f.Add(entries[:len(entries)/2])
	f.Fuzz(func(t *testing.T, entries []byte) {
		decoded(entries)
	})
}
