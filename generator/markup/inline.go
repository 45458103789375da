package markup

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Inline renders the one-line Markdown of front matter (objectives,
// descriptions): code, emphasis, links and typographic punctuation, but no
// blocks, so "1. Step" stays text. Raw HTML is shown as text, never let
// through, and a text over maxBlockText is shown as it is written. It is
// safe for concurrent use and remembers what it rendered: menus show the
// same descriptions on many pages.
type Inline struct {
	mu    sync.Mutex
	mds   map[quotes]goldmark.Markdown
	cache map[[2]string][2]string // lang, text -> HTML, plain text
}

// NewInline returns an inline renderer.
func NewInline() *Inline {
	return &Inline{mds: map[quotes]goldmark.Markdown{}, cache: map[[2]string][2]string{}}
}

// HTML is s rendered as inline HTML in language lang.
func (in *Inline) HTML(lang, s string) string { return in.render(lang, s)[0] }

// Plain is s without its markup, for where HTML cannot go (<meta>, the
// search index), with the same punctuation as HTML.
func (in *Inline) Plain(lang, s string) string { return in.render(lang, s)[1] }

func (in *Inline) render(lang, s string) [2]string {
	key := [2]string{lang, s}
	in.mu.Lock()
	defer in.mu.Unlock()
	if out, ok := in.cache[key]; ok {
		return out
	}
	if len(s) > maxBlockText {
		// Its markup would cost time that grows with the square of its
		// length (see maxBlockText); no real description comes near.
		out := [2]string{html.EscapeString(s), s}
		in.cache[key] = out
		return out
	}
	md := in.markdown(lang)
	src := []byte(s)
	root := md.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	if err := md.Renderer().Render(direct{Buffer: &buf}, src, root); err != nil {
		// The default renderers fail only on a failing writer.
		buf.Reset()
		buf.WriteString(html.EscapeString(s))
	}
	h := strings.TrimSpace(buf.String())
	h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
	out := [2]string{h, strings.TrimSpace(inlineText(root, src))}
	in.cache[key] = out
	return out
}

func (in *Inline) markdown(lang string) goldmark.Markdown {
	q := quoteStyle(lang)
	if md, ok := in.mds[q]; ok {
		return md
	}
	md := goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 100)),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		)),
		goldmark.WithExtensions(extension.Strikethrough, typographer(lang)),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawAsText{}, 100))),
	)
	in.mds[q] = md
	return md
}

// rawAsText shows raw HTML as the text it is.
type rawAsText struct{}

func (rawAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// inlineText is the text of an inline tree, raw HTML included as text.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(src))
			}
		case *ast.Text:
			b.WriteString(html.UnescapeString(string(c.Segment.Value(src))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
