package build

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// withTrainerNote gives a site's first chapter a trainer note, so the
// build has a trainer edition beside the participants'.
func withTrainerNote(fsys fstest.MapFS) fstest.MapFS {
	p := "content/id/bagian/bab-001.md"
	fsys[p] = &fstest.MapFile{Data: append(fsys[p].Data, "\n:::trainer\nCatatan.\n:::\n"...)}
	return fsys
}

var footer = regexp.MustCompile(`(?s)<footer.*</footer>`)

// The theme's footer is rendered once per language and edition and is the
// same on each of their pages; a rebuild after an edit renders it again
// from the new model, as the renderer outlives a build and its fragments
// must not.
func TestSharedFooterFollowsTheEdit(t *testing.T) {
	fsys := withTrainerNote(sectionSite(30))
	b := New(Options{Site: fsys, BuildDate: testDate})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(errorLines(err))
	}
	checkFooters(t, res, false)

	fsys["content/data/istilah.yaml"] = &fstest.MapFile{Data: []byte("kind: glossary\ntitle: {id: Glosarium}\nterms:\n  - term: {id: Omzet}\n    definition: {id: Nilai penjualan.}\n")}
	res, err = b.Build(context.Background(), "content/data/istilah.yaml")
	if err != nil {
		t.Fatal(errorLines(err))
	}
	checkFooters(t, res, true)
}

// checkFooters checks that every page of an edition has the same footer,
// and that it links the glossary when the site has one.
func checkFooters(t *testing.T, res *Result, glossary bool) {
	t.Helper()
	seen := map[string]string{} // edition -> footer
	for _, f := range res.Files {
		m := footer.Find(f.Body)
		if m == nil {
			continue
		}
		edition := ""
		if strings.HasPrefix(f.Path, "trainer/") {
			edition = "trainer"
		}
		if first, ok := seen[edition]; !ok {
			seen[edition] = string(m)
		} else if first != string(m) {
			t.Errorf("%s: footer %s, other pages of its edition %s", f.Path, m, first)
		}
		if got := strings.Contains(string(m), "/glossary/"); got != glossary {
			t.Errorf("%s: footer links the glossary: %v, want %v", f.Path, got, glossary)
		}
	}
	if len(seen) != 2 || seen[""] == seen["trainer"] {
		t.Errorf("footers by edition: %q, want one each for participants and trainers", seen)
	}
}

// A footer the site writes itself may show the page's own data, so it is
// rendered for each page, even where the theme's is shared.
func TestSiteFooterIsRenderedPerPage(t *testing.T) {
	fsys := sectionSite(30)
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>{{.Title}}</footer>`)}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(errorLines(err))
	}
	for _, n := range []string{"001", "017", "030"} {
		page := outputFile(t, res, "id/bagian/bab-"+n+"/index.html")
		if want := "<footer>Bab " + n + "</footer>"; !strings.Contains(string(page), want) {
			t.Errorf("bab-%s: %s, want %s", n, footer.Find(page), want)
		}
	}
}
