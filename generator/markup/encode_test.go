package markup

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"lentera/generator/fileerr"
	"lentera/generator/internal/wire"
	"lentera/generator/site"
)

// allPasses are the passes the build converts every page for.
var allPasses = []Pass{{}, {Edition: "trainer"}, {Workbook: true}, {Edition: "trainer", Workbook: true}, {Edition: "trainer", Slides: true}}

// convertedCases converts every golden case that converts without error.
func convertedCases(t *testing.T, opts Options) map[string]*Doc {
	t.Helper()
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	conv := New(opts)
	docs := map[string]*Doc{}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s, page := fixture(t, section(ar, "input.md"))
		in := Input{Site: s, Page: page, URLs: site.NewURLs("https://example.org/k/"), T: func(k string) string { return "«" + k + "»" }, Embed: stubEmbed}
		if doc, err := conv.Convert(in, allPasses...); err == nil {
			docs[filepath.Base(file)] = doc
		}
	}
	if len(docs) < 5 {
		t.Fatalf("only %d cases convert", len(docs))
	}
	return docs
}

// withEmpty adds to docs two pages with no text, whose passes have no
// HTML and lie where the next page's begins, first in order of name.
func withEmpty(t *testing.T, docs map[string]*Doc, opts Options) map[string]*Doc {
	t.Helper()
	for _, name := range []string{"0 empty", "1 empty"} {
		s, page := fixture(t, "")
		doc, err := New(opts).Convert(Input{Site: s, Page: page, URLs: site.NewURLs("https://example.org/k/"), T: func(k string) string { return k }, Embed: stubEmbed}, allPasses...)
		if err != nil || doc.Len(allPasses[0]) != 0 {
			t.Fatalf("a page with no text: %v", err)
		}
		docs[name] = doc
	}
	return docs
}

// encoded is doc as the build cache keeps it: its entry, and its HTML
// apart.
func encoded(t *testing.T, doc *Doc) (entry, html []byte) {
	t.Helper()
	var w wire.Writer
	var at int64
	doc.EncodeSpooled(&w, &at)
	var b bytes.Buffer
	if err := WriteHTML(&b, []*Doc{doc}); err != nil {
		t.Fatal(err)
	}
	return w.Bytes(), b.Bytes()
}

// decoded reads what encoded gave.
func decoded(entry, html []byte) (*Doc, error) {
	r := wire.NewReader(entry)
	d := &Doc{}
	d.DecodeSpooled(r, OpenSpool(nil, 0, html), int64(len(html)))
	return d, r.Done()
}

// what gives what a Doc says of its page, all but the HTML and warnings.
func what(d *Doc) []any {
	return []any{d.TOC, d.Uses, d.Images, d.Terms, d.Links, d.Resolved, d.targets, d.varies, d.sums}
}

// A Doc comes back from its encoding as it was: every field, the HTML and
// sum of every pass, and warnings that print the same with their position.
func TestDocRoundTrip(t *testing.T) {
	warned := false
	for name, doc := range convertedCases(t, Options{}) {
		entry, html := encoded(t, doc)
		got, err := decoded(entry, html)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, w := range doc.Warnings {
			warned = true
			if got.Warnings[i].Error() != w.Error() {
				t.Errorf("%s: warning %q came back as %q", name, w, got.Warnings[i])
			}
			want, _ := w.(*fileerr.Error)
			if fe, ok := got.Warnings[i].(*fileerr.Error); ok != (want != nil) || ok && (fe.Path != want.Path || fe.Line != want.Line || fe.Col != want.Col) {
				t.Errorf("%s: warning %q lost its position", name, w)
			}
		}
		if !reflect.DeepEqual(what(got), what(doc)) {
			t.Errorf("%s: the decoded Doc differs:\n got %+v\nwant %+v", name, what(got), what(doc))
		}
		for _, p := range allPasses {
			if string(got.HTML(p)) != string(doc.HTML(p)) || got.Sum(p) != doc.Sum(p) {
				t.Errorf("%s: pass %+v differs", name, p)
			}
		}
	}
	if !warned {
		t.Error("no case has a warning: the round trip of warnings is untested")
	}
}

// A Doc's entry cut short or with a byte changed is refused or decodes to
// some Doc, never panics; cut short it is always refused.
func TestDocDecodeDamaged(t *testing.T) {
	for name, doc := range convertedCases(t, Options{}) {
		entry, html := encoded(t, doc)
		for n := 0; n < len(entry); n++ {
			if _, err := decoded(entry[:n], html); err == nil {
				t.Fatalf("%s: cut to %d of %d bytes, it decodes", name, n, len(entry))
			}
		}
		for i := range entry {
			damaged := []byte(strings.Clone(string(entry)))
			damaged[i] ^= 0x5a
			_, _ = decoded(damaged, html)
		}
	}
}

// A Doc decoded from any entry, with its HTML in 64 bytes, encodes to an
// entry that decodes.
func FuzzDocDecode(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0})
	html := bytes.Repeat([]byte("<p>x</p>"), 8)
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := decoded(data, html); err == nil {
			entry, again := encoded(t, d)
			if _, err := decoded(entry, again); err != nil {
				t.Fatalf("a decoded Doc's encoding does not decode: %v", err)
			}
		}
	})
}

// A Doc encoded with its HTML apart comes back with the same HTML, length
// and sum of every pass, read from a file or from memory, where its HTML
// checks against its sums; a span past the HTML there is, is an error,
// and so is a byte changed anywhere in the HTML.
func TestDocSpooledRoundTrip(t *testing.T) {
	docs := withEmpty(t, convertedCases(t, Options{}), Options{})
	var w wire.Writer
	var html bytes.Buffer
	var at int64
	names := slices.Sorted(maps.Keys(docs))
	var list []*Doc
	for _, name := range names {
		docs[name].EncodeSpooled(&w, &at)
		list = append(list, docs[name])
	}
	if err := WriteHTML(&html, list); err != nil {
		t.Fatal(err)
	}
	if at != int64(html.Len()) {
		t.Fatalf("counted %d bytes of HTML, wrote %d", at, html.Len())
	}
	file := filepath.Join(t.TempDir(), "html")
	const base = 7 // the HTML need not start the file
	if err := os.WriteFile(file, append(make([]byte, base), html.Bytes()...), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, spool := range []*Spool{OpenSpool(f, base, nil), OpenSpool(nil, 0, html.Bytes())} {
		r := wire.NewReader(w.Bytes())
		var decoded []*Doc
		for _, name := range names {
			got := &Doc{}
			got.DecodeSpooled(r, spool, at)
			decoded = append(decoded, got)
			want := docs[name]
			for _, p := range allPasses {
				if !bytes.Equal(got.HTML(p), want.HTML(p)) || got.Len(p) != want.Len(p) || got.Sum(p) != want.Sum(p) {
					t.Errorf("%s: pass %+v differs", name, p)
				}
			}
		}
		if err := r.Done(); err != nil {
			t.Fatal(err)
		}
		if err := CheckSpooled(spool, at, decoded); err != nil {
			t.Errorf("the HTML as written does not check against its sums: %v", err)
		}
		// Written again, the pages come from the spool in runs.
		var again bytes.Buffer
		if err := WriteHTML(&again, decoded); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), html.Bytes()) {
			t.Errorf("the HTML written again from the spool differs (%d bytes, not %d)", again.Len(), html.Len())
		}
		if err := spool.Err(); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	// Pages converted into a build's spool, partly still in its buffer.
	spool := newSpool(t)
	spooled := withEmpty(t, convertedCases(t, Options{Spool: spool}), Options{Spool: spool})
	var fromSpool []*Doc
	for _, name := range names {
		fromSpool = append(fromSpool, spooled[name])
	}
	var again bytes.Buffer
	if err := WriteHTML(&again, fromSpool); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), html.Bytes()) {
		t.Errorf("the HTML written from a build's spool differs (%d bytes, not %d)", again.Len(), html.Len())
	}
	for _, i := range []int{0, html.Len() / 2, html.Len() - 1} {
		damaged := bytes.Clone(html.Bytes())
		damaged[i] ^= 0x20
		spool := OpenSpool(nil, 0, damaged)
		r := wire.NewReader(w.Bytes())
		var decoded []*Doc
		for range names {
			d := &Doc{}
			d.DecodeSpooled(r, spool, at)
			decoded = append(decoded, d)
		}
		if err := CheckSpooled(spool, at, decoded); err == nil {
			t.Errorf("byte %d of %d changed: the HTML checks against its sums", i, html.Len())
		}
	}
	var short Doc
	r := wire.NewReader(w.Bytes())
	for range names {
		short.DecodeSpooled(r, OpenSpool(nil, 0, nil), at-1)
	}
	if r.Err() == nil {
		t.Error("HTML said to be past what there is was taken")
	}
}
