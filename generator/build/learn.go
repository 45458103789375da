package build

import (
	"html"
	"strings"

	"lentera/generator/internal/digest"
	"lentera/generator/markup"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
)

// glossaryKey hashes the glossary files. Every chapter reads them, since
// any chapter may use a term, so they are part of the key of every
// conversion.
func glossaryKey(s *site.Site) uint64 {
	h := digest.New()
	for _, d := range render.Glossaries(s) {
		h.String(d.Src)
		h.Bytes(d.Sum[:])
	}
	return h.Sum()
}

// withGlossary adds a language's glossary page to the pages of its search
// index: each term is a section of its own, so a search for a term leads
// to its entry.
func withGlossary(s *site.Site, lang *site.Language, urls site.URLs, title string, docs []search.Doc, keys []uint64) ([]search.Doc, []uint64) {
	terms := render.GlossaryTerms(s, lang.Code)
	if len(terms) == 0 {
		return docs, keys
	}
	def := s.Config.DefaultLang()
	var b strings.Builder
	for _, t := range terms {
		b.WriteString(`<h2 id="` + html.EscapeString(t.ID) + `">` + html.EscapeString(t.Term.In(lang.Code, def)) + "</h2><p>")
		b.WriteString(html.EscapeString(t.Definition.In(lang.Code, def)))
		if also := append(t.Synonyms.In(lang.Code), t.Forms.In(lang.Code)...); len(also) > 0 {
			b.WriteString(" " + html.EscapeString(strings.Join(also, ", ")))
		}
		b.WriteString("</p>")
	}
	d := search.Doc{URL: urls.Rel(markup.GlossaryURL(lang.Code)), Title: title, HTML: []byte(b.String())}
	h := digest.New()
	h.String(lang.Code + "\x00" + d.URL + "\x00" + d.Title)
	h.Bytes(d.HTML)
	return append(docs, d), append(keys, h.Sum())
}
