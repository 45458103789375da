package markup

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLRenderer writes raw HTML when the site lets it through, giving the
// ids in it the page's prefix in the workbook pass, like every other id of
// the page, so that links to them (which the pass prefixes too) still land.
type rawHTMLRenderer struct{ unsafe bool }

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.block)
	reg.Register(ast.KindRawHTML, r.inline)
}

const rawOmitted = "<!-- raw HTML omitted -->"

func (r rawHTMLRenderer) block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	b := n.(*ast.HTMLBlock)
	var raw strings.Builder
	switch {
	case entering:
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			raw.Write(seg.Value(src))
		}
	case b.HasClosure():
		raw.Write(b.ClosureLine.Value(src))
	default:
		return ast.WalkContinue, nil
	}
	if !r.unsafe {
		_, _ = w.WriteString(rawOmitted + "\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(prefixRawIDs(raw.String(), prefixOf(n)))
	return ast.WalkContinue, nil
}

func (r rawHTMLRenderer) inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if !r.unsafe {
		_, _ = w.WriteString(rawOmitted)
		return ast.WalkSkipChildren, nil
	}
	var raw strings.Builder
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		raw.Write(seg.Value(src))
	}
	_, _ = w.WriteString(prefixRawIDs(raw.String(), prefixOf(n)))
	return ast.WalkSkipChildren, nil
}

// prefixOf is the id prefix of the pass being rendered.
func prefixOf(n ast.Node) string {
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(prefixAttr); ok {
			return string(v.([]byte))
		}
	}
	return ""
}

var (
	rawTag = regexp.MustCompile(`<[A-Za-z][^<>]*>`)
	// rawIDAttr matches the attributes that hold ids or point to them:
	// name 1, the value 2 (quoted) or 3 (bare).
	rawIDAttr = regexp.MustCompile(`(?i)\s(id|for|headers|aria-labelledby|aria-describedby|aria-controls|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)
)

// prefixRawIDs gives every id in the tags of raw HTML, and every reference
// to one (for, aria-*, href="#…"), the prefix. NUL becomes U+FFFD, as
// goldmark writes raw HTML.
func prefixRawIDs(raw, prefix string) string {
	raw = strings.ReplaceAll(raw, "\x00", "\uFFFD")
	if prefix == "" {
		return raw
	}
	return rawTag.ReplaceAllStringFunc(raw, func(tag string) string {
		return rawIDAttr.ReplaceAllStringFunc(tag, func(attr string) string {
			m := rawIDAttr.FindStringSubmatch(attr)
			name := strings.ToLower(m[1])
			value := m[2] + m[3] + m[4]
			switch name {
			case "href":
				if !strings.HasPrefix(value, "#") || len(value) == 1 {
					return attr
				}
				value = "#" + prefix + value[1:]
			case "id":
				value = prefix + value
			default: // lists of ids
				ids := strings.Fields(value)
				for i := range ids {
					ids[i] = prefix + ids[i]
				}
				value = strings.Join(ids, " ")
			}
			lead := attr[:strings.IndexByte(attr, '=')+1]
			return lead + `"` + strings.ReplaceAll(value, `"`, "&quot;") + `"`
		})
	})
}
