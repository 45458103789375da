package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"lentera/generator/site"
)

// SlideBreak starts a new slide in the slides pass: before each top-level
// ## heading after the first block, and at each top-level thematic break
// (---). In every other pass it is nothing, or the <hr> it stands for.
type SlideBreak struct {
	ast.BaseBlock
	rule  bool // stands for a thematic break
	state *state
}

// KindSlideBreak is the AST kind of a SlideBreak.
var KindSlideBreak = ast.NewNodeKind("SlideBreak")

// Kind implements ast.Node.
func (b *SlideBreak) Kind() ast.NodeKind { return KindSlideBreak }

// Dump implements ast.Node.
func (b *SlideBreak) Dump(src []byte, level int) { ast.DumpHelper(b, src, level, nil, nil) }

// SlideSeparator is what a SlideBreak writes in the slides pass: the
// slides layout wraps the page in <section class="slide">, so each break
// ends one slide and starts the next.
const SlideSeparator = "</section>\n<section class=\"slide\">\n"

// markSlides puts the slide breaks of a chapter into its tree. Only
// top-level blocks break, so a heading inside a container stays inside it.
func (st *state) markSlides(doc *ast.Document) {
	if st.in.Page.Kind != site.Chapter {
		return
	}
	var breaks []ast.Node
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 && n.PreviousSibling() != nil {
			breaks = append(breaks, n)
		}
		if _, ok := n.(*ast.ThematicBreak); ok {
			breaks = append(breaks, n)
		}
	}
	for _, n := range breaks {
		b := &SlideBreak{state: st}
		if _, rule := n.(*ast.ThematicBreak); rule {
			b.rule = true
			doc.ReplaceChild(doc, n, b)
			continue
		}
		doc.InsertBefore(doc, n, b)
	}
	st.hasSlides = true
}

type slideRenderer struct{}

func (slideRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSlideBreak, renderSlideBreak)
}

func renderSlideBreak(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	b := n.(*SlideBreak)
	if !entering {
		return ast.WalkContinue, nil
	}
	switch {
	case b.state.pass.Slides:
		// A break right after another, or a rule before the first ##,
		// would make an empty slide.
		if prev := n.PreviousSibling(); prev != nil && prev.Kind() != KindSlideBreak {
			_, _ = w.WriteString(SlideSeparator)
		}
	case b.rule:
		_, _ = w.WriteString("<hr>\n")
	}
	return ast.WalkContinue, nil
}
