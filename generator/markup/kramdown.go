package markup

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Lessons written for Jekyll's kramdown (the Carpentries' lessons before
// 2023, and many still) give a block its classes on the line after it:
//
//	~~~
//	ls -F
//	~~~
//	{: .language-bash}
//
//	> ## Hook first
//	> Open with the problem.
//	{: .callout}
//
// Such lines are taken off their paragraph before its text is parsed
// (kramdownIALs) and applied once the page is parsed (applyIALs): a
// language class to the code block before them, a class that names a
// container (or one of site.yaml's directives) makes the block quote that
// box, its first heading the title. Any other is left out with a warning;
// none is shown as text. A line after a block quote is read as the lazy
// end of the quote's last paragraph; its own quote markers (> {: …}) say
// which of the quotes around that paragraph it closes.
type kramdownIALs struct{}

// pendingIAL is the attribute lists taken off a paragraph: those it
// starts with follow prev, the block before it; those it ends with follow
// prev too when they are all it held (the parser then drops it), or close
// the block quotes around it (quotes, innermost first).
type pendingIAL struct {
	prev        ast.Node
	quotes      []*ast.Blockquote
	lead, trail []text.Segment
	whole       bool
}

func (kramdownIALs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := p.Lines()
	ial := func(i int) bool {
		seg := lines.At(i)
		return isIAL(seg.Value(src))
	}
	lead, last := 0, lines.Len()
	for lead < last && ial(lead) {
		lead++
	}
	for last > lead && ial(last-1) {
		last--
	}
	if lead == 0 && last == lines.Len() {
		return
	}
	pend := pendingIAL{prev: p.PreviousSibling(), lead: lines.Sliced(0, lead), trail: lines.Sliced(last, lines.Len()), whole: lead == last}
	for c := p.Parent(); c != nil; c = c.Parent() {
		if bq, ok := c.(*ast.Blockquote); ok {
			pend.quotes = append(pend.quotes, bq)
		}
	}
	st := stateOf(pc)
	st.ials = append(st.ials, pend)
	lines.SetSliced(lead, last)
}

// isIAL reports whether a line is a kramdown block attribute list, {: …}.
func isIAL(line []byte) bool {
	line = bytes.TrimSpace(line)
	return bytes.HasPrefix(line, []byte("{:")) && bytes.HasSuffix(line, []byte("}")) && bytes.Count(line, []byte("}")) == 1
}

// applyIALs applies the attribute lists taken off the page's paragraphs.
func (st *state) applyIALs(src []byte) {
	for _, pend := range st.ials {
		for _, seg := range pend.lead {
			st.applyIAL(pend.target(src, seg, true), bytes.TrimSpace(seg.Value(src)), st.line(seg.Start), src)
		}
		for _, seg := range pend.trail {
			st.applyIAL(pend.target(src, seg, pend.whole), bytes.TrimSpace(seg.Value(src)), st.line(seg.Start), src)
		}
	}
}

// target is the block an attribute list follows: a line as deep as its
// paragraph follows the block before the paragraph (when it comes before
// the paragraph's text), a shallower one closes the quotes between.
func (pend pendingIAL) target(src []byte, seg text.Segment, beforeText bool) ast.Node {
	depth := quoteDepth(src, seg.Start)
	switch {
	case depth == len(pend.quotes) && beforeText && pend.prev != nil:
		return pend.prev
	case depth < len(pend.quotes):
		return pend.quotes[len(pend.quotes)-depth-1]
	}
	return nil
}

// quoteDepth counts the block quote markers (>) before offset on its line.
func quoteDepth(src []byte, offset int) int {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return bytes.Count(src[start:offset], []byte(">"))
}

// applyIAL applies one attribute list, {: …}, to block b (nil for none).
func (st *state) applyIAL(b ast.Node, ial []byte, line int, src []byte) {
	a, err := parseAttrs(string(ial[2 : len(ial)-1]))
	if err == nil {
		switch b := b.(type) {
		case *ast.FencedCodeBlock:
			if lang := codeLanguageClass(a.class); lang != "" && b.Info == nil {
				b.SetAttributeString(languageAttr, []byte(lang))
				return
			}
		case *ast.Blockquote:
			// A quote made a box already has left the tree.
			if name := st.containerClass(a.class); name != "" && b.Parent() != nil {
				st.quoteAsBox(b, name, a, line, src)
				return
			}
		}
	}
	st.warnf(line, "kramdown attributes %s are left out: a code block takes a language (.language-python, .output) and a block quote a box's name (.callout, with site.yaml's directives)", clip(string(ial)))
}

// codeLanguageClass is the language a kramdown class gives code:
// .language-python, or .output and .error as the Carpentries write them.
func codeLanguageClass(classes []string) string {
	for _, c := range classes {
		if lang, ok := strings.CutPrefix(c, "language-"); ok && lang != "" {
			return lang
		}
		if c == "output" || c == "error" {
			return c
		}
	}
	return ""
}

// containerClass is the first class that names a container, or one of
// site.yaml's directives that stands for one.
func (st *state) containerClass(classes []string) string {
	for _, c := range classes {
		if specs[c].container {
			return c
		}
		if a, ok := st.in.Site.Config.Directives[c]; ok && specs[a.As].container {
			return c
		}
	}
	return ""
}

// quoteAsBox puts a container named name in the place of block quote bq,
// holding what it held; a heading it starts with is the box's title.
func (st *state) quoteAsBox(bq *ast.Blockquote, name string, a attrs, line int, src []byte) {
	d := &Directive{Name: name, Container: true, Attrs: map[string]string{}, ID: a.id, Classes: slices.DeleteFunc(slices.Clone(a.class), func(c string) bool { return c == name }), state: st, Line: line}
	d.resolve(st.in)
	d.err = d.check()
	if h, ok := bq.FirstChild().(*ast.Heading); ok {
		d.Label, d.textOnly = strings.TrimSpace(plainText(h, src)), true
		bq.RemoveChild(bq, h)
	}
	for c := bq.FirstChild(); c != nil; c = bq.FirstChild() {
		bq.RemoveChild(bq, c)
		d.AppendChild(d, c)
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, d)
}
