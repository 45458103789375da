package build

import (
	"context"
	"os"
	"path/filepath"
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
