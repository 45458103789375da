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
// the rendered HTML of its pages, next to its search page.
func (b *Builder) searchIndexes(s *site.Site, docs render.Docs, editions []string) ([]publish.File, error) {
	urls := site.NewURLs(s.Config.BaseURL)
	var files []publish.File
	for _, ed := range editions {
		for _, lang := range s.Languages {
			index, err := search.Index(lang.Code, searchDocs(lang, docs, urls.Edition(ed), ed))
			if err != nil {
				return nil, fmt.Errorf("search index %s: %w", lang.Code, err)
			}
			dir := editionPath(ed, "/"+lang.Code+"/search/")
			for _, f := range index {
				file := publish.File{Path: dir + f.Path, Body: f.Body}
				if err := b.minifyFile(&file); err != nil {
					return nil, err
				}
				files = append(files, file)
			}
		}
	}
	return files, nil
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
