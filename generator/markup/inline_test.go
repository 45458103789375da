package markup

import (
	"strings"
	"testing"
)

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

// A text over maxBlockText is shown as written: its markup would take time
// that grows with the square of its length. Just under, it is rendered.
func TestInlineTooLong(t *testing.T) {
	in := NewInline()
	under := strings.Repeat("*a* ", maxBlockText/4)
	if got := in.HTML("en", under); !strings.HasPrefix(got, "<em>a</em> <em>a</em>") {
		t.Errorf("%d bytes: HTML starts %q, want emphasis", len(under), got[:40])
	}
	over := under + "*b*"
	if got := in.HTML("en", over); got != over {
		t.Errorf("%d bytes: HTML starts %q, want the text as written", len(over), got[:40])
	}
	if got := in.Plain("en", over); got != over {
		t.Errorf("%d bytes: Plain starts %q, want the text as written", len(over), got[:40])
	}
}
