package markup

import "testing"

func TestInline(t *testing.T) {
	in := NewInline()
	for _, c := range []struct{ lang, src, html, plain string }{
		{"en", "Use `grep` and **pipes**", "Use <code>grep</code> and <strong>pipes</strong>", "Use grep and pipes"},
		{"de", `Ein "Zitat" -- kurz`, "Ein „Zitat“ – kurz", "Ein „Zitat“ – kurz"},
		{"en", "1. Not a list", "1. Not a list", "1. Not a list"},
		{"en", "# Not a heading", "# Not a heading", "# Not a heading"},
		{"en", "Raw <b onclick=x>HTML</b> stays text", "Raw &lt;b onclick=x&gt;HTML&lt;/b&gt; stays text", "Raw <b onclick=x>HTML</b> stays text"},
		{"en", "AT&amp;T <3", "AT&amp;T &lt;3", "AT&T <3"},
		{"en", "[a link](https://example.org)", `<a href="https://example.org">a link</a>`, "a link"},
	} {
		if got := in.HTML(c.lang, c.src); got != c.html {
			t.Errorf("HTML(%q) = %q, want %q", c.src, got, c.html)
		}
		if got := in.Plain(c.lang, c.src); got != c.plain {
			t.Errorf("Plain(%q) = %q, want %q", c.src, got, c.plain)
		}
	}
}
