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
	var raw string
	switch {
	case entering:
		raw = blockLines(b, src)
	case b.HasClosure():
		raw = string(b.ClosureLine.Value(src))
	default:
		return ast.WalkContinue, nil
	}
	if !r.unsafe {
		_, _ = w.WriteString(rawOmitted + "\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(wrapRawTables(prefixRawIDs(raw, prefixOf(n)), pageLabels(n)("table_region")))
	return ast.WalkContinue, nil
}

func (r rawHTMLRenderer) inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	raw := rawText(n.(*ast.RawHTML), src)
	switch {
	case r.unsafe:
		_, _ = w.WriteString(wrapRawTables(prefixRawIDs(raw, prefixOf(n)), pageLabels(n)("table_region")))
	case isPaired(n):
		_, _ = w.WriteString(plainTag(raw))
	default:
		_, _ = w.WriteString(rawOmitted)
	}
	return ast.WalkSkipChildren, nil
}

func rawText(n *ast.RawHTML, src []byte) string {
	var raw strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw.Write(seg.Value(src))
	}
	return raw.String()
}

// rawHTMLText is an inline tag as written, or a block's first tag (its
// first line when that has none, as a comment).
func rawHTMLText(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.RawHTML:
		return rawText(n, src)
	case *ast.HTMLBlock:
		if n.Lines().Len() > 0 {
			first := n.Lines().At(0)
			line := string(first.Value(src))
			if tag := rawTag.FindString(line); tag != "" {
				return tag
			}
			return line
		}
	}
	return ""
}

// rawWhole is raw HTML as written: an inline tag, or a block's every line.
func rawWhole(n ast.Node, src []byte) string {
	b, ok := n.(*ast.HTMLBlock)
	if !ok {
		return rawText(n.(*ast.RawHTML), src)
	}
	raw := blockLines(b, src)
	if b.HasClosure() {
		raw += string(b.ClosureLine.Value(src))
	}
	return raw
}

// blockLines are an HTML block's lines but the closing one.
func blockLines(b *ast.HTMLBlock, src []byte) string {
	var raw strings.Builder
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	return raw.String()
}

// onlyComments reports whether raw HTML is nothing but comments and space,
// which no reader sees: leaving it out loses nothing to warn about. Real
// lessons carry hundreds, licence headers and translation markers among
// them, which buried the warnings that matter. A comment left open runs
// to the end of what was written, as it does in a browser.
func onlyComments(raw string) bool {
	for {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return true
		}
		rest, ok := strings.CutPrefix(raw, "<!--")
		if !ok {
			return false
		}
		_, raw, ok = strings.Cut(rest, "-->")
		if !ok {
			return true
		}
	}
}

// plainTags are the inline tags a page may write without markup.unsafe:
// with no attributes they carry nothing but their meaning, as lessons
// write keys (<kbd>Ctrl</kbd>) and formulas (H<sub>2</sub>O). True for the
// void ones, which have no closing tag.
var plainTags = map[string]bool{
	"b": false, "cite": false, "code": false, "del": false, "dfn": false, "em": false,
	"i": false, "ins": false, "kbd": false, "mark": false, "q": false, "s": false,
	"samp": false, "small": false, "strong": false, "sub": false, "sup": false,
	"u": false, "var": false, "br": true, "wbr": true,
}

// plainAttr marks a plain tag that pairPlainTags let through.
const plainAttr = "lentera-plain"

func isPaired(n ast.Node) bool {
	_, ok := n.AttributeString(plainAttr)
	return ok
}

// pairPlainTags marks the plain tags among parent's children that may go
// through: a void one, and an opening and closing tag that pair up, in
// order, as the same element. An unpaired one is left out, so no page
// leaves an element open over the rest of the layout (<b> never closed
// would make the footer bold) or closes one of the layout's.
func pairPlainTags(parent ast.Node, src []byte) {
	type open struct {
		name string
		node ast.Node
	}
	var stack []open
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		raw, ok := c.(*ast.RawHTML)
		if !ok {
			continue
		}
		tag := plainTag(rawText(raw, src))
		name := strings.Trim(tag, "</>")
		switch {
		case tag == "":
		case plainTags[name]:
			c.SetAttributeString(plainAttr, true)
		case !strings.HasPrefix(tag, "</"):
			stack = append(stack, open{name, c})
		default:
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == name {
					stack[i].node.SetAttributeString(plainAttr, true)
					c.SetAttributeString(plainAttr, true)
					// What opened inside it and stayed open is left out.
					stack = stack[:i]
					break
				}
			}
		}
	}
}

var plainTagForm = regexp.MustCompile(`^<(/?)([A-Za-z]+)\s*(/?)>$`)

// plainTag is raw as written for the reader when it is one of plainTags,
// without attributes; "" for any other HTML.
func plainTag(raw string) string {
	m := plainTagForm.FindStringSubmatch(raw)
	if m == nil {
		return ""
	}
	closing, name, selfClosed := m[1] != "", strings.ToLower(m[2]), m[3] != ""
	void, ok := plainTags[name]
	if !ok || void && closing || !void && selfClosed {
		return ""
	}
	return "<" + m[1] + name + ">"
}

// rawTableTag is the start or end tag of a table; rawRowEnd the end of its
// first row (or caption).
var (
	rawTableTag = regexp.MustCompile(`(?i)<table(?:\s[^<>]*)?>|</table\s*>`)
	rawRowEnd   = regexp.MustCompile(`(?i)</(?:tr|caption)\s*>`)
)

// wrapRawTables puts each table of raw HTML in a region that scrolls
// sideways, as a Markdown table is (see wrapTable): on a phone a wide table
// scrolls inside the column instead of widening the whole page. The
// region is named, as a Markdown table's by its header, by the text of the
// table's caption or first row where that is in the same piece of raw
// HTML. A table whose tags lie in two pieces (a blank line splits raw
// HTML) gets the region's start with its start and the end with its end.
func wrapRawTables(raw, label string) string {
	tags := rawTableTag.FindAllStringIndex(raw, -1)
	if tags == nil {
		return raw
	}
	var b strings.Builder
	last := 0
	for _, m := range tags {
		b.WriteString(raw[last:m[0]])
		if tag := raw[m[0]:m[1]]; tag[1] == '/' {
			b.WriteString(tag + "</div>")
		} else {
			b.WriteString(tableWrapStart(rawTableLabel(label, raw[m[1]:])) + tag)
		}
		last = m[1]
	}
	b.WriteString(raw[last:])
	return b.String()
}

// rawTableLabel is label, and the text of the first row or caption at the
// start of rest (what follows a table's start tag) when rest holds its end.
func rawTableLabel(label, rest string) string {
	end := rawRowEnd.FindStringIndex(rest)
	if end == nil {
		return label
	}
	var text []string
	for _, sec := range Sections([]byte(rest[:end[0]])) {
		text = append(text, sec.Text)
	}
	if row := strings.TrimSpace(strings.Join(text, " ")); row != "" {
		return label + ": " + cutLead(row, 80)
	}
	return label
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
