package markup

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSections(t *testing.T) {
	cases := []struct {
		name, html string
		want       []Section
	}{
		{"sections at headings with an id",
			`<p>Intro <em>text</em>.</p><h2 id="a">First <code>one</code></h2><p>Body a.</p><h3 id="b">Second</h3><ul><li>x1</li><li>x2</li></ul>`,
			[]Section{{"", "", "Intro text."}, {"a", "First one", "Body a."}, {"b", "Second", "x1 · x2"}}},
		{"no intro text",
			`<h2 id="a">A</h2><p>b</p>`,
			[]Section{{"a", "A", "b"}}},
		{"heading without id is text",
			`<p>x</p><h2>Plain</h2><p>y</p>`,
			[]Section{{"", "", "x · Plain · y"}}},
		{"hidden text left out",
			`<p>keep</p><script>var x = "no";</script><style>p{}</style><div hidden><p>no</p></div><span aria-hidden="true">#</span><p>also</p>`,
			[]Section{{"", "", "keep · also"}}},
		{"nested skipped element",
			`<div hidden><div>no</div><p>no</p></div><p>yes</p>`,
			[]Section{{"", "", "yes"}}},
		{"entities and image alt",
			`<p>Harga &amp; promo&nbsp;11.11 <img src="a.png" alt="Cahaya 45°"></p>`,
			[]Section{{"", "", "Harga & promo 11.11 Cahaya 45°"}}},
		{"blocks are apart, inline tags do not separate words",
			`<td>a</td><td>b</td><p>c<strong>d</strong></p>`,
			[]Section{{"", "", "a · b · cd"}}},
		{"a block's own punctuation separates it",
			`<p>Done.</p><li>Steps:</li><li>(one)</li><li>“Why?”</li><li>「終わり。」</li><li>end</li>`,
			[]Section{{"", "", "Done. Steps: (one) · “Why?” 「終わり。」 end"}}},
		{"each line of a pre is a block",
			"<pre><code><span>$ git</span> status\nOn branch main\nChanges:\n  new file\n</code></pre><p>Next</p>",
			[]Section{{"", "", "$ git status · On branch main · Changes: new file · Next"}}},
		{"an image's alt text is inline",
			`<p>Tap <img alt="the bell"> to follow</p>`,
			[]Section{{"", "", "Tap the bell to follow"}}},
		{"furniture left out",
			`<p>Ready<sup id="fnref:1"><a href="#fn:1" role="doc-noteref">1</a></sup> now</p>` +
				`<ul><li><span class="visually-hidden" data-search-skip>to do</span> Pack</li></ul>` +
				`<li>Note. <a href="#fnref:1" role="doc-backlink">↩</a></li><p data-search-skip><a>Print this sheet</a></p>`,
			[]Section{{"", "", "Ready now · Pack · Note."}}},
		{"empty", ``, []Section{{}}},
	}
	for _, c := range cases {
		if got := Sections([]byte(c.html)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func FuzzSections(f *testing.F) {
	f.Add(`<p>a</p><h2 id="x">B</h2><p>c</p>`)
	f.Add(`<div hidden><div>no</div></div><h3 id="">y</h3><script>`)
	f.Add(`<h2 id="a">open <h2 id="b">`)
	f.Fuzz(func(t *testing.T, html string) {
		secs := Sections([]byte(html))
		if len(secs) == 0 {
			t.Fatal("no section")
		}
		for i, s := range secs[1:] {
			if s.ID == "" {
				t.Errorf("section %d has no anchor", i+1)
			}
		}
	})
}

// Text built piece by piece is what strings.Fields and a join make of the
// pieces joined, however the pieces cut the words and spaces (between
// characters: a page's text pieces end at tags).
func FuzzSpaced(f *testing.F) {
	f.Add("a  b\u00a0c\td", 2)
	f.Add(" \u3000x\u2028 y ", 1)
	f.Add("\xffab\xe3\x80 cd", 3)
	f.Fuzz(func(t *testing.T, text string, cut int) {
		var sp spaced
		at := 0
		if len(text) > 0 {
			at = (cut%len(text) + len(text)) % len(text)
			for at > 0 && !utf8.RuneStart(text[at]) {
				at--
			}
		}
		addSpaced(&sp, text[:at])
		addSpaced(&sp, []byte(text[at:]))
		if got, want := sp.take(), strings.Join(strings.Fields(text), " "); got != want {
			t.Errorf("%q cut at %d: %q, want %q", text, at, got, want)
		}
	})
}
