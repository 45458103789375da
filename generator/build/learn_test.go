package build

import (
	"context"
	"strings"
	"testing"

	"lentera/generator/data"
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

// The bundled playbook ends every part with a quiz, has a glossary of at
// least 20 terms written in both languages, and a slide view of every
// chapter in the trainer edition.
func TestBundledPlaybookLearning(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate})
	if err != nil {
		t.Fatal(errorLines(err))
	}
	files := map[string]bool{}
	for _, f := range res.Files {
		files[f.Path] = true
	}
	s := res.Site
	for _, lang := range s.Languages {
		for _, sec := range lang.Home.Children {
			chapters := sec.Chapters()
			if len(chapters) == 0 {
				continue
			}
			last := chapters[len(chapters)-1]
			if !strings.Contains(string(last.Source), "::quiz{") {
				t.Errorf("%s, the last chapter of %s, has no quiz", last.File, sec.Meta.Title)
			}
		}
		for _, p := range lang.Chapters {
			if slides := "trainer" + p.URL + "slides/index.html"; !files[slides] {
				t.Errorf("no slide view %s", slides)
			}
		}
	}
	terms := 0
	for _, d := range s.Data {
		if d.Quiz != nil {
			for _, q := range d.Quiz.Questions {
				texts := []data.Text{q.Text, q.Explanation}
				for _, o := range q.Options {
					texts = append(texts, o.Text, o.Feedback)
				}
				for _, text := range texts {
					if !text.IsZero() && !text.Has("en") {
						t.Errorf("%s: question %s has a text without English", d.Path, q.ID)
					}
				}
			}
		}
		if d.Glossary == nil {
			continue
		}
		for _, term := range d.Glossary.Terms {
			terms++
			for _, code := range s.Config.Languages {
				if !term.Definition.Has(code) {
					t.Errorf("glossary term %s has no definition in %s", term.ID, code)
				}
			}
		}
	}
	if terms < 20 {
		t.Errorf("the glossary has %d terms, want at least 20", terms)
	}
}
