package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// A warning's path starts with a relative site folder once, however many
// times the Builder builds: the same warning is in several Results and in
// the cache.
func TestWarningPathPrefixedOnce(t *testing.T) {
	dir := t.TempDir()
	testsite.Write(t, dir, map[string]string{
		"site.yaml":        "title: Uji\nlanguages: [id]\nbaseURL: https://kursus.lentera.test/\n",
		"content/id/a.md":  "---\ntitle: A\n---\n\n![](k.svg)\n",
		"content/id/k.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Skip("no relative path to the temporary folder")
	}
	b := New(Options{SiteDir: rel, BuildDate: testDate})
	want := filepath.Join(rel, "content", "id", "a.md") + ":5: image"
	for i := range 3 {
		res, err := b.Build(context.Background(), "content/id/a.md")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Error(), want) {
			t.Fatalf("build %d: warnings %v, want one starting %q", i+1, res.Warnings, want)
		}
	}
}

// Warnings come by file and line, as errors do, whichever phase and
// processor found them: a page of the second language's raw HTML came
// before the first's, and the image weights in a new order each build.
func TestWarningsSorted(t *testing.T) {
	dir := t.TempDir()
	testsite.Write(t, dir, map[string]string{
		"site.yaml":       "title: Uji\nlanguages: [sw, id]\n",
		"content/id/a.md": "---\ntitle: A\n---\n\n<div>a</div>\n",
		"content/sw/b.md": "---\ntitle: B\n---\n\n<div>b</div>\n\n<div>c</div>\n",
	})
	res, err := Build(context.Background(), Options{SiteDir: dir, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, w := range res.Warnings {
		place, _, _ := strings.Cut(strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)), ": ")
		places = append(places, filepath.ToSlash(place))
	}
	want := []string{"search", "content/id/a.md:5", "content/sw/b.md:5", "content/sw/b.md:7", "layouts/i18n/sw", "site.yaml"}
	if !slices.Equal(places, want) {
		t.Errorf("warnings at %q, want %q", places, want)
	}
}
