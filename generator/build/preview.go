package build

import (
	"bytes"
	"context"
	"reflect"

	"lentera/generator/linkcheck"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// shown is what the last complete build made, kept for Preview: the
// model, its conversions and layouts, and its output for the link check.
type shown struct {
	conv     converter
	docs     render.Docs
	editions []string
	output   linkcheck.Output
}

func newShown(p *pending) *shown {
	return &shown{conv: p.conv, docs: p.docs, editions: p.editions, output: p.output}
}

// Preview renders the pages of one page file again when only the text
// under its front matter changed since the last complete build: in every
// edition, from that build's model, layouts and conversions, so the cost
// does not grow with the site. Nothing else is changed, the Builder
// included: the BuildPages that must follow does the edit's whole work
// (search, workbooks, other pages' links to it) and has the last word.
// The dev server shows the edit from here meanwhile.
//
// ok is false when the edit may reach beyond the page's own files, or
// its pages would not be what a build makes: the file is new, gone or
// broken, its front matter changed beyond what the page shows of itself
// (see onlyShown), the last build failed or did not
// finish, the text now says "trainer" where no trainer edition was made,
// or converting it warns, fails or finds a link the last output does not
// hold. Only a build can say more then.
func (b *Builder) Preview(ctx context.Context, file string) (files []publish.File, ok bool) {
	m := b.shown
	if m == nil || ctx.Err() != nil {
		return nil, false
	}
	p := m.conv.site.PageOf(file)
	if p == nil || p.Broken {
		return nil, false
	}
	b.fsys.Refresh() // a folder may have been moved since the build
	meta, body, err := site.ReadPage(b.fsys, file)
	if err != nil || (bytes.Equal(body, p.Source) && reflect.DeepEqual(meta, p.Meta)) {
		return nil, false
	}
	edited := *p
	edited.Source, edited.Meta = body, meta
	if !onlyShown(p, &edited) {
		return nil, false
	}
	if len(m.conv.passes) < len(passes) && bytes.Contains(body, []byte("trainer")) {
		return nil, false
	}
	doc, err := m.conv.convert(&edited)
	if err != nil || len(doc.Warnings) > 0 {
		return nil, false
	}
	// The layouts find the page by its place in the model (the menu marks
	// it), so the page rendered is the model's own, with the new text and
	// front matter. The model and output are put back as they were before
	// Preview returns.
	defer swap(m.docs, p, doc)()
	defer func(was site.Meta) { p.Meta = was }(p.Meta)
	p.Meta = meta
	for _, ed := range m.editions {
		for _, job := range render.PlanPage(nil, ed, p) {
			var f publish.File
			if err := b.renderPage(m.conv.renderer, job, m.docs, &f); err != nil {
				return nil, false
			}
			files = append(files, f)
		}
	}
	// Its links may point at its own new headings.
	for _, f := range files {
		defer swap(m.output, f.Path, f.Body)()
	}
	if len(linkcheck.Check(doc.Links, m.output, render.Editions[1:])) > 0 {
		return nil, false
	}
	return files, true
}

// swap sets m[k] to v and returns what puts the old value back.
func swap[K comparable, V any](m map[K]V, k K, v V) (undo func()) {
	old, had := m[k]
	m[k] = v
	return func() {
		if had {
			m[k] = old
		} else {
			delete(m, k)
		}
	}
}

// onlyShown reports whether the edited page's front matter differs from
// the page's only in what the page shows of itself: its title,
// description, objectives, questions, key points and duration. Other
// pages show some of these too (menus, lists, totals); the build that
// follows the preview renders them. A new title leaves the page where it was among its siblings,
// which weight and file name order.
func onlyShown(p, edited *site.Page) bool {
	meta := edited.Meta
	meta.Title, meta.Description, meta.Duration = p.Meta.Title, p.Meta.Description, p.Meta.Duration
	meta.Objectives, meta.Questions, meta.KeyPoints = p.Meta.Objectives, p.Meta.Questions, p.Meta.KeyPoints
	return reflect.DeepEqual(meta, p.Meta)
}
