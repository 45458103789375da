package markup

import (
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"lentera/generator/publish"
	"lentera/generator/site"
)

// textInputs are Markdown whose text a tree walk could read otherwise than
// its HTML says.
var textInputs = []string{
	"Awal\\* &amp; &copy; &#169; &bogus; \\&copy; a&b\n\n## Dua {#dua}\n\nisi *miring* **tebal** ~~coret~~ `kode\nbaris`\n",
	"## Tersembunyi {#x hidden}\n\nteks\n\n### Data {#d data-x=\"1\" aria-hidden=\"true\"}\n\nlagi  \nbaris keras\\\nlain\n",
	"\"Kutip\" dan 'tunggal' -- --- ...\n\n<span hidden>rahasia\nbaris</span>kata <b>tebal</b>\n\n<div aria-hidden=\"true\">\n\nno\n\n</div>\n",
	"Catatan[^1] dan[^2].\n\n[^1]: Satu *a*.\n[^2]: Dua.\n\n- [x] selesai\n- [ ] belum\n\nIstilah\n: arti\n",
	"| a | b |\n|---|---|\n| `c` | d<br>e |\n\n<https://contoh.id/a?b=c&d> www.contoh.id a@b.id\n\n![alt *teks*](fig/x.png \"judul\") ![](fig/x.png)\n",
	"    kode indent\n    <tag> &amp;\n\n```go\nfunc main() {\n\tprintln(\"x &amp;\")\n}\n```\n\n> kutipan\n> > dalam\n\n1. satu\n2. dua\n\n---\n",
	":::tip\n## Di dalam {#di}\nisi\n:::\n\n:::trainer\ncatatan pelatih\n:::\n\n:::solution\njawab\n:::\n\n::checklist{src=\"c\"}\n",
	"# Satu\n\nSetext\n======\n\nh2 setext\n---------\n\n#### empat {#e}\n\n##### lima\n\nteks\u00a0nbsp\u3000ideo\n",
	// A <pre> written inline: its lines are blocks of the extract either
	// way, and one left open holds the rest of the page.
	"x <pre>a\nb</pre> c\n",
	"x <pre>a\n\npara one\ntwo\n",
}

// The text a page's tree gives is the text of its HTML, in every case,
// edition, with raw HTML let through or not, minified or not.
func TestTextAsHTML(t *testing.T) {
	inputs := append([]string(nil), textInputs...)
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, section(ar, "input.md"))
	}
	mf := publish.NewMinifier()
	minify := func(b []byte) ([]byte, error) { return mf.Minify("page.html", b) }
	for _, opts := range []Options{{}, {Unsafe: true}, {Minify: minify}, {Unsafe: true, Minify: minify}} {
		opts.Spool = newSpool(t)
		conv := New(opts)
		walked := 0
		for i, md := range inputs {
			walked += checkTextAsHTML(t, conv, md, i)
		}
		if walked == 0 {
			t.Errorf("%+v: no pass read its text from the tree", opts)
		}
	}
}

// checkTextAsHTML converts md and compares each searched pass's text with
// its HTML's, returning how many passes had text read from the tree.
func checkTextAsHTML(t *testing.T, conv *Converter, md string, name any) int {
	t.Helper()
	s, page := fixture(t, md)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return "«" + k + "»" }, Embed: stubEmbed}
	doc, err := conv.Convert(in, Pass{}, Pass{Edition: "trainer"}, Pass{Workbook: true})
	if err != nil {
		return 0
	}
	walked := 0
	for _, p := range []Pass{{}, {Edition: "trainer"}} {
		if _, ok := doc.textSpans[doc.varies.normal(p)]; ok {
			walked++
		}
		if got, want := doc.Text(p), Sections(doc.HTML(p)); !reflect.DeepEqual(got, want) {
			t.Errorf("%v, %+v:\n%q\ntree %q\nHTML %q\n%s", name, p, md, got, want, doc.HTML(p))
		}
	}
	return walked
}

func FuzzTextAsHTML(f *testing.F) {
	for _, md := range textInputs {
		f.Add(md)
	}
	conv := New(Options{Spool: func() *Spool {
		s, err := NewSpool()
		if err != nil {
			f.Fatal(err)
		}
		return s
	}()})
	f.Fuzz(func(t *testing.T, md string) {
		if !utf8.ValidString(md) {
			t.Skip("the site refuses it before converting")
		}
		checkTextAsHTML(t, conv, md, "fuzz")
	})
}

func TestSectionsRoundTrip(t *testing.T) {
	for _, secs := range [][]Section{nil, {{}}, {{Text: "a"}, {ID: "x", Heading: "Judul é", Text: string(make([]byte, 300))}}} {
		got := decodeSections(encodeSections(nil, secs))
		if len(got) == 0 && len(secs) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, secs) {
			t.Errorf("%q came back %q", secs, got)
		}
	}
}
