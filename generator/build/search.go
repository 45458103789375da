package build

import (
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// searchIndexes builds the search index of every language and edition.
func (b *Builder) searchIndexes(s *site.Site, docs render.Docs, editions []string) ([]publish.File, error) {
	return nil, nil
}
