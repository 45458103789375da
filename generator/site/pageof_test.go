package site

import (
	"testing"
	"testing/fstest"
)

// PageOf finds the page a Markdown file makes, the home and section
// pages too, and nothing for other files or for files the site lacks.
func TestPageOf(t *testing.T) {
	md := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\nText.\n")}
	}
	fsys := fstest.MapFS{
		"site.yaml":                  {Data: []byte("title: Kursus\nlanguages: [id, en]\n")},
		"content/id/_index.md":       md("Beranda"),
		"content/id/bab/_index.md":   md("Bagian"),
		"content/id/bab/satu.md":     md("Satu"),
		"content/id/bab/gambar.png":  {Data: []byte("png")},
		"content/en/_index.md":       md("Home"),
		"content/en/bab/satu.md":     md("One"),
		"content/data/kalender.yaml": {Data: []byte("kind: table\ntitle: x\ncolumns: [a]\nrows: [[b]]\n")},
	}
	s, err := new(Loader).Load(fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"content/id/_index.md":       "Beranda",
		"content/id/bab/_index.md":   "Bagian",
		"content/id/bab/satu.md":     "Satu",
		"content/en/bab/satu.md":     "One",
		"content/id/bab/gambar.png":  "",
		"content/id/bab/dua.md":      "",
		"content/data/kalender.yaml": "",
		"content/fr/bab/satu.md":     "",
	} {
		got := ""
		if p := s.PageOf(file); p != nil {
			got = p.Meta.Title
		}
		if got != want {
			t.Errorf("PageOf(%q) is %q, want %q", file, got, want)
		}
	}
}
