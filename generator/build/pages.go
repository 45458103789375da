package build

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"slices"
	"sync/atomic"

	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// passes are the renderings every page is converted for: the
// participant edition's, and the trainer edition's when it may exist.
var passes = []markup.Pass{
	{},
	{Edition: "trainer"},
	{Workbook: true},
	{Edition: "trainer", Workbook: true},
	{Edition: "trainer", Slides: true},
}

// participantPasses are the passes of the participant edition alone.
var participantPasses = []markup.Pass{{}, {Workbook: true}}

// passesFor are the renderings a site's pages need. The trainer edition
// exists only with a session plan, a trainer-only page or :::trainer
// notes, so a site whose text never says "trainer" has none, and its
// chapters need no slides (a trainer's view) converted.
func (b *Builder) passesFor(s *site.Site) ([]markup.Pass, error) {
	if s.Config.Plan.Given {
		return passes, nil
	}
	trainer := false
	words := trainerWords(s.Config.Directives)
	next := map[string]trainerMemo{}
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			if !p.InEdition("") {
				trainer = true
				continue
			}
			says, err := b.saysTrainer(p, words, next)
			if err != nil {
				return nil, err
			}
			trainer = trainer || says
		}
	}
	b.trainerText = next
	if trainer {
		return passes, nil
	}
	return participantPasses, nil
}

// trainerWords are the names trainer notes are written under: the
// container's own, then site.yaml's other names for it, in order.
func trainerWords(aliases map[string]site.DirectiveAlias) []string {
	words := []string{"trainer"}
	for _, name := range slices.Sorted(maps.Keys(aliases)) {
		if aliases[name].As == "trainer" {
			words = append(words, name)
		}
	}
	return words
}

// saysTrainer reports whether a page's text has one of words, and notes
// the answer in next. The answer is kept with the digest of the text it
// was found in, and of the words: a save must not cost a search through
// every page, nor a build read the pages it found unchanged.
func (b *Builder) saysTrainer(p *site.Page, words []string, next map[string]trainerMemo) (bool, error) {
	key := p.Sum
	if len(words) > 1 {
		h := digest.New()
		h.Int(int64(p.Sum))
		for _, w := range words {
			h.String(w)
		}
		key = h.Sum()
	}
	m, ok := b.trainerText[p.File]
	if !ok || m.sum != key {
		if err := b.loader.ReadSource(b.fsys, p); err != nil {
			return false, err
		}
		m = trainerMemo{sum: key, says: slices.ContainsFunc(words, func(w string) bool { return bytes.Contains(p.Source, []byte(w)) })}
	}
	next[p.File] = m
	return m.says, nil
}

// letGoOfSources drops every page's Markdown once the pages are
// converted. A streaming build builds once, so nothing reads it again,
// and the build's memory need not hold the whole site's text to its end.
func (b *Builder) letGoOfSources(s *site.Site) {
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			p.Source = nil
		}
	}
	b.loader.LetGoOfBodies()
}

type trainerMemo struct {
	sum  uint64 // the digest of the page's text, and of the words looked for
	says bool
}

// convert turns every page's Markdown into HTML, in parallel, reusing the
// conversions whose inputs have not changed. The model is read-only, so the
// workers share it without locks.
func (b *Builder) convert(conv converter, world uint64, prev, next *cache) (docs render.Docs, warnings []error, converted int, err error) {
	s := conv.site
	var pages []*site.Page
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			if p.File != "" && !p.Broken {
				pages = append(pages, p)
			}
		}
	}
	out := make([]docEntry, len(pages))
	failed := make([]*markup.Doc, len(pages))
	// Each page's links are resolved again only when a page, file or
	// image they could lead to changed: per save, the dev server checks
	// every page.
	relink := prev.links != next.links
	var n atomic.Int64
	err = parallel.Do(len(pages), func(i int) error {
		p := pages[i]
		key := docKey(world, p)
		if e, ok := prev.doc(conv, p, key, relink); ok {
			out[i] = e
			return nil
		}
		// A page found unchanged, but converted with other pages or
		// layouts last time, is read now.
		if err := b.loader.ReadSource(b.fsys, p); err != nil {
			return err
		}
		doc, err := conv.convert(p)
		if err != nil {
			failed[i] = doc
			return err
		}
		n.Add(1)
		out[i] = docEntry{key: key, doc: doc, data: dataSums(s, doc)}
		return nil
	})
	// A page that failed leaves its links alone, to be checked with the
	// others' (see checkLinks), and nothing to keep.
	docs = render.Docs{}
	for i, p := range pages {
		if failed[i] != nil {
			docs[p] = failed[i]
		}
		if out[i].doc == nil {
			continue
		}
		docs[p] = out[i].doc
		next.docs[p.File] = out[i]
		warnings = append(warnings, out[i].doc.Warnings...)
	}
	return docs, warnings, int(n.Load()), err
}

// A converter converts the pages of one build.
type converter struct {
	markup   *markup.Converter
	site     *site.Site
	renderer *render.Renderer
	urls     site.URLs
	images   map[string]imageInfo
	passes   []markup.Pass
}

func (b *Builder) converter(s *site.Site, r *render.Renderer, images map[string]imageInfo, passes []markup.Pass) converter {
	return converter{
		markup: markup.New(markup.Options{Unsafe: s.Config.Unsafe, Minify: b.minifyHTML(), Spool: b.spool}),
		site:   s, renderer: r, urls: site.NewURLs(s.Config.BaseURL), images: images, passes: passes,
	}
}

func (c converter) convert(p *site.Page) (*markup.Doc, error) {
	return c.markup.Convert(c.input(p), c.passes...)
}

// input is what converting page p may look up.
func (c converter) input(p *site.Page) markup.Input {
	r := c.renderer
	return markup.Input{Site: c.site, Page: p, URLs: c.urls, T: r.T(p.Lang), Embed: r.Embed(p.Lang), ImageSize: imageSize(c.images), ImageSources: imageSources(c.images), Reserved: r.PageIDs()}
}

// render writes every page of every edition through the layouts, in
// parallel, minifying as it goes; a page whose inputs hash as before keeps
// its earlier output.
func (b *Builder) render(ctx context.Context, r *render.Renderer, docs render.Docs, jobs []render.Job, prev, next *cache) ([]publish.File, tally, error) {
	files := make([]publish.File, len(jobs))
	keys := make([]uint64, len(jobs))
	rendered := make([]bool, len(jobs))
	sections := make([][]render.Section, len(jobs))
	books := make([]int, len(jobs)) // sections rendered, per workbook
	err := parallel.Do(len(jobs), func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		h := digest.New()
		h.Int(int64(next.theme))
		r.Deps(h, jobs[i], docs)
		keys[i] = h.Sum()
		files[i].Path = jobs[i].Path
		e, ok := prev.pages[jobs[i].Path]
		if ok && e.key == keys[i] {
			sections[i] = e.sections
			if e.body != nil {
				files[i].Body = e.body
				return b.stream.put(&files[i])
			}
			// The build cache keeps what a page was, not its body: the
			// page is taken from the last output, or made again.
			if reused, err := b.stream.reuse(e.written); reused || err != nil {
				return err
			}
		}
		job := jobs[i]
		if job.Kind == "print" {
			var done func()
			job.Book, done = b.book(next.theme, e)
			defer done()
		}
		var err error
		if b.stream.drops(job.Path) && r.Minified() {
			err = b.writePage(r, job, docs, &files[i])
		} else if err = b.renderPage(r, job, docs, &files[i]); err == nil {
			err = b.stream.put(&files[i])
		}
		if job.Book != nil {
			sections[i], books[i] = job.Book.Sections, job.Book.Rendered
		}
		rendered[i] = err == nil
		return err
	})
	if err != nil {
		return nil, tally{}, firstOfEach(err)
	}
	var count tally
	for i, f := range files {
		next.pages[f.Path] = pageEntry{key: keys[i], body: f.Body, written: b.stream.summary(f.Path), sections: sections[i]}
		if rendered[i] {
			count.pages++
		}
		count.sections += books[i]
	}
	return files, count, nil
}

// tally is what a render made again, where it could not take its output
// from the last build.
type tally struct {
	pages    int // pages rendered
	sections int // sections of workbooks rendered (see render.Book)
}

func (t *tally) add(u tally) {
	t.pages += u.pages
	t.sections += u.sections
}

// book offers the render of a workbook the sections of the one the last
// build made, e: from its body, or from the file it left in the output
// folder. done lets go of that file.
func (b *Builder) book(theme uint64, e pageEntry) (book *render.Book, done func()) {
	book = &render.Book{Seed: theme, Last: e.sections}
	switch {
	case len(e.sections) == 0:
	case e.body != nil:
		book.Earlier = func(s render.Section) []byte { return within(e.body, s) }
	case b.stream != nil:
		if f := b.stream.stage.OpenLast(e.written); f != nil {
			var buf []byte
			book.Earlier = func(s render.Section) []byte {
				if !inside(e.written.Size, s) {
					return nil
				}
				buf = slices.Grow(buf[:0], int(s.Len))[:s.Len]
				if _, err := f.ReadAt(buf, s.At); err != nil {
					return nil
				}
				return buf
			}
			return book, func() { f.Close() }
		}
	}
	return book, func() {}
}

// within is the bytes of section s of page, nil when s lies outside it.
func within(page []byte, s render.Section) []byte {
	if !inside(int64(len(page)), s) {
		return nil
	}
	return page[s.At : s.At+s.Len]
}

// inside reports whether section s lies within a page of size bytes; a
// damaged record may say anything.
func inside(size int64, s render.Section) bool {
	return s.At >= 0 && s.Len >= 0 && s.At <= size-s.Len
}

// renderPage renders one page into f, minified.
func (b *Builder) renderPage(r *render.Renderer, job render.Job, docs render.Docs, f *publish.File) error {
	body, err := r.Render(job, docs)
	if err != nil {
		return err
	}
	f.Path, f.Body = job.Path, body
	if r.Minified() {
		return nil
	}
	return b.minifyFile(f)
}

// writePage renders a page of a streaming build into the output from the
// renderer's own buffer: written, the page is let go of, so it needs no
// bytes of its own.
func (b *Builder) writePage(r *render.Renderer, job render.Job, docs render.Docs, f *publish.File) error {
	f.Path = job.Path
	if job.Kind == "print" {
		// A language's workbook holds the whole course: it goes to the
		// output as it is made, never whole in memory.
		return b.stream.putFrom(job.Path, func(w io.Writer) error { return r.RenderTo(w, job, docs) })
	}
	err := r.RenderFunc(job, docs, func(page []byte) error {
		f.Body = page
		return b.stream.put(f)
	})
	f.Body = nil // the buffer is the next page's
	return err
}

// minifyHTML minifies a piece of HTML, or is nil when the build keeps
// output as rendered.
func (b *Builder) minifyHTML() func([]byte) ([]byte, error) {
	if b.opts.NoMinify {
		return nil
	}
	return func(html []byte) ([]byte, error) { return b.minify.Minify("page.html", html) }
}

func (b *Builder) minifyFile(f *publish.File) error {
	if b.opts.NoMinify {
		return nil
	}
	body, err := b.minify.Minify(f.Path, f.Body)
	if err != nil {
		return err
	}
	f.Body = body
	return nil
}

// firstOfEach keeps one copy of each distinct message: a broken layout
// fails every page the same way, and one report of it is enough. Pages
// stopped because another ran past its limit are left out beside that
// page's error, which names the layout and the limit: theirs named only
// where each was stopped, in a layout of the theme that is not at fault.
func firstOfEach(err error) error {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return err
	}
	all := joined.Unwrap()
	causes := slices.DeleteFunc(slices.Clone(all), func(e error) bool { return errors.Is(e, render.ErrStopped) })
	if len(causes) > 0 {
		all = causes
	}
	seen := map[string]bool{}
	var out []error
	for _, e := range all {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}
