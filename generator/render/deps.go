package render

import (
	"fmt"
	"time"

	"lentera/generator/internal/digest"
	"lentera/generator/markup"
	"lentera/generator/site"
)

// Deps writes into h what a page's output depends on, beyond the layouts,
// UI strings, assets, settings and date, which the build hashes once for all
// pages. When a rebuild finds the same hash, it keeps the page it rendered
// before.
//
// It follows what the built-in layouts show: a chapter shows its own text,
// its breadcrumbs, the chapters of its section, the top-level sections, its
// neighbours and its translations; a section lists its pages; the home and
// the workbook show the whole language. Layouts a site writes itself may
// show anything, so with them (Options.OwnLayouts) every page of a language
// depends on every page of that language.
func (r *Renderer) Deps(h *digest.Hash, job Job, docs Docs) {
	h.String(job.Kind + "\x00" + job.Lang + "\x00" + job.Edition + "\x00" + job.URL)
	// The language switch and hreflang links: which translations exist.
	if job.Page != nil {
		for _, code := range r.site.Config.Languages {
			if t := job.Page.Translation(code); t != nil {
				h.String(t.URL)
			} else {
				h.String("-")
			}
		}
	}
	h.Bytes(job.SearchEntry) // SearchScripts follow from the language, their text from the theme
	lang := r.site.Lang(job.Lang)
	r.learnDeps(h, job)
	switch {
	case r.ownLayouts:
		r.wholeLanguage(h, lang, docs, &markup.Pass{Edition: job.Edition})
	case job.Kind == "home" || job.Kind == "root":
		content(h, docs[job.Page], markup.Pass{Edition: job.Edition})
		r.wholeLanguage(h, lang, docs, nil)
	case job.Kind == "print":
		r.wholeLanguage(h, lang, docs, &markup.Pass{Edition: job.Edition, Workbook: true})
	case job.Page != nil:
		r.pageDeps(h, lang, job.Page, docs, markup.Pass{Edition: job.Edition, Slides: job.Kind == "slides"})
	case job.Data != nil:
		h.Bytes(job.Data.Sum[:])
		for _, p := range r.embeddedIn(lang, job.Data.Src, docs) {
			ref(h, p)
		}
	}
	r.trainerDeps(h, job, docs)
	if d := docs[job.Page]; job.Page != nil && (d == nil || d.Lead == "") {
		homeSummary(h, lang, docs) // a page without a paragraph of its own takes the home's (see summary)
	}
	if job.Page != nil || job.Kind == "print" {
		return
	}
	ref(h, lang.Home)                // the header links the language home
	h.Int(int64(r.links[lang.Home])) // and its menu the top-level sections
	// Its link preview shows the home's image.
	h.String(lang.Home.Meta.Image)
	homeSummary(h, lang, docs)
}

// homeSummary is what the home gives the summary of a page that has none
// of its own: its description, else its lead.
func homeSummary(h *digest.Hash, lang *site.Language, docs Docs) {
	h.String(lang.Home.Meta.Description)
	if d := docs[lang.Home]; d != nil {
		h.String(d.Lead)
	}
}

// pageDeps is what a chapter or section page shows besides itself.
func (r *Renderer) pageDeps(h *digest.Hash, lang *site.Language, p *site.Page, docs Docs, pass markup.Pass) {
	r.meta(h, p)
	content(h, docs[p], pass)
	for _, a := range p.Ancestors() {
		ref(h, a)
	}
	if sec := p.Section(); sec != nil {
		h.Int(int64(r.links[sec]))
	}
	h.Int(int64(r.links[lang.Home]))
	h.Int(int64(r.listing[p]))
	ref(h, p.Prev)
	ref(h, p.Next)
	ref(h, p.PrevIn(pass.Edition))
	ref(h, p.NextIn(pass.Edition))
}

// summarize hashes, for every page with children, the links to them and
// the listing of them, once per build: menus repeat them on many pages.
func (r *Renderer) summarize() {
	r.metas = map[*site.Page]uint64{}
	for _, l := range r.site.Languages {
		for _, p := range l.Pages {
			h := digest.New()
			pageMeta(h, p)
			r.metas[p] = h.Sum()
		}
	}
	r.links, r.listing = map[*site.Page]uint64{}, map[*site.Page]uint64{}
	for _, l := range r.site.Languages {
		for _, p := range l.Pages {
			if len(p.Children) == 0 {
				continue
			}
			links, listing := digest.New(), digest.New()
			for _, c := range p.Children {
				ref(links, c)
				r.meta(listing, c)
			}
			r.links[p], r.listing[p] = links.Sum(), listing.Sum()
		}
	}
}

// wholeLanguage is every page of a language, with its text in pass when
// pass is not nil.
func (r *Renderer) wholeLanguage(h *digest.Hash, lang *site.Language, docs Docs, pass *markup.Pass) {
	for _, p := range lang.Pages {
		r.meta(h, p)
		if p.Parent != nil {
			h.String(p.Parent.URL)
		}
		d := docs[p]
		if pass == nil || d == nil {
			continue
		}
		content(h, d, *pass)
		for _, src := range d.Uses {
			if doc := r.site.Data[src]; doc != nil {
				h.Bytes(doc.Sum[:])
			}
		}
	}
}

// ref is what a link to a page shows: where it goes and its title.
func ref(h *digest.Hash, p *site.Page) {
	if p == nil {
		h.String("-")
		return
	}
	h.String(p.URL)
	h.String(p.Meta.Title)
}

// meta is everything front matter says about a page, and the time below it.
func (r *Renderer) meta(h *digest.Hash, p *site.Page) {
	h.Int(int64(r.metas[p]))
}

func pageMeta(h *digest.Hash, p *site.Page) {
	ref(h, p)
	m := p.Meta
	h.String(m.Description)
	for _, list := range [][]string{m.Objectives, m.Questions, m.KeyPoints} {
		h.Int(int64(len(list)))
		for _, o := range list {
			h.String(o)
		}
	}
	h.String(fmt.Sprint(m.Weight, m.Draft, m.TranslationKey, m.Params, m.Edition))
	h.String(m.Image)
	h.Int(int64(p.TotalDuration() / time.Second))
}

func content(h *digest.Hash, d *markup.Doc, pass markup.Pass) {
	if d == nil {
		h.String("")
		return
	}
	h.Int(int64(d.Sum(pass)))
}
