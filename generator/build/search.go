package build

import (
	"fmt"

	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
)

// searchIndexes builds the search index of every language and edition from
// the rendered HTML of its pages, next to its search page. An index whose
// pages are unchanged is kept.
func (b *Builder) searchIndexes(s *site.Site, docs render.Docs, editions []string, prev, next *cache) ([]publish.File, error) {
	urls := site.NewURLs(s.Config.BaseURL)
	var files []publish.File
	next.search = map[string]searchEntry{}
	for _, ed := range editions {
		for _, lang := range s.Languages {
			dir := editionPath(ed, "/"+lang.Code+"/search/")
			entry, err := b.searchIndex(lang.Code, searchDocs(lang, docs, urls.Edition(ed), ed), dir, prev, next.theme)
			if err != nil {
				return nil, err
			}
			next.search[dir] = entry
			files = append(files, entry.files...)
		}
	}
	return files, nil
}

func (b *Builder) searchIndex(lang string, docs []search.Doc, dir string, prev *cache, theme uint64) (searchEntry, error) {
	h := b.cache.hash()
	h.Int(int64(theme))
	for _, d := range docs {
		h.String(d.URL + "\x00" + d.Title + "\x00" + d.Section + "\x00" + d.Description)
		h.Bytes(d.HTML)
	}
	key := h.Sum()
	if e, ok := prev.search[dir]; ok && e.key == key {
		return e, nil
	}
	index, err := search.Index(lang, docs)
	if err != nil {
		return searchEntry{}, fmt.Errorf("search index %s: %w", lang, err)
	}
	// The index files are compact already; minifying them would only cost
	// time.
	entry := searchEntry{key: key}
	for _, f := range index {
		entry.files = append(entry.files, publish.File{Path: dir + f.Path, Body: f.Body})
	}
	return entry, nil
}

func searchDocs(lang *site.Language, docs render.Docs, urls site.URLs, edition string) []search.Doc {
	var out []search.Doc
	for _, p := range lang.Pages {
		doc := docs[p]
		if doc == nil {
			continue
		}
		d := search.Doc{
			URL:         urls.Rel(p.URL),
			Title:       p.Meta.Title,
			Description: p.Meta.Description,
			HTML:        doc.HTML(markup.Pass{Edition: edition}),
		}
		if sec := p.Section(); sec != nil {
			d.Section = sec.Meta.Title
		}
		out = append(out, d)
	}
	return out
}
