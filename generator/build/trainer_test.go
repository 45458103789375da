package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// A trainer-only page is in the trainer edition's search index and not in
// the participants'.
func TestTrainerOnlyPageSearch(t *testing.T) {
	c := readSiteCase(t, "testdata/sites/trainer-only.txtar")
	res, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate})
	if err != nil {
		t.Fatal(errorLines(err))
	}
	found := map[string]bool{}
	for _, f := range res.Files {
		for _, dir := range []string{"id/search/", "trainer/id/search/"} {
			if strings.HasPrefix(f.Path, dir) && strings.Contains(string(f.Body), "rahasia") {
				found[dir] = true
			}
		}
	}
	if found["id/search/"] || !found["trainer/id/search/"] {
		t.Errorf("\"rahasia\" found in the participants' index: %v, in the trainers': %v; want false, true",
			found["id/search/"], found["trainer/id/search/"])
	}
}

// A warning names its file under the site folder once, however many times
// the site is rebuilt (the renderer, and its warnings, are kept).
func TestWarningPathsOnRebuild(t *testing.T) {
	c := readSiteCase(t, "testdata/sites/languages.txtar")
	b := New(Options{Site: c.site, SiteDir: "real/site", BuildDate: testDate})
	for i := 0; i < 3; i++ {
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(errorLines(err))
		}
		for _, w := range res.Warnings {
			if strings.Contains(w.Error(), "real/site/real/site") {
				t.Fatalf("build %d: %v", i+1, w)
			}
		}
		if !strings.Contains(fmt.Sprint(res.Warnings), "real/site/layouts/i18n/sv") {
			t.Fatalf("build %d: no warning under the site folder: %v", i+1, res.Warnings)
		}
	}
}
