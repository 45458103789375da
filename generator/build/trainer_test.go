package build

import (
	"context"
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
