package build

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"lentera/generator/publish"
)

// Pages are minified through their layouts, minified once at load, and
// their converted text, minified once per conversion, rather than page by
// page. Minifying a finished page again must then find next to nothing
// left to take: a layout the minifier could not read (it did once, for an
// apostrophe in a template comment) would show here as a page that
// shrinks.
func TestPagesNeedNoSecondMinify(t *testing.T) {
	for name, opts := range map[string]Options{
		"playbook": {Site: bundledSite(t), BuildDate: testDate},
		// A lesson written elsewhere: Spanish and English, code, tables.
		"git-novice": {SiteDir: realLesson, BuildDate: testDate},
	} {
		t.Run(name, func(t *testing.T) { needNoSecondMinify(t, opts) })
	}
}

func needNoSecondMinify(t *testing.T, opts Options) {
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("the site does not build:\n%s", errorLines(err))
	}
	m := publish.NewMinifier()
	pages := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		again, err := m.Minify(f.Path, f.Body)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		// Some newlines next to template actions stay, since the
		// minifier cannot know what an action will print beside them.
		if saved := len(f.Body) - len(again); saved > len(f.Body)/50 {
			t.Errorf("%s: minifying it again saves %d of %d bytes", f.Path, saved, len(f.Body))
		}
		if i := indented.FindIndex(withoutPre(f.Body)); i != nil {
			t.Errorf("%s: a layout's indentation is left: %q", f.Path, withoutPre(f.Body)[max(0, i[0]-60):i[1]])
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
}

var (
	indented = regexp.MustCompile(`\n {2,}<`)
	preBlock = regexp.MustCompile(`(?s)<pre.*?</pre>`)
)

// withoutPre is a page without its preformatted blocks, whose spaces are
// the text's own.
func withoutPre(body []byte) []byte { return preBlock.ReplaceAll(body, nil) }

// Without minifying, layouts are used as written: --no-minify is for
// reading them in the output.
func TestNoMinifyKeepsLayoutsAsWritten(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate, NoMinify: true})
	if err != nil {
		t.Fatalf("the bundled site does not build:\n%s", errorLines(err))
	}
	if !strings.Contains(string(outputFile(t, res, "id/index.html")), "\n  ") {
		t.Errorf("id/index.html has no indented line: layouts were minified anyway")
	}
}
