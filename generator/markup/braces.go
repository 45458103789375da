package markup

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// braceAttrs reads {attributes} written right after an image or a
// [bracketed text], as Pandoc, Quarto, kramdown and MkDocs let authors
// write them: ![](fig/tree.svg){alt='A tree' width=300 .wide}, and
// [commit]{#commit} (see Span). Lessons written for those tools give their
// figures' alt text and their glossary's anchors so; without this the
// reader sees the braces and the text as words.
type braceAttrs struct{}

func (braceAttrs) Trigger() []byte { return []byte{'{'} }

func (braceAttrs) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := attrsEnd(line)
	if end < 0 || seg.Start == 0 {
		return nil
	}
	if span := bracketedSpan(parent, block.Source(), seg.Start); span != nil {
		return stateOf(pc).spanAttrs(span, block, line[:end+1], seg.Start)
	}
	img, ok := parent.LastChild().(*ast.Image)
	if !ok || block.Source()[seg.Start-1] != ')' {
		return nil
	}
	st := stateOf(pc)
	at := st.line(seg.Start)
	block.Advance(end + 1)
	a, err := parseAttrs(string(line[1:end]))
	if err != nil {
		st.failf(at, "attributes of image %s: %v", img.Destination, err)
		return ast.NewString(nil)
	}
	st.applyImageAttrs(img, a, at)
	// Nothing to show: the attributes went onto the image.
	return ast.NewString(nil)
}

// attrsEnd is the index of the brace that closes the attribute list line
// starts with, outside quoted values; -1 when the line does not close it.
func attrsEnd(line []byte) int {
	var quote byte
	for i := 1; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\n':
			return -1
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '}':
			return i
		}
	}
	return -1
}

// applyImageAttrs puts what the page gave onto the image: alt replaces the
// text in ![…], a size in pixels replaces the measured one (see
// state.image), title and classes go as they are.
func (st *state) applyImageAttrs(img *ast.Image, a attrs, line int) {
	for _, key := range a.keys {
		v := a.values[key]
		switch key {
		case "alt":
			img.RemoveChildren(img)
			img.AppendChild(img, ast.NewString([]byte(v)))
		case "title":
			img.Title = []byte(v)
		case "width", "height":
			if n, err := strconv.Atoi(v); err != nil || n <= 0 {
				st.warnf(line, "image %s: %s=%q is left out: give it in pixels, a whole number", img.Destination, key, v)
				continue
			}
			img.SetAttributeString(key, []byte(v))
		default:
			st.warnf(line, "image %s: attribute %s is left out (alt, title, width, height and .class are used)", img.Destination, key)
		}
	}
	if a.id != "" {
		// An id would need the workbook's prefix, which the passes add
		// when they render; no page links to a figure's id yet.
		st.warnf(line, "image %s: #%s is left out (alt, title, width, height and .class are used)", img.Destination, a.id)
	}
	if len(a.class) > 0 {
		img.SetAttributeString("class", []byte(strings.Join(a.class, " ")))
	}
}
