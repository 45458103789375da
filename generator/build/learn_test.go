package build

import (
	"context"
	"strings"
	"testing"
)

// The glossary page is in each language's search index, each term a part
// of its own that a result can link to, and a term's synonyms find it.
func TestGlossaryInSearch(t *testing.T) {
	c := readSiteCase(t, "testdata/sites/glossary.txtar")
	res, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate})
	if err != nil {
		t.Fatal(errorLines(err))
	}
	want := map[string][]string{
		"id/search/":         {`"u":"/id/glossary/","t":"Glosarium"`, `["omzet","Omzet","Nilai penjualan kotor. pendapatan kotor, omzetnya"]`},
		"en/search/":         {`"u":"/en/glossary/","t":"Glossary"`, `["live-shopping","Live shopping","Selling through a live video stream."]`},
		"trainer/id/search/": {`"u":"/trainer/id/glossary/"`},
	}
	for dir, parts := range want {
		var all strings.Builder
		for _, f := range res.Files {
			if strings.HasPrefix(f.Path, dir) && strings.HasSuffix(f.Path, ".json") {
				all.Write(f.Body)
			}
		}
		for _, p := range parts {
			if !strings.Contains(all.String(), p) {
				t.Errorf("the search index in %s lacks %s", dir, p)
			}
		}
	}
}
