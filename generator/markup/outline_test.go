package markup

import (
	"regexp"
	"strings"
	"testing"

	"lentera/generator/site"
)

// Headings never skip a level on the way down; on the way up they may.
func TestOutline(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{"## A\n\n### B\n\n#### C\n", "h2 h3 h4"},
		{"#### A\n", "h2"},
		{"### A\n\n:::tip\n## Box\n:::\n\n#### C\n\n##### D\n", "h2 h2 h3 h4"},
		{"## A\n\n#### B\n\n## C\n\n###### D\n", "h2 h3 h2 h3"},
	} {
		s, page := fixture(t, tc.md)
		doc, err := New(Options{}).Convert(Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}, Pass{})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(regexp.MustCompile(`<h\d`).FindAllString(string(doc.HTML(Pass{})), -1), " ")
		if got = strings.ReplaceAll(got, "<", ""); got != tc.want {
			t.Errorf("%q: headings %s, want %s", tc.md, got, tc.want)
		}
	}
}
