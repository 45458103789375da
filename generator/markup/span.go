package markup

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Span is Pandoc's bracketed span, [text]{#id .class}: the Carpentries'
// glossaries give each term its anchor so, and their episodes link to it.
type Span struct {
	ast.BaseInline
	ID      string
	Classes []string
	state   *state
}

// KindSpan is the AST kind of a Span.
var KindSpan = ast.NewNodeKind("Span")

// Kind implements ast.Node.
func (s *Span) Kind() ast.NodeKind { return KindSpan }

// Dump implements ast.Node.
func (s *Span) Dump(source []byte, level int) {
	ast.DumpHelper(s, source, level, map[string]string{"ID": s.ID}, nil)
}

// bracketedSpan finds [text] right before the brace at offset brace, as
// plain text the parser left when it found no link there, and puts a
// Span holding the text in its place; nil when there is none.
func bracketedSpan(parent ast.Node, src []byte, brace int) *Span {
	last, ok := parent.LastChild().(*ast.Text)
	if !ok || last.Segment.Stop != brace || src[brace-1] != ']' {
		return nil
	}
	// Back over the text nodes to the bracket that opens it; anything
	// else between (emphasis, code, a line break) is not a plain span.
	stop := brace - 1
	for n := ast.Node(last); n != nil; n = n.PreviousSibling() {
		t, ok := n.(*ast.Text)
		if !ok || t.SoftLineBreak() && t != last || t.Segment.Stop > stop+1 {
			return nil
		}
		inside := src[t.Segment.Start:min(t.Segment.Stop, stop)]
		if bytes.IndexByte(inside, ']') >= 0 && bytes.LastIndexByte(inside, '[') < bytes.LastIndexByte(inside, ']') {
			return nil
		}
		if i := bytes.LastIndexByte(inside, '['); i >= 0 {
			open := t.Segment.Start + i
			if open+1 == stop {
				return nil // [] spans nothing
			}
			for c := parent.LastChild(); c != t; c = parent.LastChild() {
				parent.RemoveChild(parent, c)
			}
			if t.Segment = t.Segment.WithStop(open); t.Segment.Len() == 0 {
				parent.RemoveChild(parent, t)
			}
			span := &Span{}
			span.AppendChild(span, ast.NewTextSegment(text.NewSegment(open+1, stop)))
			return span
		}
	}
	return nil
}

// spanAttrs reads the span's {attributes}: its id and classes; others are
// left out with a warning.
func (st *state) spanAttrs(span *Span, block text.Reader, braces []byte, at int) ast.Node {
	block.Advance(len(braces))
	line := st.line(at)
	span.state = st
	a, err := parseAttrs(string(braces[1 : len(braces)-1]))
	if err != nil {
		st.failf(line, "attributes of [%s]: %v", plainText(span, block.Source()), err)
		return span
	}
	span.ID, span.Classes = a.id, a.class
	st.hasSpanIDs = st.hasSpanIDs || a.id != "" // ids get the workbook's prefix
	for _, key := range a.keys {
		st.warnf(line, "[%s]: attribute %s is left out (#id and .class are used)", plainText(span, block.Source()), key)
	}
	return span
}

type spanRenderer struct{}

func (spanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSpan, renderSpan)
}

func renderSpan(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	s := n.(*Span)
	if !entering {
		_, _ = w.WriteString("</span>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<span")
	if s.ID != "" {
		_, _ = w.WriteString(` id="` + html.EscapeString(s.state.prefix()+s.ID) + `"`)
	}
	if len(s.Classes) > 0 {
		_, _ = w.WriteString(` class="` + html.EscapeString(strings.Join(s.Classes, " ")) + `"`)
	}
	_, _ = w.WriteString(">")
	return ast.WalkContinue, nil
}
