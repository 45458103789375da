package build

import (
	"context"
	"lentera/generator/internal/testsite"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func smallSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":              {Data: []byte("title: Uji\nlanguages: [id]\n")},
		"content/id/_index.md":   {Data: []byte("---\ntitle: Beranda\n---\n")},
		"content/id/a/satu.md":   {Data: []byte("---\ntitle: Satu\n---\nIsi satu.\n")},
		"content/id/a/dua.md":    {Data: []byte("---\ntitle: Dua\n---\nIsi dua.\n")},
		"content/id/a/fig/x.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	}
}

func TestOutputIsReplacedAtomically(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	site := smallSite()
	build := func() error {
		_, err := Build(context.Background(), Options{Site: site, Out: out, BuildDate: testDate})
		return err
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	before := testsite.Hashes(t, out)
	if _, ok := before["id/a/dua/index.html"]; !ok {
		t.Fatalf("first build lacks id/a/dua/index.html: %v", before)
	}

	site["content/id/a/dua.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [Dua\n---\n")}
	if err := build(); err == nil {
		t.Fatal("build of broken front matter succeeded")
	}
	after := testsite.Hashes(t, out)
	if len(after) != len(before) {
		t.Fatalf("failed build changed the output: %d files before, %d after", len(before), len(after))
	}
	for p, sum := range before {
		if after[p] != sum {
			t.Errorf("failed build changed %s", p)
		}
	}

	delete(site, "content/id/a/dua.md")
	if err := build(); err != nil {
		t.Fatal(err)
	}
	if _, ok := testsite.Hashes(t, out)["id/a/dua/index.html"]; ok {
		t.Error("the removed chapter's page lingers in the output")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("temporary folders left beside the output: %v", names)
	}
}
