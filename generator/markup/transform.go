package markup

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"lentera/generator/linkcheck"
	"lentera/generator/site"
)

// transformer checks and records what the passes will change: directives,
// headings, links and images. It runs once per page, after parsing.
type transformer struct{}

type headingRef struct {
	node   *ast.Heading
	id     string
	anchor *HeadingAnchor
}

type linkRef struct {
	node     *ast.Link
	target   site.Target
	fragment string // the #fragment of a link within the page or to another page
	local    bool   // a bare #fragment: a place on this page
}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	st.applyIALs(src)
	var headings []*ast.Heading
	var tables []*east.Table
	rawLine := 0                    // the last line warned of raw HTML: a line of tags is one warning
	pairedIn := map[ast.Node]bool{} // parents whose plain tags are paired
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Directive:
			st.directive(n)
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			st.link(n, src)
		case *ast.Image:
			st.image(n, src)
		case *ast.HTMLBlock, *ast.RawHTML:
			st.hasRawHTML = true // its ids get the workbook's prefix
			raw := rawHTMLText(n, src)
			if _, inline := n.(*ast.RawHTML); inline && !pairedIn[n.Parent()] {
				pairPlainTags(n.Parent(), src)
				pairedIn[n.Parent()] = true
			}
			if isPaired(n) {
				break // let through (see plainTags)
			}
			if line := st.nodeLine(n, src); !st.unsafe && line != rawLine && !onlyComments(rawWhole(n, src)) {
				st.warnf(line, "raw HTML %s is left out (markup: {unsafe: true} in site.yaml lets it through)", clip(strings.TrimSpace(raw)))
				rawLine = line
			}
		case *east.Footnote:
			st.hasFootnotes = true
		case *east.Table:
			tables = append(tables, n)
		case *ast.FencedCodeBlock:
			st.codeBlock(n, src)
		}
		return ast.WalkContinue, nil
	})
	// Anchors and wrappers are added after the walk, so it never meets them.
	outline(headings)
	seen := map[string]bool{}
	for _, h := range headings {
		st.heading(h, src)
		v, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		switch id := string(v.([]byte)); {
		case st.ids.reserved[id]:
			st.failf(st.nodeLine(h, src), "id %q is one the layouts give an element of the page: give this heading another", id)
		case st.ids.twice[id] && seen[id]:
			st.failf(st.nodeLine(h, src), "id %q is given to another heading of this page before; links to #%[1]s lead to the first: give this one another", id)
		default:
			seen[id] = true
		}
	}
	for _, t := range tables {
		wrapTable(t, st.in.T("table_region")+": "+headerText(t, src))
	}
	st.markTerms(doc, src)
	st.markSlides(doc)
}

// TableWrap is a box around a table that scrolls sideways on its own, so a
// wide table never makes the page wider than a phone.
type TableWrap struct {
	ast.BaseBlock
	label string // names the scrolling region for screen readers
}

// KindTableWrap is the AST kind of a TableWrap.
var KindTableWrap = ast.NewNodeKind("TableWrap")

// Kind implements ast.Node.
func (t *TableWrap) Kind() ast.NodeKind { return KindTableWrap }

// Dump implements ast.Node.
func (t *TableWrap) Dump(src []byte, level int) { ast.DumpHelper(t, src, level, nil, nil) }

// headerText is a table's column headings, which name its scrolling box:
// a page may have several tables, and each box needs a name of its own.
func headerText(t *east.Table, src []byte) string {
	var cells []string
	if head := t.FirstChild(); head != nil {
		for c := head.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(plainText(c, src)))
		}
	}
	return strings.Join(cells, ", ")
}

func wrapTable(t *east.Table, label string) {
	wrap := &TableWrap{label: label}
	t.Parent().ReplaceChild(t.Parent(), t, wrap)
	wrap.AppendChild(wrap, t)
}

// directive reports malformed and unknown directives and checks the data a
// leaf embeds.
func (st *state) directive(d *Directive) {
	st.directives = append(st.directives, d)
	if d.err != nil {
		st.failf(d.Line, "%v", d.err)
		return
	}
	if d.Name == "trainer" {
		st.hasTrainer = true
	}
	if !specs[d.Name].data {
		return
	}
	src := d.Attrs["src"]
	doc, ok := st.in.Site.Data[src]
	switch {
	case ok && doc.Broken:
	case !ok:
		st.failf(d.Line, "::%s: no data file %q (expected %s/%s.yaml)", d.Name, src, site.DataDir, src)
	case doc.Kind != d.Name:
		st.failf(d.Line, "::%s: %s is a %s, not a %s", d.Name, doc.Path, doc.Kind, d.Name)
	default:
		for _, u := range st.uses {
			if u == src {
				return
			}
		}
		st.uses = append(st.uses, src)
	}
}

func (st *state) link(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	ref := linkRef{node: n}
	if strings.HasPrefix(dest, "#") {
		ref.target, ref.fragment, ref.local = site.Target{Page: st.in.Page, Path: dest}, dest[1:], true
		st.links = append(st.links, ref)
		st.checkLater(n, src, dest, st.in.Page.URL, ref.fragment)
		return
	}
	if dangerous(dest) {
		st.failf(st.nodeLine(n, src), "link %s: a page links to pages, files and web addresses (https:, mailto:, tel:), never to script or local files", clip(dest))
		return
	}
	t, err := st.resolve(dest)
	if err != nil {
		line, col := st.position(n, src, dest)
		st.failAt(line, col, "%v", err)
		return
	}
	ref.target = t
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		ref.fragment = dest[i+1:]
	}
	st.links = append(st.links, ref)
	st.checkTarget(n, src, dest, t, ref.fragment)
	st.checkEdition(n, src, dest, t)
}

// checkEdition reports a link that participants would follow to a page for
// trainers only, which their edition does not have. Trainer-only pages and
// :::trainer notes may link to one: only trainers see them.
func (st *state) checkEdition(n ast.Node, src []byte, dest string, t site.Target) {
	if t.Page == nil || t.Page.InEdition("") || !st.in.Page.InEdition("") {
		return
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if d, ok := p.(*Directive); ok && d.Name == "trainer" {
			return
		}
	}
	st.failf(st.nodeLine(n, src), "link %q leads to a page for trainers only (edition: trainer), which participants do not have; link to it from :::trainer notes", dest)
}

func (st *state) image(n *ast.Image, src []byte) {
	line := st.nodeLine(n, src)
	dest := string(n.Destination)
	if dangerous(dest) {
		st.failf(line, "image %s: a page shows images of the site or the web (https:), never local files or script", clip(dest))
		return
	}
	t, err := st.resolve(dest)
	if err != nil {
		_, col := st.position(n, src, dest)
		st.failAt(line, col, "image: %v", err)
		return
	}
	if strings.TrimSpace(plainText(n, src)) == "" {
		st.warnNoAlt(line, n.Destination)
	}
	if onAnotherSite(dest) {
		st.warnf(line, "image %s is on another site: a reader offline does not see it, and the page's weight leaves it out; put a copy beside the chapter", clip(dest))
	}
	st.checkTarget(n, src, dest, t, "")
	n.Destination = []byte(st.in.URLs.Rel(t.Path))
	n.SetAttributeString("decoding", []byte("async"))
	if st.in.ImageSize != nil {
		// Width and height let the browser keep the image's place before
		// it loads, so the text does not jump.
		if w, h, ok := st.in.ImageSize(t.Path); ok {
			w, h = givenSize(n, w, h)
			n.SetAttributeString("width", []byte(strconv.Itoa(w)))
			n.SetAttributeString("height", []byte(strconv.Itoa(h)))
		}
	}
	if st.in.ImageSources != nil {
		if srcs := st.in.ImageSources(t.Path); len(srcs) > 0 {
			// A phone downloads the copy its screen needs, not the
			// original, which src keeps for the rest.
			set := make([]string, len(srcs))
			for i, s := range srcs {
				set[i] = st.in.URLs.Rel(s.Path) + " " + strconv.Itoa(s.Width) + "w"
			}
			n.SetAttributeString("srcset", []byte(strings.Join(set, ", ")))
			n.SetAttributeString("sizes", []byte(imageSizes))
		}
	}
	if len(st.imageNodes) == 0 && topBlock(n) < firstScreenBlocks {
		st.firstImage = n
	}
	st.imageNodes = append(st.imageNodes, n)
	st.images = append(st.images, t.Path)
}

// firstScreenBlocks is how many blocks of a page's Markdown a phone's first
// screen may show below the page's title and lead. An image among them is
// likely what the reader sees first, so it loads at once; the rest wait
// until the reader scrolls near them.
const firstScreenBlocks = 2

// topBlock is the place of n's top-level block in the page, from 0.
func topBlock(n ast.Node) int {
	top := n
	for top.Parent() != nil && top.Parent().Kind() != ast.KindDocument {
		top = top.Parent()
	}
	i := 0
	for s := top.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		i++
	}
	return i
}

// checkTarget keeps a link for the check against the finished build when
// the model alone cannot judge it: a site path written by hand, which may
// name any published file, or a #fragment in another page.
func (st *state) checkTarget(n ast.Node, src []byte, dest string, t site.Target, fragment string) {
	switch {
	case t.Page != nil && fragment != "":
		st.checkLater(n, src, dest, t.Page.URL, fragment)
	case t.Page == nil && isSitePath(dest):
		st.checkLater(n, src, dest, stripQuery(dest), fragment)
	}
}

func (st *state) checkLater(n ast.Node, src []byte, dest, sitePath, fragment string) {
	line, col := st.position(n, src, dest)
	st.checks = append(st.checks, linkcheck.Link{File: st.in.Page.File, Line: line, Col: col, Dest: dest, Path: sitePath, Fragment: fragment})
}

func isSitePath(dest string) bool {
	return strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//")
}

// stripQuery is a link's path without ?query and #fragment.
func stripQuery(dest string) string {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i]
	}
	return dest
}

// position is the line of a link, and the column where its destination
// is written on that line when it can be found there.
func (st *state) position(n ast.Node, src []byte, dest string) (line, col int) {
	line = st.nodeLine(n, src)
	if line <= 0 {
		return line, 0
	}
	start := 0
	if line > 1 {
		start = st.lines[line-2] + 1
	}
	end := len(src)
	if line-1 < len(st.lines) {
		end = st.lines[line-1]
	}
	if i := strings.Index(string(src[start:end]), "("+dest); i >= 0 {
		return line, utf8.RuneCount(src[start:start+i]) + 2
	}
	return line, 0
}

// outline keeps the page's headings from skipping a level on the way
// down (the page's title is its h1): a heading more than one level below
// the one before it takes the level after that one's. Screen readers list
// and move by headings, and a skip reads as a missing part. Real lessons
// skip often, as the Carpentries' do with a box's "## Title" between an h3
// and an h4.
func outline(headings []*ast.Heading) {
	prev := 1
	for _, h := range headings {
		h.Level = min(h.Level, prev+1)
		prev = h.Level
	}
}

// heading gives h2–h4 an anchor link and lists h2–h3 in the table of
// contents, unless they are inside a directive's box: an exercise's
// "Solution" is not a part of the chapter.
func (st *state) heading(h *ast.Heading, src []byte) {
	v, ok := h.AttributeString("id")
	if !ok {
		return
	}
	id := string(v.([]byte))
	ref := headingRef{node: h, id: id}
	if (h.Level == 2 || h.Level == 3) && !inDirective(h) {
		st.toc = append(st.toc, Heading{Level: h.Level, ID: id, Text: strings.TrimSpace(plainText(h, src))})
	}
	if h.Level >= 2 && h.Level <= 4 {
		ref.anchor = &HeadingAnchor{}
		h.AppendChild(h, ref.anchor)
	}
	st.headings = append(st.headings, ref)
}

func inDirective(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*Directive); ok {
			return true
		}
	}
	return false
}

// HeadingAnchor is the "#" after a heading that links to it. Screen readers
// skip it (the heading reads as its text alone) and so does the keyboard;
// the table of contents serves both.
type HeadingAnchor struct {
	ast.BaseInline
	Href string
}

// KindHeadingAnchor is the AST kind of a HeadingAnchor.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

// Kind implements ast.Node.
func (a *HeadingAnchor) Kind() ast.NodeKind { return KindHeadingAnchor }

// Dump implements ast.Node.
func (a *HeadingAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Href": a.Href}, nil)
}

// nodeLine finds the source line of an inline or block node.
func (st *state) nodeLine(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return st.line(c.Lines().At(0).Start)
		}
		if t, ok := c.(*ast.Text); ok {
			return st.line(t.Segment.Start)
		}
		if first := c.FirstChild(); first != nil {
			if t, ok := first.(*ast.Text); ok {
				return st.line(t.Segment.Start)
			}
		}
	}
	return 0
}

// plainText is the text of n and its descendants, without markup.
// onAnotherSite reports whether dest is an address on the web rather than
// a file of the course.
func onAnotherSite(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "//")
}

// dangerous reports a destination the HTML renderer would empty for being
// script or a local file (javascript:, vbscript:, file:, data: but for
// images): an error, not a link that silently goes nowhere.
func dangerous(dest string) bool {
	return html.IsDangerousURL([]byte(strings.ToLower(strings.TrimSpace(dest))))
}

// givenSize is the size the page gave an image (braceAttrs), the side it
// did not give scaled to keep the image's own w x h shape.
func givenSize(n *ast.Image, w, h int) (int, int) {
	gw, _ := pixels(n, "width")
	gh, _ := pixels(n, "height")
	switch {
	case gw > 0 && gh > 0:
		return gw, gh
	case gw > 0:
		return gw, max(1, (h*gw+w/2)/w)
	case gh > 0:
		return max(1, (w*gh+h/2)/h), gh
	}
	return w, h
}

// pixels reads a size attribute braceAttrs set.
func pixels(n *ast.Image, name string) (int, bool) {
	v, ok := n.AttributeString(name)
	if !ok {
		return 0, false
	}
	b, _ := v.([]byte)
	px, err := strconv.Atoi(string(b))
	return px, err == nil
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// apply sets the node attributes that differ between passes.
func (st *state) apply(p Pass, doc ast.Node) {
	st.pass = p
	prefix := st.prefix()
	doc.SetAttributeString(prefixAttr, []byte(prefix))
	for _, h := range st.headings {
		h.node.SetAttributeString("id", []byte(prefix+h.id))
		if h.anchor != nil {
			h.anchor.Href = "#" + prefix + h.id
		}
	}
	for _, l := range st.links {
		l.node.Destination = []byte(st.href(l))
	}
	for _, img := range st.imageNodes {
		// In the workbook every image loads, so none is missing when
		// the browser prints.
		if p.Workbook || img == st.firstImage {
			img.SetAttributeString("loading", []byte("eager"))
		} else {
			img.SetAttributeString("loading", []byte("lazy"))
		}
	}
}

// prefix starts every id of the page in the current pass.
func (st *state) prefix() string {
	if st.pass.Workbook {
		return InPart(st.in.Page, "")
	}
	return ""
}

// href is where a link points in the current pass: inside the workbook to
// another chapter's anchor, else to the page in the same edition, or to a
// file, which all editions share.
func (st *state) href(l linkRef) string {
	t := l.target
	if l.local {
		return "#" + st.prefix() + l.fragment
	}
	if t.Page == nil {
		return st.in.URLs.Rel(t.Path)
	}
	if st.pass.Workbook && t.Page.Lang == st.in.Page.Lang && t.Page.Kind != site.Home {
		if l.fragment != "" {
			return "#" + InPart(t.Page, l.fragment)
		}
		return "#" + Anchor(t.Page)
	}
	return st.in.URLs.Edition(st.pass.Edition).Rel(t.Path)
}

// InPart is the id in the workbook of id on page p: the page's anchor, a
// slash, then id. An anchor holds no slash, so an id of one page is never
// another page's, nor any page's anchor; with a hyphen, "## Setup" on
// loops.md and the chapter loops-setup.md were both p-loops-setup.
func InPart(p *site.Page, id string) string { return Anchor(p) + "/" + id }

// Anchor is the id of a page's part in the workbook. Every id inside that
// part starts with it (see InPart).
func Anchor(p *site.Page) string {
	if p.Rel == "" {
		return "home"
	}
	// Encoded like the page's URL: an id holds no space, and a link to it
	// matches it as written.
	return "p-" + strings.ReplaceAll(site.EncodePath(p.Rel), "/", "--")
}

// imageSizes is how wide an image shows: the text column (42rem) on a wide
// screen, the screen less the page's margins on a phone.
const imageSizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
