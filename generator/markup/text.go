package markup

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A page's text for the search index is read from its tree as it was
// rendered, not from its HTML: the tree walk below hands an extractor the
// tags and text that goldmark's renderers write for the kinds of node it
// knows. Our own renderers mark where their output is (marked), and the
// walk reads that HTML; a kind known to neither is rendered again alone and
// read as HTML. TestTextAsHTML holds the walk to Sections of the HTML.

// mark is where a node's HTML is in a pass's output: what its renderer
// wrote on entering and on leaving it, and whether it rendered its
// children.
type mark struct {
	open, close [2]int
	skipped     bool
}

// marked records where its renderer's nodes are in the output, when the
// writer is a direct one that keeps marks.
type marked struct{ renderer.NodeRenderer }

func (m marked) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	m.NodeRenderer.RegisterFuncs(marking{reg})
}

type marking struct {
	renderer.NodeRendererFuncRegisterer
}

func (m marking) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	m.NodeRendererFuncRegisterer.Register(kind, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := w.(direct)
		if !ok || d.marks == nil {
			return f(w, src, n, entering)
		}
		start := d.Len()
		status, err := f(w, src, n, entering)
		mk := d.marks[n]
		if entering {
			mk.open, mk.skipped = [2]int{start, d.Len()}, status == ast.WalkSkipChildren
		} else {
			mk.close = [2]int{start, d.Len()}
		}
		d.marks[n] = mk
		return status, err
	})
}

// textWalk reads the sections of one pass of a page from its tree.
type textWalk struct {
	e       *extractor
	src     []byte
	out     []byte // the pass's HTML as rendered, before minifying
	marks   map[ast.Node]mark
	render  func(w util.BufWriter, n ast.Node) error // renders one node alone
	scratch bytes.Buffer
	err     error
}

// sectionsOf returns the sections of root rendered as out.
func sectionsOf(root ast.Node, src, out []byte, marks map[ast.Node]mark, render func(util.BufWriter, ast.Node) error) ([]Section, error) {
	t := &textWalk{e: newExtractor(), src: src, out: out, marks: marks, render: render}
	t.node(root)
	return t.e.result(), t.err
}

func (t *textWalk) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.node(c)
	}
}

func (t *textWalk) node(n ast.Node) {
	if mk, ok := t.marks[n]; ok {
		t.html(t.out[mk.open[0]:mk.open[1]])
		if !mk.skipped {
			t.children(n)
		}
		t.html(t.out[mk.close[0]:mk.close[1]])
		return
	}
	switch n := n.(type) {
	case *ast.Document:
		t.children(n)
	case *ast.TextBlock:
		t.children(n)
		if n.NextSibling() != nil && n.FirstChild() != nil {
			t.e.write(" ")
		}
	case *ast.Text:
		t.text(n)
	case *ast.String:
		t.string(n)
	case *ast.CodeSpan:
		t.codeSpan(n)
	case *ast.CodeBlock:
		t.code(n, t.escaped)
	case *ast.FencedCodeBlock: // highlight writes the code as chroma does
		t.code(n, t.e.writePlain)
	case *ast.AutoLink:
		t.element("a", n, html.LinkAttributeFilter, func() { t.escaped(n.Label(t.src)) })
	case *ast.ThematicBreak:
		t.open("hr", n, html.ThematicAttributeFilter)
	default:
		if tag, filter, ok := element(n); ok {
			t.element(tag, n, filter, func() { t.children(n) })
			return
		}
		t.rendered(n)
	}
}

// element is the tag and attribute filter goldmark's renderers give a
// node of a kind whose children are all that is inside the tag.
func element(n ast.Node) (string, util.BytesFilter, bool) {
	switch n := n.(type) {
	case *ast.Paragraph:
		return "p", html.ParagraphAttributeFilter, true
	case *ast.Heading:
		return "h" + string("0123456"[n.Level]), html.HeadingAttributeFilter, true
	case *ast.Blockquote:
		return "blockquote", html.BlockquoteAttributeFilter, true
	case *ast.List:
		if n.IsOrdered() {
			return "ol", html.ListAttributeFilter, true
		}
		return "ul", html.ListAttributeFilter, true
	case *ast.ListItem:
		return "li", html.ListItemAttributeFilter, true
	case *ast.Emphasis:
		if n.Level == 2 {
			return "strong", html.EmphasisAttributeFilter, true
		}
		return "em", html.EmphasisAttributeFilter, true
	case *ast.Link:
		return "a", html.LinkAttributeFilter, true
	case *east.TableCell:
		if _, head := n.Parent().(*east.TableHeader); head {
			return "th", html.GlobalAttributeFilter, true
		}
		return "td", html.GlobalAttributeFilter, true
	}
	if tag, ok := extensionTags[n.Kind()]; ok {
		return tag, html.GlobalAttributeFilter, true
	}
	return "", nil, false
}

// extensionTags are the tags of the extensions' nodes whose children are
// all inside the tag. Their attribute filters add to GlobalAttributeFilter
// only attributes the text does not depend on (align, width and such).
var extensionTags = map[ast.NodeKind]string{
	east.KindStrikethrough:         "del",
	east.KindTable:                 "table",
	east.KindTableRow:              "tr",
	east.KindTableHeader:           "thead",
	east.KindDefinitionList:        "dl",
	east.KindDefinitionTerm:        "dt",
	east.KindDefinitionDescription: "dd",
}

// element reads tag around what inside reads.
func (t *textWalk) element(tag string, n ast.Node, filter util.BytesFilter, inside func()) {
	t.open(tag, n, filter)
	inside()
	t.e.end(tag)
}

// open reads the start tag of n. Attributes, which few nodes have, are
// written as goldmark writes them and read as HTML.
func (t *textWalk) open(tag string, n ast.Node, filter util.BytesFilter) {
	if n.Attributes() == nil || filter == nil {
		t.e.start(tag, tagAttrs{})
		return
	}
	t.scratch.Reset()
	w := direct{Buffer: &t.scratch}
	_, _ = w.WriteString("<" + tag)
	html.RenderAttributes(w, n, filter)
	_ = w.WriteByte('>')
	t.html(t.scratch.Bytes())
}

// html reads HTML that is not to be changed: the lexer writes past its
// input's end when there is room.
func (t *textWalk) html(b []byte) {
	if len(b) > 0 {
		t.e.html(b[:len(b):len(b)])
	}
}

// rendered reads a node of a kind the walk does not know as HTML.
func (t *textWalk) rendered(n ast.Node) {
	t.scratch.Reset()
	if err := t.render(direct{Buffer: &t.scratch}, n); err != nil && t.err == nil {
		t.err = err
	}
	t.html(t.scratch.Bytes())
}

// text is what goldmark's renderText writes.
func (t *textWalk) text(n *ast.Text) {
	value := n.Segment.Value(t.src)
	if n.IsRaw() {
		t.escaped(value)
		return
	}
	t.resolved(value)
	switch {
	case n.HardLineBreak():
		t.e.start("br", tagAttrs{})
	case n.SoftLineBreak() && t.e.pre > 0:
		t.e.write("\n") // as the HTML has it: in a pre, a line is a block (see addText)
	case n.SoftLineBreak():
		t.e.write(" ")
	}
}

// resolved reads value as goldmark's Write renders it: backslash escapes
// and character references resolved, NUL replaced. Most text has none of
// them.
func (t *textWalk) resolved(value []byte) {
	if !bytes.ContainsAny(value, "\\&\x00") {
		t.e.writePlain(value)
		return
	}
	t.scratch.Reset()
	html.DefaultWriter.Write(direct{Buffer: &t.scratch}, value)
	t.e.writeText(t.scratch.Bytes())
}

func (t *textWalk) string(n *ast.String) {
	switch {
	case n.IsCode():
		t.html(n.Value)
	case n.IsRaw():
		t.escaped(n.Value)
	default:
		t.resolved(n.Value)
	}
}

// codeSpan is what goldmark's renderCodeSpan writes: its text as it is,
// a line's end a space.
func (t *textWalk) codeSpan(n *ast.CodeSpan) {
	t.element("code", n, html.CodeAttributeFilter, func() {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			var value []byte
			switch c := c.(type) {
			case *ast.Text:
				value = c.Segment.Value(t.src)
			case *ast.String:
				value = c.Value
			}
			t.escaped(value)
		}
	})
}

// code reads a code block's <pre><code> (neither with attributes) and
// its lines, as write reads them.
func (t *textWalk) code(n ast.Node, write func([]byte)) {
	t.e.start("pre", tagAttrs{})
	t.e.start("code", tagAttrs{})
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		write(seg.Value(t.src))
	}
	t.e.end("code")
	t.e.end("pre")
}

// escaped reads text that goldmark writes escaped, which makes NUL the
// replacement character.
func (t *textWalk) escaped(b []byte) {
	if bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, []byte("\ufffd"))
	}
	t.e.writePlain(b)
}

// encodeSections appends secs to dst, for the spool.
func encodeSections(dst []byte, secs []Section) []byte {
	n := 0
	for _, s := range secs {
		n += 3*binary.MaxVarintLen32 + len(s.ID) + len(s.Heading) + len(s.Text)
	}
	dst = slices.Grow(dst, n)
	for _, s := range secs {
		for _, f := range [...]string{s.ID, s.Heading, s.Text} {
			dst = binary.AppendUvarint(dst, uint64(len(f)))
			dst = append(dst, f...)
		}
	}
	return dst
}

// decodeSections reads what encodeSections wrote. The sections' strings
// are b's bytes, which the caller gives up: b is read from the spool for
// this call alone, and a copy of every page's text cost as much as the
// read.
func decodeSections(b []byte) []Section {
	all := unsafe.String(unsafe.SliceData(b), len(b))
	var secs []Section
	for at := 0; at < len(b); {
		var f [3]string
		for i := range f {
			n, k := binary.Uvarint(b[at:])
			at += k
			f[i] = all[at : at+int(n)]
			at += int(n)
		}
		secs = append(secs, Section{ID: f[0], Heading: f[1], Text: f[2]})
	}
	return secs
}
