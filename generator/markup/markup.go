// Package markup owns goldmark: it turns one page's Markdown into HTML.
//
// A page is parsed once and rendered once per pass it is needed in: the
// participant edition, the trainer edition (which keeps :::trainer notes) and
// the printed workbook (where every chapter shares one HTML page, so ids get
// a per-chapter prefix, links between chapters stay inside the workbook and
// images load eagerly). Passes that would come out the same are rendered
// once.
//
// Beyond CommonMark it enables GFM tables, task lists, strikethrough,
// autolinks, footnotes, definition lists, typographic punctuation in each
// language's quotation marks (typography.go), heading ids ({#id} or
// automatic, in any script: ids.go) with anchor links,
// chroma highlighting with CSS classes, and generic directives: leaves that
// embed data (::checklist{src="…"}) and containers around Markdown
// (:::tip … :::). Links written as relative paths to .md files become page
// URLs; a link or image that leads nowhere is an error at its line.
//
// Each edition's page also gives its text by heading, for the search index:
// read from the tree as it was rendered (text.go), or from HTML
// (sections.go) for pages converted elsewhere.
package markup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/linkcheck"
	"lentera/generator/site"
)

// Pass is one way of rendering a page.
type Pass struct {
	Edition  string // "" for the participant edition, "trainer" for the trainer's
	Workbook bool   // rendered as part of the whole-course print page
	Slides   bool   // rendered for a chapter's slide view (SlideSeparator between slides)
}

// Embedder writes the HTML of a leaf directive that embeds data file doc.
type Embedder func(w io.Writer, d *Directive, doc *data.Doc, pass Pass) error

// Input is one page to convert and what its conversion may look up.
type Input struct {
	Site  *site.Site
	Page  *site.Page
	URLs  site.URLs
	T     func(key string) string // UI strings of the page's language
	Embed Embedder
	// ImageSize gives an image's width and height in pixels, by site
	// path, when they are known; nil when none are.
	ImageSize func(sitePath string) (width, height int, ok bool)
	// ImageSources lists the files of an image's srcset, the original
	// among them, by site path; none for an image that needs no smaller
	// copies. nil when no image has any.
	ImageSources func(sitePath string) []Source
	// Reserved are the ids the layouts give elements around the page's
	// text (id="main"): headings leave them to the layouts.
	Reserved []string
}

// Source is one file of an image's srcset.
type Source struct {
	Path  string // site path
	Width int    // in pixels
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Doc is a converted page.
type Doc struct {
	TOC    []Heading        // h2 and h3
	Uses   []string         // data files embedded, by src, in order of first use
	Images []string         // image targets, for checks
	Terms  []string         // glossary terms marked, by id, in order of first use
	Lead   string           // the first paragraph's text, cut short (see leadOf)
	Links  []linkcheck.Link // links only the finished build can check: site paths and #fragments
	// Resolved are the links and images the page resolved against the
	// site, so that a later build can tell whether they still lead where
	// they led (SameTargets) instead of converting the page again
	// whenever any page or file is added or removed.
	Resolved []string
	targets  uint64          // what Resolved led to; see targetsSum
	Warnings []error         // problems that do not stop the build
	html     map[Pass][]byte // by normal pass, unless spooled
	spool    *Spool
	spans    map[Pass]span // where spool keeps each normal pass
	// textSpans is where spool keeps the text of each searched pass,
	// read from the tree as the pass was rendered.
	textSpans map[Pass]span
	sums      map[Pass]uint64
	varies    varies
}

// varies says which parts of a pass make a difference for this page.
type varies struct {
	edition  bool // has :::trainer notes
	workbook bool // has ids, links or images that the workbook pass changes
	slides   bool // is a chapter, which has a slide view
}

// HTML returns the page rendered for pass p, which must be one of those
// Convert was asked for.
func (d *Doc) HTML(p Pass) []byte {
	return d.normalHTML(d.varies.normal(p))
}

// Len is len(HTML(p)), without reading a spooled page back.
func (d *Doc) Len(p Pass) int {
	return d.normalLen(d.varies.normal(p))
}

func (d *Doc) normalLen(p Pass) int {
	if d.spool != nil {
		return d.spans[p].n
	}
	return len(d.html[p])
}

func (d *Doc) normalHTML(p Pass) []byte {
	if d.spool != nil {
		return d.spool.read(d.spans[p])
	}
	return d.html[p]
}

// Sum is a digest of HTML(p), for telling whether it changed.
func (d *Doc) Sum(p Pass) uint64 {
	return d.sums[d.varies.normal(p)]
}

// Text returns the sections of HTML(p), as Sections reads them. A page
// converted into a spool read them from its tree as it was rendered; any
// other reads them from its HTML.
func (d *Doc) Text(p Pass) []Section {
	p = d.varies.normal(p)
	if sp, ok := d.textSpans[p]; ok {
		return decodeSections(d.spool.read(sp))
	}
	return Sections(d.normalHTML(p))
}

// searched reports whether the search index reads pages in pass p: the
// editions' own pages, not the workbook or slides.
func (p Pass) searched() bool { return !p.Workbook && !p.Slides }

// HasTrainerNotes reports whether the page has :::trainer notes, which makes
// its trainer edition differ.
func (d *Doc) HasTrainerNotes() bool { return d.varies.edition }

func (v varies) normal(p Pass) Pass {
	if !v.edition {
		p.Edition = ""
	}
	if !v.workbook {
		p.Workbook = false
	}
	if !v.slides || p.Workbook {
		p.Slides = false
	}
	return p
}

// Options configure a Converter.
type Options struct {
	Unsafe bool // let raw HTML through
	// Minify, when set, shrinks the HTML of each pass that holds raw HTML
	// once here, so that the pages that show it (a chapter in both
	// editions, its slides, the workbook) need no minify pass of their
	// own. The rest is short already (see tidy).
	Minify func(html []byte) ([]byte, error)
	// Spool, when set, keeps the HTML of the Docs made, which then read it
	// back each time it is asked for.
	Spool *Spool
}

// Converter converts Markdown. It is safe for concurrent use.
type Converter struct {
	unsafe  bool
	minify  func([]byte) ([]byte, error)
	spool   *Spool
	buffers sync.Pool // of *bytes.Buffer: goldmark's output, until minified
	encoded sync.Pool // of *[]byte: a page's text, until spooled
	marked  sync.Pool // of map[ast.Node]mark, for reading a page's text
	mu      sync.Mutex
	mds     map[quotes]goldmark.Markdown // by the quotation marks of a language
	terms   glossaries
	titles  *Inline
}

// New returns a converter.
func New(opts Options) *Converter {
	return &Converter{unsafe: opts.Unsafe, minify: opts.Minify, spool: opts.Spool, mds: map[quotes]goldmark.Markdown{}, titles: NewInline()}
}

// markdown returns the goldmark of a language: they differ only in their
// typographer's quotation marks.
func (c *Converter) markdown(lang string) goldmark.Markdown {
	q := quoteStyle(lang)
	c.mu.Lock()
	defer c.mu.Unlock()
	if md, ok := c.mds[q]; ok {
		return md
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(marked{directiveRenderer{}}, 100),
			util.Prioritized(codeRenderer{}, 100),
			util.Prioritized(marked{rawHTMLRenderer{unsafe: c.unsafe}}, 100),
			util.Prioritized(marked{slideRenderer{}}, 100),
			util.Prioritized(marked{spanRenderer{}}, 100),
		),
	}
	if c.unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.DefinitionList,
			typographer(lang),
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithBlockParsers(util.Prioritized(depthGuard{}, 10), util.Prioritized(footnoteGuard{}, 10), util.Prioritized(directiveParser{}, 50), util.Prioritized(admonitionParser{}, 50)),
			parser.WithInlineParsers(util.Prioritized(inlineGuard{}, 10), util.Prioritized(braceAttrs{}, 100)),
			parser.WithParagraphTransformers(util.Prioritized(paragraphGuard{}, 10), util.Prioritized(kramdownIALs{}, 200)),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 1000)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	c.mds[q] = md
	return md
}

// Convert parses the page and renders it for each pass. A page that fails
// still gives a Doc of its links alone, which the build checks with the
// other pages' links, so that one build reports every problem.
func (c *Converter) Convert(in Input, passes ...Pass) (*Doc, error) {
	st := newState(in, c.unsafe)
	st.glossary, st.titles = &c.terms, c.titles
	st.ids = newHeadingIDs(in.Reserved)
	pc := parser.NewContext(parser.WithIDs(st.ids))
	pc.Set(stateKey, st)
	if st.tooLarge(in.Page.Source) {
		return &Doc{}, st.err()
	}
	md := c.markdown(in.Page.Lang)
	root := md.Parser().Parse(text.NewReader(in.Page.Source), parser.WithContext(pc))
	root.SetAttributeString(labelsAttr, in.T)
	if err := st.err(); err != nil {
		return &Doc{Links: st.checks}, err
	}
	doc := &Doc{TOC: st.toc, Uses: st.uses, Images: st.images, Terms: st.terms, Links: st.checks, Warnings: st.warnings, sums: map[Pass]uint64{}}
	doc.Resolved, doc.targets = st.resolved, st.targetsSum()
	if c.spool != nil {
		doc.spool, doc.spans, doc.textSpans = c.spool, map[Pass]span{}, map[Pass]span{}
	} else {
		doc.html = map[Pass][]byte{}
	}
	doc.varies = varies{edition: st.hasTrainer, workbook: len(st.headings)+len(st.links)+len(st.imageNodes)+len(st.uses)+len(st.terms) > 0 || st.hasFootnotes || st.hasRawHTML || st.hasSpanIDs, slides: st.hasSlides}
	for _, p := range passes {
		p = doc.varies.normal(p)
		if _, done := doc.sums[p]; done {
			continue
		}
		if err := c.renderPass(doc, p, st, md, root); err != nil {
			return nil, err
		}
	}
	lead, err := leadOf(root, in.Page.Source, func(w util.BufWriter, n ast.Node) error {
		return md.Renderer().Render(w, in.Page.Source, n)
	})
	if err != nil {
		return nil, st.renderError(err)
	}
	doc.Lead = lead
	return doc, nil
}

// renderPass renders root for pass p into doc, and reads its text when the
// search index reads the pass and doc is spooled.
func (c *Converter) renderPass(doc *Doc, p Pass, st *state, md goldmark.Markdown, root ast.Node) error {
	src := st.in.Page.Source
	st.apply(p, root)
	buf := c.buffer(len(src))
	out := direct{Buffer: buf}
	if doc.spool != nil && p.searched() {
		out.marks = c.marks()
	}
	if err := md.Renderer().Render(out, src, root); err != nil {
		c.buffers.Put(buf)
		return st.renderError(err)
	}
	if out.marks != nil {
		err := c.spoolText(doc, p, md, src, root, out)
		c.marked.Put(out.marks)
		if err != nil {
			c.buffers.Put(buf)
			return st.renderError(err)
		}
	}
	html, err := c.tidy(buf, st.hasRawHTML)
	if err != nil {
		return fileerr.New(st.in.Page.File, 0, 0, err)
	}
	doc.sums[p] = digest.Of(html)
	c.keep(doc, p, html, buf)
	return nil
}

// marks is an empty map for the marks of one pass.
func (c *Converter) marks() map[ast.Node]mark {
	if m, ok := c.marked.Get().(map[ast.Node]mark); ok {
		clear(m)
		return m
	}
	return map[ast.Node]mark{}
}

// spoolText puts the sections of pass p, read from root as it was
// rendered into out, in the spool.
func (c *Converter) spoolText(doc *Doc, p Pass, md goldmark.Markdown, src []byte, root ast.Node, out direct) error {
	secs, err := sectionsOf(root, src, out.Bytes(), out.marks, func(w util.BufWriter, n ast.Node) error {
		return md.Renderer().Render(w, src, n)
	})
	if err != nil {
		return err
	}
	enc, _ := c.encoded.Get().(*[]byte)
	if enc == nil {
		enc = new([]byte)
	}
	*enc = encodeSections((*enc)[:0], secs)
	doc.textSpans[p] = doc.spool.put(*enc)
	c.encoded.Put(enc)
	return nil
}

// keep stores the HTML of pass p, in the spool if there is one, and keeps
// buf for the next page unless the Doc holds html and html is buf's bytes
// (not minified).
func (c *Converter) keep(doc *Doc, p Pass, html []byte, buf *bytes.Buffer) {
	if doc.spool != nil {
		doc.spans[p] = doc.spool.put(html)
		c.buffers.Put(buf)
		return
	}
	doc.html[p] = html
	if !sameArray(html, buf.Bytes()) {
		c.buffers.Put(buf)
	}
}

// direct lets goldmark render straight into a buffer. Given any other
// writer than its util.BufWriter, it wraps it in a new bufio.Writer for
// each call: 4 KB of garbage a page and pass, and a second copy of every
// byte on its way into the buffer.
type direct struct {
	*bytes.Buffer
	marks map[ast.Node]mark // where marked renderers wrote, when kept (text.go)
}

var _ util.BufWriter = direct{} // else goldmark wraps it after all

func (direct) Buffered() int { return 0 }
func (direct) Flush() error  { return nil }

// buffer is an empty buffer for the HTML of a page of n bytes of Markdown.
// Buffers are kept from page to page: a fresh one per page was zeroed
// memory for the collector to take back.
func (c *Converter) buffer(n int) *bytes.Buffer {
	buf, _ := c.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	// HTML runs somewhat longer than its Markdown; room up front spares
	// growing the buffer step by step.
	buf.Grow(n * 3 / 2)
	return buf
}

// tidy minifies the HTML in buf into a slice of its own when it holds
// raw HTML, which is as its author wrote it; otherwise, and unminified, it
// is buf's bytes. What goldmark and this package write is already as short
// as the minifier makes it but for a newline after each block and a few
// entities it spells shorter: 0.4% more bytes gzipped, on the bundled
// course and the benchmark corpus, where minifying them cost a twelfth of
// a build's CPU.
func (c *Converter) tidy(buf *bytes.Buffer, raw bool) ([]byte, error) {
	if c.minify == nil || !raw {
		return buf.Bytes(), nil
	}
	return c.minify(buf.Bytes())
}

// sameArray reports whether two slices share their first byte's memory.
func sameArray(a, b []byte) bool {
	return len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
}

var stateKey = parser.NewContextKey()

// state is what one conversion knows and collects. Parsers and the
// transformer find it in the parser context; renderers through the nodes
// that point to it, because goldmark hands renderers no context.
type state struct {
	in     Input
	unsafe bool
	lines  []int // offset of every newline in the source
	pass   Pass

	open         []*Directive // containers not yet closed, outermost first
	nest         nesting
	limits       limitsState // see inlineGuard
	glossary     *glossaries // the converter's, shared by its pages
	titles       *Inline     // the converter's: renders boxes' titles
	directives   []*Directive
	ials         []pendingIAL // kramdown attribute lists, for the block they follow
	ids          *headingIDs
	headings     []headingRef
	links        []linkRef
	imageNodes   []*ast.Image
	firstImage   *ast.Image // the image on a phone's first screen, if any
	checks       []linkcheck.Link
	resolved     []string // the links and images resolved, each once, in order (see Doc.Resolved)
	seen         map[string]bool
	targets      *digest.Hash // where resolved lead (see addTarget)
	toc          []Heading
	uses         []string
	images       []string
	terms        []string
	hasTrainer   bool
	hasSlides    bool
	hasFootnotes bool
	hasRawHTML   bool
	hasSpanIDs   bool
	codeRunes    int             // of the code blocks highlighted so far; past maxPageCode once the page has passed it
	languages    map[string]bool // the language names of the code blocks highlighted (see maxPageLanguages)
	warnedLangs  bool            // a block past maxPageLanguages was met, and the page warned

	errs     []error
	warnings []error
}

func newState(in Input, unsafe bool) *state {
	st := &state{in: in, unsafe: unsafe}
	for i, b := range in.Page.Source {
		if b == '\n' {
			st.lines = append(st.lines, i)
		}
	}
	return st
}

func stateOf(pc parser.Context) *state { return pc.Get(stateKey).(*state) }

// line returns the 1-based line of a byte offset.
func (st *state) line(offset int) int {
	return sort.SearchInts(st.lines, offset) + 1
}

func (st *state) failf(line int, format string, args ...any) {
	st.failAt(line, 0, format, args...)
}

// failAt is failf at a column of the line; 0 when it is not known.
func (st *state) failAt(line, col int, format string, args ...any) {
	st.errs = append(st.errs, fileerr.Errorf(st.in.Page.File, line, col, format, args...))
}

func (st *state) warnf(line int, format string, args ...any) {
	st.warnings = append(st.warnings, fileerr.Errorf(st.in.Page.File, line, 0, format, args...))
}

func (st *state) err() error {
	sort.SliceStable(st.errs, func(i, j int) bool {
		return fileerr.All(st.errs[i])[0].Line < fileerr.All(st.errs[j])[0].Line
	})
	return errors.Join(st.errs...)
}

func (st *state) renderError(err error) error {
	var fe *fileerr.Error
	if errors.As(err, &fe) {
		return err
	}
	return fileerr.New(st.in.Page.File, 0, 0, fmt.Errorf("render: %w", err))
}

func (st *state) innermost() *Directive {
	if len(st.open) == 0 {
		return nil
	}
	return st.open[len(st.open)-1]
}

func (st *state) closeContainer(d *Directive) {
	for i := len(st.open) - 1; i >= 0; i-- {
		if st.open[i] == d {
			st.open = append(st.open[:i], st.open[i+1:]...)
			return
		}
	}
}

// footnotePrefix gives footnote ids the page's prefix in the workbook pass.
func footnotePrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(prefixAttr); ok {
			return v.([]byte)
		}
	}
	return nil
}

const (
	prefixAttr = "data-lentera-prefix"
	labelsAttr = "data-lentera-labels"
)
