package markup

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/cases, and highlight.css")

// fixture is the site every case converts in: each case's input.md becomes
// content/id/bab/a.md beside a few pages and one data file of each kind.
func fixture(t *testing.T, input string) (*site.Site, *site.Page) {
	t.Helper()
	s, err := loadFixture(input)
	if err != nil {
		t.Fatal(err)
	}
	return s, s.Lang("id").Chapters[0]
}

// loadFixture loads the fixture site, or says why the loader refused it.
func loadFixture(input string) (*site.Site, error) {
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: Uji\nlanguages: [id, en]\n")},
		"content/id/bab/a.md":      {Data: []byte("---\ntitle: A\n---\n" + input)},
		"content/id/bab/b.md":      {Data: []byte("---\ntitle: B\n---\n## Dua {#dua}\n")},
		"content/id/bab/fig/x.png": {Data: []byte("png")},
		"content/en/bab/b.md":      {Data: []byte("---\ntitle: B en\n---\n")},
		"content/data/c.yaml":      {Data: []byte("kind: checklist\ntitle: C\nitems: [{text: satu}]\n")},
		"content/data/t.yaml":      {Data: []byte("kind: table\ntitle: T\ncolumns: [a]\nrows: [[b]]\n")},
		"content/data/k.yaml":      {Data: []byte("kind: calendar\ntitle: K\nevents: [{name: e, start: 2026-01-01, end: 2026-01-02}]\n")},
		"content/data/p.yaml":      {Data: []byte("kind: plan\ntitle: P\nphases: [{weeks: 1, goal: g}]\n")},
	}
	var l site.Loader
	return l.Load(fsys, site.Options{}, nil)
}

// stubEmbed stands in for the layouts: it shows which data a leaf embeds in
// which pass.
func stubEmbed(w io.Writer, d *Directive, doc *data.Doc, p Pass) error {
	_, err := fmt.Fprintf(w, "<embed-%s src=%q id=%q classes=%q edition=%q workbook=%v>\n", d.Name, doc.Src, d.ID, strings.Join(d.Classes, " "), p.Edition, p.Workbook)
	return err
}

// Golden cases: testdata/cases/*.txtar hold input.md and the HTML of each
// pass (participant.html, and trainer.html and workbook.html where a case
// checks them), or the errors a conversion must report (error), and the
// warnings (warning). Run with -update to rewrite the expected files.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	conv := New(Options{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := convertCase(t, conv, section(ar, "input.md"), ar)
			if *update {
				writeCase(t, file, ar, got)
				return
			}
			for name, out := range got {
				want, ok := sectionOK(ar, name)
				if !ok {
					t.Errorf("%s: no %s section; run go test -update", file, name)
					continue
				}
				if want != out {
					t.Errorf("%s differs:\n%s", name, diff(want, out))
				}
			}
		})
	}
}

// convertCase returns each expected section's actual content.
func convertCase(t *testing.T, conv *Converter, input string, ar *txtar.Archive) map[string]string {
	s, page := fixture(t, input)
	in := Input{Site: s, Page: page, URLs: site.NewURLs("https://example.org/k/"), T: func(k string) string { return "«" + k + "»" }, Embed: stubEmbed}
	doc, err := conv.Convert(in, Pass{}, Pass{Edition: "trainer"}, Pass{Workbook: true})
	got := map[string]string{}
	if err != nil {
		got["error"] = lines(err)
		return got
	}
	got["participant.html"] = string(doc.HTML(Pass{}))
	for name, p := range map[string]Pass{"trainer.html": {Edition: "trainer"}, "workbook.html": {Workbook: true}} {
		if _, ok := sectionOK(ar, name); ok {
			got[name] = string(doc.HTML(p))
		}
	}
	if len(doc.Warnings) > 0 {
		got["warning"] = lines(joinErrs(doc.Warnings))
	}
	if len(doc.TOC) > 0 {
		var b strings.Builder
		for _, h := range doc.TOC {
			fmt.Fprintf(&b, "h%d #%s %s\n", h.Level, h.ID, h.Text)
		}
		got["toc"] = b.String()
	}
	return got
}

func lines(err error) string {
	var b strings.Builder
	for _, e := range fileerr.Flatten(err) {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func joinErrs(errs []error) error {
	var all []error
	all = append(all, errs...)
	return &joined{all}
}

type joined struct{ errs []error }

func (j *joined) Error() string   { return "" }
func (j *joined) Unwrap() []error { return j.errs }

func section(ar *txtar.Archive, name string) string {
	s, _ := sectionOK(ar, name)
	return s
}

func sectionOK(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// writeCase keeps the comment and input and rewrites the outputs, in a
// fixed order.
func writeCase(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	out := &txtar.Archive{Comment: ar.Comment, Files: []txtar.File{{Name: "input.md", Data: []byte(section(ar, "input.md"))}}}
	for _, name := range []string{"participant.html", "trainer.html", "workbook.html", "toc", "warning", "error"} {
		if s, ok := got[name]; ok {
			out.Files = append(out.Files, txtar.File{Name: name, Data: []byte(s)})
		}
	}
	if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// diff shows the lines of want and got side by side from the first
// difference on.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d\n", i+1)
	for j := i; j < i+8 && (j < len(w) || j < len(g)); j++ {
		if j < len(w) {
			fmt.Fprintf(&b, "- %s\n", w[j])
		}
		if j < len(g) {
			fmt.Fprintf(&b, "+ %s\n", g[j])
		}
	}
	return b.String()
}

// Raw HTML is minified as the page is converted; goldmark's own output is
// not handed to the minifier, which would only take the newlines between
// blocks out of it.
func TestMinifiesRawHTMLOnly(t *testing.T) {
	for _, c := range []struct {
		md     string
		minify bool
	}{
		{"# Judul\n\nTeks *miring* dan [tautan](https://example.org/).\n\n- satu\n- dua\n", false},
		{"# Judul\n\n<div class=\"kotak\">\n    <p>Menjorok</p>\n</div>\n", true},
		{"Teks dengan <kbd>Ctrl</kbd> di dalamnya.\n", true},
	} {
		calls := 0
		conv := New(Options{Unsafe: true, Minify: func(b []byte) ([]byte, error) {
			calls++
			return []byte(strings.ReplaceAll(string(b), "\n", "")), nil
		}})
		s, page := fixture(t, c.md)
		doc, err := conv.Convert(Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}, Pass{})
		if err != nil {
			t.Fatal(err)
		}
		html := string(doc.HTML(Pass{}))
		if minified := calls > 0; minified != c.minify {
			t.Errorf("%q: minified %v, want %v", c.md, minified, c.minify)
		}
		if newlines := strings.Contains(html, "\n"); newlines == c.minify {
			t.Errorf("%q: HTML %q", c.md, html)
		}
	}
}
