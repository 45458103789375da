package build

import (
	"bytes"
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Every workbook of every test site and of the bundled playbook links only
// to ids it holds, and holds each once: the workbook puts every chapter on
// one page and prefixes their ids, so a link it forgets to rewrite, or an
// id it forgets to prefix, would lead nowhere, and two chapters' ids that
// came out the same would lead to the first.
func TestWorkbookFragments(t *testing.T) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range cases {
		c := readSiteCase(t, file)
		if len(c.errors) > 0 {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			checkWorkbooks(t, Options{Site: c.site, BuildDate: testDate})
		})
	}
	t.Run("bundled", func(t *testing.T) {
		t.Parallel()
		checkWorkbooks(t, Options{Site: bundledSite(t), BuildDate: testDate})
	})
}

func checkWorkbooks(t *testing.T, opts Options) {
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build failed:\n%s", errorLines(err))
	}
	n := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, "print/index.html") {
			continue
		}
		n++
		ids, links, twice := fragments(t, f.Body)
		for _, id := range twice {
			t.Errorf("%s: id %q is on the page twice", f.Path, id)
		}
		for _, l := range links {
			// As browsers do: the fragment as written, then decoded.
			decoded, err := url.PathUnescape(l)
			if !ids[l] && (err != nil || !ids[decoded]) {
				t.Errorf("%s: link to #%s, which is not on the page", f.Path, l)
			}
		}
		if len(ids) == 0 {
			t.Errorf("%s has no ids", f.Path)
		}
	}
	if n == 0 {
		t.Fatal("no workbook built")
	}
}

// fragments lists the ids of an HTML page, the fragments its in-page links
// point to, as written, and the ids it holds more than once.
func fragments(t *testing.T, page []byte) (ids map[string]bool, links, twice []string) {
	ids = map[string]bool{}
	l := html.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			return ids, links, twice
		case html.AttributeToken:
			name, val := string(l.Text()), string(bytes.Trim(l.AttrVal(), `"'`))
			switch {
			case name == "id" && ids[val]:
				twice = append(twice, val)
			case name == "id":
				ids[val] = true
			case name == "href" && strings.HasPrefix(val, "#") && len(val) > 1:
				links = append(links, val[1:])
			}
		}
	}
}
