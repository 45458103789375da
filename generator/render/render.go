// Package render writes pages through the layouts in layouts/, which are Go
// html/template files, each template named after its file.
//
// # Layouts
//
// base.html is the page skeleton; every page executes it. It includes
// partials/share-meta.html, the link-preview tags (View.Share). It calls
// {{template "main" .}}, which each kind's file defines: home.html,
// section.html, chapter.html, search.html, 404.html, root.html ("/": the
// default language's home, with a line to choose another language),
// worksheet.html and print.html; and in the trainer edition only,
// trainer.html (its home, at /trainer/), plan.html (the session plan) and
// status.html (the translation status). Files in
// partials/ and directives/ are shared; directives/<name>.html renders the
// data a ::<name>{src="…"} directive embeds; partials/print-part.html
// renders one part of the workbook, which print.html asks for with
// {{.Section}} (see Book). A site's own layouts/ replace the built-in ones
// file by file.
//
// # Functions
//
//	T "key"              UI string of the page's language (layouts/i18n/<lang>/*.yaml)
//	Tn "key" 3           the same in the plural form the number takes ("%s chapters"), where the string has forms
//	Tforms "key"         its forms as JSON by form name, for a script that counts ({"one": …, "other": …})
//	text .Title          a data text in the page's language, else the default language
//	relURL "/id/x/"      a site path as a link, with base path and edition applied
//	absURL "/id/x/"      the same as a full URL when site.yaml has a baseURL
//	siteRoot             the base path of the whole site, "/" or "/kursus/", in every edition
//	pageURL .Page        relURL of a page
//	link .Page $.Page    <a> to a page with its title; marks the current page and its sections
//	links .Pages $.Page  <li><a …>…</a></li> for each page, as link: one call for a whole menu
//	linksNear .Pages $.Page .Whole  links for the 11 pages nearest $.Page, and for the rest one link to .Whole
//	menu .Pages $.Page   links, and under the entry of $.Page or its section, linksNear of its children
//	shared "partials/footer.html" .  the partial's output, rendered once per language and edition and reused: for partials every page shows alike; a site's own version runs per page
//	asset "site.css"     the minified, fingerprinted URL of a file from assets/
//	script "search.js"   the minified text of a script from assets/, to inline in <script>
//	scripts .SearchScripts  the same for several scripts, joined in order
//	date, dateRange      "27 November 2026", "18 Februari – 19 Maret 2026"
//	number, integer      528,6 / 528.6 and 1.234 / 1,234, as the language writes them
//	money, percent       "Rp528,6 triliun" / "IDR 528.6 trillion", "40%"
//	duration             "1 jam 30 menit" / "1 h 30 min"
//	cell                 a table cell, formatted by its type
//	langName "en"        a language's own name ("English")
//	langNameIn "en"      its name in the page's language, for a sentence ("inglés")
//	dir "ar"             "rtl" or "ltr": which way the language is written, for a dir attribute
//	visible .Children    the pages that are part of the edition being built
//	prev .Page, next     the neighbouring chapters in that edition
//	inline .Description  one line of Markdown (objectives, descriptions) as HTML, raw HTML shown as text
//	plain .Description   the same as plain text, for <meta> and attributes
//	qr "https://…"       a QR code of the text, as inline SVG
//	clock                a time of day from midnight as 09:30
//	dict "k" v …         a map of the pairs, to hand a partial several values
//	storageKey .Src      the localStorage key of a checklist's ticks
//	seq 32               1 to 32, to repeat something (at most 10,000, as a range over a number)
//	safeHTML, add, isoDate
//	print, printf, println  Go's, making no more than a page's text and padding to 1,000 at most
//
// The data each layout gets is a *View (pages) or an *EmbedView (directives).
// A page a layout makes may be at most limits.page in site.yaml (64 MB).
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"golang.org/x/text/language"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/markup"
	"lentera/generator/site"
	"lentera/generator/sitefs"
)

// Editions are the builds of a site: the participant edition at the root and
// the trainer edition, with trainer notes, under /trainer/.
var Editions = []string{"", "trainer"}

// Options configure a Renderer.
type Options struct {
	Layouts    fs.FS             // layouts/ of the site over those of the theme
	Theme      fs.FS             // the theme alone, for its UI strings; Layouts when nil
	Site       *site.Site        // the model, read-only
	Assets     map[string]string // asset name to its fingerprinted site path
	Scripts    map[string][]byte // asset name to its minified text, for the scripts layouts inline
	BuildDate  time.Time         // "today" for calendars, and the sitemap's lastmod
	OwnLayouts bool              // the site has layouts of its own (see Deps)
	Minify     Minify            // shrinks layouts at load; nil keeps them as written
	QRCodes    []QRCode          // codes drawn by an earlier run, taken rather than drawn again
	Parsed     *Layouts          // Layouts parsed with Minify beforehand (ParseLayouts); parsed here when nil
}

// Renderer executes layouts. It is safe for concurrent use.
type Renderer struct {
	buffers      sync.Pool // *bytes.Buffer, reused from page to page
	site         *site.Site
	layouts      fs.FS
	urls         site.URLs
	assets       map[string]string
	scripts      map[string][]byte
	buildDate    time.Time
	strings      map[string]Strings
	names        map[string]string      // each language's own name
	speaks       map[string]string      // the language of each language's UI strings (see uiSet)
	inline       *markup.Inline         // front matter's one-line Markdown
	bound        map[bindKey]*lazyBound // every language and edition, bound on first use
	set          *templateSet           // the layouts the bound ones are cloned from
	exact        *templateSet           // the layouts as written, when bound are minified; else nil
	ownLayouts   bool
	pageIDs      []string              // see PageIDs
	themeLayouts map[string]bool       // layout files the site left as the theme has them; see shared
	metas        map[*site.Page]uint64 // per page, a digest of its front matter and place
	links        map[*site.Page]uint64 // per page, a digest of the links to its children
	listing      map[*site.Page]uint64 // per page, a digest of its children's front matter
	history      History
	qrs          sync.Map    // QR codes drawn, by text and label; see qr
	stopped      atomic.Bool // a page ran past its time: see within
	Warnings     []error
}

type bindKey struct{ lang, edition string }

// boundSet is the layouts bound to one language and edition.
type boundSet struct {
	binding *binding
	kinds   map[string]*lazyKind
	common  *template.Template
}

// lazyKind is the layouts of one kind of page, bound when a page of that
// kind is first rendered: binding copies the layouts the kind reaches,
// and an edition uses only some kinds (a course without quizzes, the
// participants' edition).
type lazyKind struct {
	once   sync.Once
	common *template.Template // the shared layouts, as parsed
	own    *template.Template // the kind's own file, as parsed
	bound  *template.Template
	err    error
}

// kind returns the bound layouts of a kind of page.
func (bs *boundSet) kind(k string) (*template.Template, error) {
	l, ok := bs.kinds[k]
	if !ok {
		return nil, fmt.Errorf("layouts: no %s.html for %s pages", k, k)
	}
	l.once.Do(func() { l.bound, l.err = bindKind(l.common, l.own, bs.binding) })
	return l.bound, l.err
}

// bindKind puts together, bound, the templates a kind's pages run:
// base.html and what it calls, a template of the kind's own file taking
// the place of a shared one of its name, as parsing the file after them
// would. Copies, since a layout is escaped in place when first run; and
// only those a page reaches, since a copy of every shared layout for
// every kind, language and edition was most of a small course's binding.
func bindKind(common, own *template.Template, b *binding) (*template.Template, error) {
	trees := map[string]*parse.Tree{}
	var reach func(name string)
	reach = func(name string) {
		if _, seen := trees[name]; seen {
			return
		}
		trees[name] = treeOf(own, common, name)
		if trees[name] != nil {
			calls(trees[name].Root, reach)
		}
	}
	reach(baseLayout)
	t := template.New("set:" + baseLayout).Funcs(b.funcs())
	for name, tree := range trees {
		if tree == nil { // called, and defined nowhere: running it says so
			continue
		}
		if _, err := t.AddParseTree(name, tree.Copy()); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// treeOf is the template called name: the kind's own, unless it is empty
// and a shared one is not, as parsing keeps a template from being
// replaced by an empty one.
func treeOf(own, common *template.Template, name string) *parse.Tree {
	o, c := own.Lookup(name), common.Lookup(name)
	switch {
	case o != nil && o.Tree != nil && (c == nil || c.Tree == nil || !parse.IsEmptyTree(o.Tree.Root)):
		return o.Tree
	case c != nil:
		return c.Tree
	}
	return nil
}

// calls hands each template that node n or those within it call to call.
func calls(n parse.Node, call func(name string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			calls(c, call)
		}
	case *parse.TemplateNode:
		call(n.Name)
	case *parse.IfNode:
		calls(n.List, call)
		calls(n.ElseList, call)
	case *parse.RangeNode:
		calls(n.List, call)
		calls(n.ElseList, call)
	case *parse.WithNode:
		calls(n.List, call)
		calls(n.ElseList, call)
	}
}

// New parses the layouts and reads the UI strings.
func New(opts Options) (*Renderer, error) {
	parsed := opts.Parsed
	if parsed == nil {
		var err error
		if parsed, err = ParseLayouts(opts.Layouts, opts.Minify); err != nil {
			return nil, err
		}
	}
	exact, set := parsed.exact, parsed.small
	ui, warnings, err := loadStrings(opts.Layouts, opts.Theme, opts.Site.Config.Languages, opts.Site.Config.LanguageNames)
	if err != nil {
		return nil, err
	}
	theme := opts.Theme
	if theme == nil {
		theme = opts.Layouts
	}
	themed, err := themeLayouts(opts.Layouts, theme)
	if err != nil {
		return nil, err
	}
	r := &Renderer{
		site:         opts.Site,
		layouts:      opts.Layouts,
		urls:         site.NewURLs(opts.Site.Config.BaseURL),
		assets:       opts.Assets,
		scripts:      opts.Scripts,
		buildDate:    opts.BuildDate,
		strings:      ui.strings,
		names:        ui.names,
		speaks:       ui.speaks,
		inline:       markup.NewInline(),
		bound:        map[bindKey]*lazyBound{},
		set:          set,
		ownLayouts:   opts.OwnLayouts,
		pageIDs:      pageIDs(exact),
		themeLayouts: themed,
		Warnings:     warnings,
	}
	if set != exact {
		r.exact = exact
	}
	for _, c := range opts.QRCodes {
		r.qrs.Store([2]string{c.Text, c.Label}, template.HTML(c.SVG))
	}
	r.summarize()
	for _, lang := range opts.Site.Config.Languages {
		for _, ed := range Editions {
			r.bound[bindKey{lang, ed}] = &lazyBound{}
		}
	}
	return r, nil
}

// lazyBound is the layouts of one language and edition, bound when first
// needed: a build after an edit to one language's page renders none of
// the other's, and binding copies the shared layouts.
type lazyBound struct {
	once sync.Once
	bs   *boundSet
	err  error
}

// boundFor returns the layouts bound to a language and edition.
func (r *Renderer) boundFor(lang, edition string) (*boundSet, error) {
	l := r.bound[bindKey{lang, edition}]
	if l == nil {
		return nil, fmt.Errorf("layouts: no language %q in site.yaml", lang)
	}
	l.once.Do(func() { l.bs, l.err = r.bind(r.set, lang, edition) })
	return l.bs, l.err
}

func (r *Renderer) bind(set *templateSet, lang, edition string) (*boundSet, error) {
	b := &binding{r: r, lang: lang, edition: edition, ui: r.strings[lang], urls: r.urls.Edition(edition)}
	b.format = newFormatter(lang, b.ui)
	b.tag, _ = language.Parse(lang) // und where the code is not BCP 47: the other forms
	bs := &boundSet{binding: b, kinds: map[string]*lazyKind{}}
	var err error
	if bs.common, err = clone(set.common, b); err != nil {
		return nil, err
	}
	b.fragments.set = bs.common
	for k, t := range set.kinds {
		bs.kinds[k] = &lazyKind{common: set.common, own: t}
	}
	return bs, nil
}

func clone(t *template.Template, b *binding) (*template.Template, error) {
	c, err := t.Clone()
	if err != nil {
		return nil, err
	}
	return c.Funcs(b.funcs()), nil
}

// SetSite points the renderer at a newer model of the same site, whose
// settings, layouts and assets are unchanged. Not while rendering.
func (r *Renderer) SetSite(s *site.Site) {
	r.site = s
	r.summarize()
	r.forgetShared()
}

// T returns the UI string lookup of a language, for markup's labels. A
// missing key reads as the key itself; the i18n tests keep keys complete.
func (r *Renderer) T(lang string) func(string) string {
	ui := r.strings[lang]
	return func(key string) string {
		if s, ok := ui[key]; ok {
			return s
		}
		return key
	}
}

// Render writes one page.
func (r *Renderer) Render(job Job, docs Docs) ([]byte, error) {
	buf := r.buffer()
	defer r.putBuffer(buf)
	if err := r.execute(buf, r.pageLimit(), job, docs); err != nil {
		return nil, err
	}
	if buf.Cap() > maxPooled {
		// Not reused: the page takes the buffer's bytes, a copy of
		// megabytes spared.
		return buf.Bytes(), nil
	}
	// The page is kept, the buffer reused: a page of its own size spares
	// the zeroing of a new buffer per page and the slack the build would
	// hold on to.
	return bytes.Clone(buf.Bytes()), nil
}

// RenderFunc writes one page and hands its bytes to use, which must not
// keep them: they are in a buffer the next page reuses. A page that is
// written out and let go of needs no bytes of its own.
func (r *Renderer) RenderFunc(job Job, docs Docs, use func(page []byte) error) error {
	buf := r.buffer()
	defer r.putBuffer(buf)
	if err := r.execute(buf, r.pageLimit(), job, docs); err != nil {
		return err
	}
	return use(buf.Bytes())
}

// RenderTo writes one page to w as it is made, for a page too long to hold
// whole: a language's workbook. A failure may leave part of it written.
func (r *Renderer) RenderTo(w io.Writer, job Job, docs Docs) error {
	return r.execute(w, writtenPages*r.pageLimit(), job, docs)
}

// A layout can repeat without end, a range within a range over seq: a page
// stops with an error at limits.page in site.yaml (defaultPageLimit), and
// one written to its file as it is made, a workbook, at writtenPages times
// that: 2 GB, far beyond a whole course's workbook (9 MB for 1,000
// chapters of the bench corpus).
const (
	defaultPageLimit = 64 << 20
	writtenPages     = 32
)

func (r *Renderer) pageLimit() int64 {
	if n := r.site.Config.PageLimit; n > 0 {
		return n
	}
	return defaultPageLimit
}

// execute runs the layout of job into out, up to limit bytes; a buffer is
// first given room for the whole page.
func (r *Renderer) execute(out io.Writer, limit int64, job Job, docs Docs) error {
	bs, err := r.boundFor(job.Lang, job.Edition)
	if err != nil {
		return err
	}
	t, err := bs.kind(job.Kind)
	if err != nil {
		return err
	}
	view := r.view(job, docs)
	if buf, ok := out.(*bytes.Buffer); ok {
		buf.Grow(view.size(job, docs))
	}
	timed := &gate{w: out}
	out = &capped{w: timed, left: limit, limit: limit}
	if job.Kind == "print" {
		out = r.startBook(view, bs, job.Book, out)
	}
	if err := r.within(timed, func() error { return t.ExecuteTemplate(out, baseLayout, view) }); err != nil {
		var over *overLimit
		switch {
		case errors.As(err, &over):
			// No line: running it again to find one would take as long.
			return r.overLimitError(over, job, view.contentSize(job, docs))
		case errors.Is(err, ErrStopped):
			return err // stopped for another page, whose error says why
		}
		return templateError(r.layouts, r.exactError(job.Lang, job.Edition, err, func(bs *boundSet, w io.Writer) error {
			exact, err := bs.kind(job.Kind)
			if err != nil {
				return err
			}
			return exact.ExecuteTemplate(&capped{w: w, left: limit, limit: limit}, baseLayout, view)
		}))
	}
	return nil
}

// defaultPageTime is how long a page's layouts may run unless site.yaml's
// limits.pageTime says otherwise: a chapter takes milliseconds, a
// language's workbook of 5,000 chapters a few seconds.
const defaultPageTime = 60 * time.Second

// overLimit is a page that ran past its size or time limit, which key
// sets in site.yaml.
type overLimit struct{ what, key string }

func (e *overLimit) Error() string { return e.what }

func (e *overLimit) Is(target error) bool { return target == ErrMemory && e.key == "limits.memory" }

// ErrMemory is in the chain of a page's error when the program held more
// than limits.memory as its layouts ran.
var ErrMemory = errors.New("over limits.memory")

// overLimitError says why a page ran past a limit, and what to do. A
// site's own layout may loop without end, so it is named. The built-in
// layouts repeat only what the content holds, so with them the content is
// the cause: a chapter's file (800,000 headings), or for a page made of
// many chapters (the workbook), the limit in site.yaml.
func (r *Renderer) overLimitError(over *overLimit, job Job, htmlSize int) error {
	html := sitefs.FormatSize(int64(htmlSize))
	switch {
	case r.ownLayouts && over.key == "limits.memory":
		return fileerr.Errorf(layoutFile(r.layouts, job.Kind+".html"), 0, 0, "%s: %w: a layout keeps what it makes without end, or the site needs more; if it does, raise %s in site.yaml", job.URL, over, over.key)
	case r.ownLayouts:
		return fileerr.Errorf(layoutFile(r.layouts, job.Kind+".html"), 0, 0, "%s: %w: a layout repeats something without end, or the page's content (%s of HTML) is more than one page should hold; if it belongs in the site, raise %s in site.yaml", job.URL, over, html, over.key)
	case over.key == "limits.memory":
		return fileerr.Errorf(site.ConfigFile, 0, 0, "%s: %w; raise %s", job.URL, over, over.key)
	case job.Page != nil && job.Page.File != "":
		return fileerr.Errorf(job.Page.File, 0, 0, "%s: %w: its text makes %s of HTML, more than one page should hold: split it into smaller pages, or raise %s in site.yaml", job.URL, over, html, over.key)
	}
	return fileerr.Errorf(site.ConfigFile, 0, 0, "%s: %w: the pages it gathers make %s of HTML; raise %s", job.URL, over, html, over.key)
}

// Stopped reports whether a page ran past its time: the renderer's seq
// fails from then on, and a build needs a new one.
func (r *Renderer) Stopped() bool { return r.stopped.Load() }

// within runs a page's layouts, and fails once they have run past the page
// time. A loop that writes nothing ({{range seq 10000}} three deep) is not
// stopped by the page's size limit, and Go's templates cannot be stopped
// from outside: the run is left behind, writing nowhere (g), and the
// build fails with the layout's name, in the time the limit says rather
// than never. The renderer is then stopped: seq, and loop, which every
// range and template call goes through (see boundLoops), fail from then
// on, so the run left behind ends too, and the next build makes a
// renderer of its own.
func (r *Renderer) within(g *gate, run func() error) error {
	limit := defaultPageTime
	if t := r.site.Config.PageTime; t > 0 {
		limit = t
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("internal error (please report it): %v\n%s", p, debug.Stack())
			}
		}()
		done <- run()
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	poll := time.NewTicker(memoryPoll)
	defer poll.Stop()
	memory := r.memoryLimit()
	for {
		select {
		case err := <-done:
			return err
		case <-timer.C:
			return r.stop(g, "the page's layouts ran past "+limit.String(), "limits.pageTime")
		case <-poll.C:
			if holdsMore(memory) {
				return r.stop(g, "the program's memory passed "+sitefs.FormatSize(memory)+" as the page's layouts ran", "limits.memory")
			}
		}
	}
}

// stop leaves a page's run behind, writing nowhere, and stops the
// renderer so that the run ends at its next turn.
func (r *Renderer) stop(g *gate, what, key string) error {
	g.close()
	r.stopped.Store(true)
	return &overLimit{what: what, key: key}
}

// A layout can keep what it makes ({{$d = dict "n" $d "s" (print $s)}}
// in a range): bounded one call at a time, it is not in all, and would
// take the machine's memory. A page's run so watches the program's heap,
// every memoryPoll, and fails the page, and stops the renderer, when it
// holds more than limits.memory. A build of 2 x 5,000 chapters holds
// some 400 MB.
const (
	memoryPoll    = 20 * time.Millisecond
	defaultMemory = 4 << 30
)

func (r *Renderer) memoryLimit() int64 {
	if n := r.site.Config.Memory; n > 0 {
		return n
	}
	return defaultMemory
}

// holdsMore reports whether the heap holds more than limit bytes in
// objects a collection leaves: garbage, which a build lets pile up to its
// first collection (see gcfloor), is not held. Only a heap over the limit
// is collected to find out.
func holdsMore(limit int64) bool {
	if heapHeld() <= limit {
		return false
	}
	runtime.GC()
	return heapHeld() > limit
}

// heapHeld is the bytes the program's heap holds in objects, live or not
// yet collected.
func heapHeld() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// gate writes to w until it is closed; then every write fails, so a page
// left behind by within stops at its next write and never touches w.
type gate struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

var errGateClosed = errors.New("the page's layouts ran past their time")

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return 0, errGateClosed
	}
	return g.w.Write(p)
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// capped writes to w until it has written limit bytes, then fails.
type capped struct {
	w           io.Writer
	left, limit int64
}

func (c *capped) Write(p []byte) (int, error) {
	if int64(len(p)) > c.left {
		c.left = 0
		return 0, &overLimit{what: "the page grew past " + sitefs.FormatSize(c.limit) + " as it was rendered", key: "limits.page"}
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

// buffer is an empty buffer for a page, kept from an earlier one if it can.
func (r *Renderer) buffer() *bytes.Buffer {
	buf, _ := r.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// maxPooled is the largest buffer kept for the next page: larger ones are
// made by workbooks of a whole course, and would be held on to for pages a
// hundredth of their size.
const maxPooled = 1 << 20

// putBuffer keeps a buffer for the next page, unless it is large.
func (r *Renderer) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooled {
		r.buffers.Put(buf)
	}
}

// Minified reports whether the layouts were minified at load, so that what
// Render returns needs no minify pass.
func (r *Renderer) Minified() bool { return r.exact != nil }

// exactError is err as the layouts as written give it: the minified ones
// have their actions on other lines, so their errors would point at the
// wrong line of the layout file.
func (r *Renderer) exactError(lang, edition string, err error, run func(*boundSet, io.Writer) error) error {
	if r.exact == nil {
		return err
	}
	bs, bindErr := r.bind(r.exact, lang, edition)
	if bindErr != nil {
		return err
	}
	if exactErr := run(bs, io.Discard); exactErr != nil {
		return exactErr
	}
	return err
}

// Docs are the converted pages of a build.
type Docs map[*site.Page]*markup.Doc

// Job is one page to render.
type Job struct {
	Kind    string
	Lang    string
	Edition string
	Page    *site.Page // home, section and chapter pages
	Data    *data.Doc  // worksheets
	Path    string     // output file, relative to the output root
	URL     string     // site path of the page, without edition
	// Search pages: the entry file of their index, which they carry so
	// that a query needs one download less, and the scripts of assets/
	// they inline, in order.
	SearchEntry   []byte
	SearchScripts []string
	// Workbooks: the sections of the last one, and the new one's once
	// rendered; nil renders every section.
	Book *Book
}
