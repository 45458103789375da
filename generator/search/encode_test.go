package search

import (
	"bytes"
	"reflect"
	"testing"

	"lentera/generator/internal/wire"
)

// analysedCases are pages analysed in a language stemmed in the browser
// and in one stemmed at build time, which keeps word forms.
func analysedCases(t *testing.T) map[string]*Page {
	t.Helper()
	out := map[string]*Page{}
	for _, lang := range []string{"id", "es"} {
		docs := []Doc{
			{URL: "/" + lang + "/a/", Title: "Pemasaran bucles", Description: "Satu dua.",
				HTML: []byte(`<p>` + filler(1, 400) + `</p><h2 id="x">Casas</h2><p>las casas y los bucles</p>`)},
			{URL: "/" + lang + "/b/", Title: "Kosong", HTML: []byte(`<p></p>`)},
		}
		pages, err := Analyze(lang, docs)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			out[lang+docs[i].URL] = p
		}
	}
	return out
}

func encodePage(p *Page) []byte {
	var w wire.Writer
	p.Encode(&w)
	return w.Bytes()
}

// An analysed page comes back from its encoding as it was, and builds
// the same index.
func TestPageRoundTrip(t *testing.T) {
	forms := false
	for name, p := range analysedCases(t) {
		r := wire.NewReader(encodePage(p))
		got := DecodePage(r)
		if err := r.Done(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := got.Ready(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.read, p.read) {
			t.Errorf("%s: decoded %+v\nwant %+v", name, got.read, p.read)
		}
		a, _ := Assemble("es", []*Page{p})
		b, _ := Assemble("es", []*Page{got})
		for i := range a {
			if !bytes.Equal(a[i].Body, b[i].Body) {
				t.Errorf("%s: %s differs after the round trip", name, a[i].Path)
			}
		}
		forms = forms || p.read.forms != nil
	}
	if !forms {
		t.Error("no case has word forms: their round trip is untested")
	}
}

// A compacted page lets go of its decoded terms, encodes as before, and
// builds the same index once ready again; so does one compacted twice,
// and one read from its encoding.
func TestCompactKeepsThePage(t *testing.T) {
	for name, p := range analysedCases(t) {
		want := encodePage(p)
		index, _ := Assemble("es", []*Page{p})
		r := wire.NewReader(want)
		for _, c := range []*Page{p, p, DecodePage(r)} {
			if err := c.Ready(); err != nil {
				t.Fatal(err)
			}
			c.Compact()
			if c.read.terms != nil || c.read.page != nil {
				t.Errorf("%s: compacted, the page still holds its terms", name)
			}
			if got := encodePage(c); !bytes.Equal(got, want) {
				t.Errorf("%s: compacted, it encodes to %d bytes, not %d", name, len(got), len(want))
			}
			if err := c.Ready(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			again, _ := Assemble("es", []*Page{c})
			for i := range index {
				if !bytes.Equal(index[i].Body, again[i].Body) {
					t.Errorf("%s: %s differs after compacting", name, index[i].Path)
				}
			}
		}
	}
}

// Cut short, an encoding is refused, and so is a page's body cut short
// inside it; with a byte changed it is refused or decodes to some page,
// never panics.
func TestPageDecodeDamaged(t *testing.T) {
	for name, p := range analysedCases(t) {
		data := encodePage(p)
		for n := 0; n < len(data); n++ {
			r := wire.NewReader(data[:n])
			DecodePage(r)
			if r.Done() == nil {
				t.Fatalf("%s: cut to %d of %d bytes, it decodes", name, n, len(data))
			}
		}
		var body wire.Writer
		p.read.encode(&body)
		for n := 0; n < len(body.Bytes()); n++ {
			var w wire.Writer
			w.Blob(body.Bytes()[:n])
			r := wire.NewReader(w.Bytes())
			if got := DecodePage(r); r.Done() == nil && got.Ready() == nil {
				t.Fatalf("%s: its body cut to %d of %d bytes, it decodes", name, n, len(body.Bytes()))
			}
		}
		for i := range data {
			damaged := bytes.Clone(data)
			damaged[i] ^= 0x5a
			DecodePage(wire.NewReader(damaged)).Ready()
		}
	}
}

func FuzzPageDecode(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{10, 1, 1, 1, 'a', 1, 'b', 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := wire.NewReader(data)
		p := DecodePage(r)
		if r.Done() != nil || p.Ready() != nil {
			return
		}
		var body wire.Writer
		p.read.encode(&body) // encoded anew, not the bytes it came from
		if _, err := decodeTerms(body.Bytes()); err != nil {
			t.Fatalf("a decoded page's encoding does not decode: %v", err)
		}
	})
}
