package render

import (
	"sort"

	"lentera/generator/data"
	"lentera/generator/internal/digest"
	"lentera/generator/markup"
	"lentera/generator/site"
)

// Glossaries lists the glossary files of a site, by src.
func Glossaries(s *site.Site) []*data.Doc {
	var docs []*data.Doc
	for _, d := range s.Data {
		if d.Glossary != nil {
			docs = append(docs, d)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Src < docs[j].Src })
	return docs
}

// GlossaryTerms is every term of every glossary file, in the alphabetical
// order of lang.
func GlossaryTerms(s *site.Site, lang string) []data.Term {
	all := &data.Glossary{}
	for _, d := range Glossaries(s) {
		all.Terms = append(all.Terms, d.Glossary.Terms...)
	}
	return all.Sorted(lang, s.Config.DefaultLang())
}

// GlossaryTitle is the glossary page's title: the first glossary file's.
func GlossaryTitle(s *site.Site, lang string) string {
	if g := Glossaries(s); len(g) > 0 {
		return g[0].Title.In(lang, s.Config.DefaultLang())
	}
	return ""
}

// learnDeps hashes the data files that pages show without a directive:
// the glossary on its page and in the workbook, every quiz on the answer
// key page.
func (r *Renderer) learnDeps(h *digest.Hash, job Job) {
	// Every page's footer links the glossary and the answer key when
	// there are any.
	h.Bool(len(Glossaries(r.site)) > 0)
	h.Bool(len(r.ofKind("quiz")) > 0)
	var docs []*data.Doc
	switch job.Kind {
	case "glossary", "print":
		docs = Glossaries(r.site)
	case "quizkey":
		docs = r.ofKind("quiz")
	}
	for _, d := range docs {
		h.Bytes(d.Sum[:])
	}
}

// glossaryJob is the glossary page of a language, when the site has one.
func (r *Renderer) glossaryJob(lang, edition, prefix string) []Job {
	if len(Glossaries(r.site)) == 0 {
		return nil
	}
	url := markup.GlossaryURL(lang)
	return []Job{{Kind: "glossary", Lang: lang, Edition: edition, Path: prefix + url[1:] + "index.html", URL: url}}
}
