package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// Siblings are ordered by weight, then by file name, never by title: a
// course numbers its files, and a translation, whose titles sort
// otherwise, keeps the order of the language it was translated from.
func TestOrderByWeightThenFileName(t *testing.T) {
	md := func(title, weight string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n" + weight + "---\nText.\n")}
	}
	fsys := fstest.MapFS{
		"site.yaml":                   {Data: []byte("title: Kursus\nlanguages: [es, en]\n")},
		"content/es/01-comenzando.md": md("Comenzando", ""),
		"content/es/02-datos.md":      md("Datos", ""),
		"content/es/10-agregar.md":    md("Agregar", ""),
		"content/es/fin.md":           md("Final", "weight: 99\n"),
		"content/es/primero.md":       md("Primero", "weight: -1\n"),
		"content/en/01-comenzando.md": md("Starting", ""),
		"content/en/02-datos.md":      md("Data", ""),
		"content/en/10-agregar.md":    md("Adding", ""),
		"content/en/fin.md":           md("End", "weight: 99\n"),
		"content/en/primero.md":       md("First", "weight: -1\n"),
	}
	s, err := new(Loader).Load(fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"primero", "01-comenzando", "02-datos", "10-agregar", "fin"}
	for _, lang := range []string{"es", "en"} {
		var got []string
		for _, c := range s.Lang(lang).Chapters {
			got = append(got, c.Rel)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: chapters %v, want %v", lang, got, want)
		}
	}
}
