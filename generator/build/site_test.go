package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"lentera/generator/internal/testsite"

	"lentera/generator/fileerr"
)

// Whole-site tests. Each testdata/sites/*.txtar holds a small site and what
// its build must produce:
//
//	-- want/<path> --   lines that must appear in output file <path>;
//	                    "! text" must not appear; "# " starts a comment
//	-- want-missing --  output paths that must not exist
//	-- want-error --    the build must fail, and each line appear in its errors,
//	                    in this order
//	-- want-warning --  each line must appear in the warnings
//
// Every other file is part of the site. The built-in theme is the real one.
func TestSites(t *testing.T) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no test sites")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runSiteCase(t, file)
		})
	}
}

// testDate is "today" in every test build, so output does not depend on the
// day the tests run.
var testDate = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

type siteCase struct {
	site     fstest.MapFS
	want     map[string]string
	missing  []string
	errors   []string
	warnings []string
}

func readSiteCase(t testing.TB, file string) siteCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := siteCase{site: fstest.MapFS{}, want: map[string]string{}}
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "want/"):
			c.want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
		case f.Name == "want-missing":
			c.missing = lines(string(f.Data))
		case f.Name == "want-error":
			c.errors = lines(string(f.Data))
		case f.Name == "want-warning":
			c.warnings = lines(string(f.Data))
		default:
			c.site[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return c
}

func runSiteCase(t *testing.T, file string) {
	c := readSiteCase(t, file)
	res, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate})
	if len(c.errors) > 0 {
		checkErrors(t, err, c.errors)
		return
	}
	if err != nil {
		t.Fatalf("build failed:\n%s", errorLines(err))
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Body)
	}
	for path, want := range c.want {
		got, ok := files[path]
		if !ok {
			t.Errorf("no output file %s; have:\n%s", path, strings.Join(slices.Sorted(maps.Keys(files)), "\n"))
			continue
		}
		checkLines(t, path, got, want)
	}
	for _, path := range c.missing {
		if _, ok := files[path]; ok {
			t.Errorf("output %s exists, want none", path)
		}
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Error())
	}
	for _, w := range c.warnings {
		if !strings.Contains(strings.Join(warnings, "\n"), w) {
			t.Errorf("no warning %q in:\n%s", w, strings.Join(warnings, "\n"))
		}
	}
}

func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("build succeeded, want errors %q", want)
	}
	got := errorLines(err)
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		switch {
		case i >= 0:
			rest = rest[i+len(w):]
		case strings.Contains(got, w):
			t.Errorf("error %q is out of order; got:\n%s", w, got)
		default:
			t.Errorf("error output lacks %q; got:\n%s", w, got)
		}
	}
}

func errorLines(err error) string {
	var b strings.Builder
	for _, e := range fileerr.Flatten(err) {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func checkLines(t *testing.T, path, got, want string) {
	t.Helper()
	// Converted text keeps the newline goldmark writes after each block;
	// expectations are written without, as a layout's markup is.
	blocks := strings.ReplaceAll(got, ">\n<", "><")
	for _, line := range lines(want) {
		if neg, ok := strings.CutPrefix(line, "! "); ok {
			if strings.Contains(got, neg) || strings.Contains(blocks, neg) {
				t.Errorf("%s contains %q, want it absent", path, neg)
			}
			continue
		}
		if !strings.Contains(got, line) && !strings.Contains(blocks, line) {
			t.Errorf("%s lacks %q; got:\n%s", path, line, got)
		}
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "# ") {
			out = append(out, l)
		}
	}
	return out
}

// A search page carries the stemmer of its language and no other's: the
// client's stemmers are a third of its bytes. Malay shares Indonesian's.
func TestSearchPageCarriesItsStemmer(t *testing.T) {
	files := map[string]string{"site.yaml": "title: Kursus\nlanguages: [id, en, es, ms]\n"}
	for _, lang := range []string{"id", "en", "es", "ms"} {
		files["content/"+lang+"/_index.md"] = "---\ntitle: " + lang + "\n---\nText.\n"
	}
	res, err := Build(context.Background(), Options{Site: os.DirFS(testsite.New(t, files)), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	// A word from each stemmer's rules that the minifier leaves as it is.
	marks := map[string]string{"id": `"meng"`, "en": `iveness|ization`}
	for lang, want := range map[string][]string{"id": {"id"}, "en": {"en"}, "es": nil, "ms": {"id"}} {
		page := string(outputFile(t, res, lang+"/search/index.html"))
		for stem, mark := range marks {
			if got := strings.Contains(page, mark); got != slices.Contains(want, stem) {
				t.Errorf("the %s search page carries the %s stemmer: %v, want %v", lang, stem, got, !got)
			}
		}
	}
}
