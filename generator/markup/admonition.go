package markup

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// admonitionParser reads the boxes of MkDocs and Python-Markdown, so that
// a course written for them builds as written:
//
//	!!! warning "Check the date"
//	    Content, indented four spaces.
//
// The first word is a container's name (or one site.yaml's directives
// give), the other words are classes, the quoted text is the title ("" for
// none); the
// box holds the indented lines that follow. `???` and `???+` (collapsible
// boxes in MkDocs) open the same box. It is a Directive like :::warning,
// so it renders and is checked as one.
type admonitionParser struct{}

var admonitionHead = regexp.MustCompile(`^(?:!!!|\?\?\?\+?) ?([A-Za-z][\w-]*(?: +[\w-]+)*)(?: +"(.*?)")? *$`)

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	// Up to three spaces may come first, as before any block: a box in a
	// list item ("1. Step" then "    !!! tip") has one left after the
	// item's own indent.
	m := admonitionHead.FindSubmatch(util.TrimRightSpace(util.TrimLeftSpace(line)))
	if m == nil {
		return nil, parser.NoChildren
	}
	st := stateOf(pc)
	// The kind is read in lower case, as Python-Markdown reads it:
	// "!!! Tip" is a tip.
	words := strings.Fields(strings.ToLower(string(m[1])))
	d := &Directive{Name: words[0], Label: string(m[2]), Classes: words[1:], Attrs: map[string]string{}, Container: true, state: st, Line: st.line(seg.Start)}
	reader.AdvanceToEOL()
	d.resolve(st.in)
	// An empty title ("") is a box without one, as in MkDocs.
	d.untitled = m[2] != nil && len(m[2]) == 0 && d.Name != "solution"
	d.err = d.check()
	if tooDeep(parent) {
		d.Container = false
		d.err = fmt.Errorf("!!! %s is nested more than %d containers deep; a page needs two or three", d.written(), MaxDepth)
		return d, parser.NoChildren
	}
	return d, parser.HasChildren
}

// Continue keeps the box open over blank lines and lines indented four
// spaces (or a tab), which it takes without their indent, as a list item
// takes its own.
func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                 { return false }
