package search

import (
	"reflect"
	"testing"
)

func TestExtract(t *testing.T) {
	cases := []struct {
		name, html string
		want       []section
	}{
		{"sections at headings with an id",
			`<p>Intro <em>text</em>.</p><h2 id="a">First <code>one</code></h2><p>Body a.</p><h3 id="b">Second</h3><ul><li>x1</li><li>x2</li></ul>`,
			[]section{{"", "", "Intro text."}, {"a", "First one", "Body a."}, {"b", "Second", "x1 x2"}}},
		{"no intro text",
			`<h2 id="a">A</h2><p>b</p>`,
			[]section{{"a", "A", "b"}}},
		{"heading without id is text",
			`<p>x</p><h2>Plain</h2><p>y</p>`,
			[]section{{"", "", "x Plain y"}}},
		{"hidden text left out",
			`<p>keep</p><script>var x = "no";</script><style>p{}</style><div hidden><p>no</p></div><span aria-hidden="true">#</span><p>also</p>`,
			[]section{{"", "", "keep also"}}},
		{"nested skipped element",
			`<div hidden><div>no</div><p>no</p></div><p>yes</p>`,
			[]section{{"", "", "yes"}}},
		{"entities and image alt",
			`<p>Harga &amp; promo&nbsp;11.11 <img src="a.png" alt="Cahaya 45°"></p>`,
			[]section{{"", "", "Harga & promo 11.11 Cahaya 45°"}}},
		{"block tags separate words, inline tags do not",
			`<td>a</td><td>b</td><p>c<strong>d</strong></p>`,
			[]section{{"", "", "a b cd"}}},
		{"empty", ``, []section{{}}},
	}
	for _, c := range cases {
		if got := extract([]byte(c.html)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
