package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// depthGuard stops block quotes and lists from nesting deeper than
// MaxDepth, as directives do. On each line goldmark tries its block
// parsers once for every level the line opens, and some of them read the
// rest of the line each time: a line of 40,000 "- " took 4.7 s to parse,
// and one of 200,000 ">" 23 s and 300 MB. Past the limit, the rest of the
// line is a paragraph, and the page fails with the line's number.
type depthGuard struct{}

func (depthGuard) Trigger() []byte {
	return []byte{'>', '-', '+', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (depthGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if !tooDeep(parent) {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	stateOf(pc).overLimit(seg.Start, "block quotes or lists are nested more than %d deep here; a page needs two or three", MaxDepth)
	return lineAsParagraph(reader), parser.NoChildren
}

func (depthGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (depthGuard) Close(ast.Node, text.Reader, parser.Context)                 {}
func (depthGuard) CanInterruptParagraph() bool                                 { return true }
func (depthGuard) CanAcceptIndentedLine() bool                                 { return true }

// lineAsParagraph takes the rest of the line as a paragraph, which opens
// nothing inside it.
func lineAsParagraph(reader text.Reader) ast.Node {
	_, seg := reader.PeekLine()
	p := ast.NewParagraph()
	p.Lines().Append(seg)
	reader.AdvanceToEOL()
	return p
}

// tooDeep reports whether n is MaxDepth containers deep. A list and its
// item are one level.
func tooDeep(n ast.Node) bool {
	depth := 0
	for ; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindList || k == ast.KindDocument {
			continue
		}
		if depth++; depth >= MaxDepth {
			return true
		}
	}
	return false
}
