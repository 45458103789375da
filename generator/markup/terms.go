package markup

import (
	"html"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lentera/generator/data"
	"lentera/generator/site"
)

// Term is the first use of a glossary term in a chapter: a link to the
// term's entry on the glossary page, and beside it the definition, which
// terms.js shows as a small popover when the link is focused or tapped.
type Term struct {
	ast.BaseInline
	Entry data.Term
	state *state
}

// KindTerm is the AST kind of a Term.
var KindTerm = ast.NewNodeKind("Term")

// Kind implements ast.Node.
func (t *Term) Kind() ast.NodeKind { return KindTerm }

// Dump implements ast.Node.
func (t *Term) Dump(src []byte, level int) {
	ast.DumpHelper(t, src, level, map[string]string{"ID": t.Entry.ID}, nil)
}

// GlossaryURL is the site path of a language's glossary page.
func GlossaryURL(lang string) string { return "/" + lang + "/glossary/" }

// GlossaryAnchor is the id of a term's entry in the workbook, where the
// glossary is one part among the chapters.
func GlossaryAnchor(id string) string { return "glossary-" + id }

// name is one way a term is written, lowercased for matching.
type name struct {
	text string
	term data.Term
}

// glossaryNames lists every name of every glossary term in lang, longest
// first, so "live shopping" is found before "live".
func glossaryNames(s *site.Site, lang string) []name {
	var srcs []string
	for src, d := range s.Data {
		if d.Glossary != nil {
			srcs = append(srcs, src)
		}
	}
	sort.Strings(srcs)
	var names []name
	for _, src := range srcs {
		for _, t := range s.Data[src].Glossary.Terms {
			for _, n := range t.Names(lang, s.Config.DefaultLang()) {
				if n = strings.TrimSpace(n); n != "" {
					names = append(names, name{text: strings.ToLower(n), term: t})
				}
			}
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].text) > len(names[j].text) })
	return names
}

// markTerms marks the first use of each glossary term in a chapter. It
// walks the Markdown tree, not the HTML, and leaves headings, links, code,
// images and trainer notes alone: a term is explained where a reader of
// every edition meets it in running text.
func (st *state) markTerms(doc *ast.Document, src []byte) {
	if st.in.Page.Kind != site.Chapter {
		return
	}
	ix := st.glossary.index(st.in.Site, st.in.Page.Lang)
	if ix.names == 0 {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock,
			*ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *Directive:
			if n.Name == "trainer" {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			if !n.IsRaw() {
				joinText(n)
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	marked := map[string]bool{}
	for _, t := range texts {
		for t != nil && len(marked) < ix.names {
			t = st.markFirst(t, src, ix, marked)
		}
	}
}

// joinText takes into t the plain texts that follow it on the same line.
// The parser splits a line of text wherever an inline might start (at
// spaces, for bare links), so a term of two words can span two nodes.
func joinText(t *ast.Text) {
	for {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || t.SoftLineBreak() || t.HardLineBreak() || next.Segment.Start != t.Segment.Stop {
			return
		}
		t.Segment = t.Segment.WithStop(next.Segment.Stop)
		t.SetSoftLineBreak(next.SoftLineBreak())
		t.SetHardLineBreak(next.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), next)
	}
}

// markFirst finds the earliest unmarked term in t, splits t around it and
// returns the text after it, to look in next; nil when t has none.
func (st *state) markFirst(t *ast.Text, src []byte, ix termIndex, marked map[string]bool) *ast.Text {
	lower := strings.ToLower(string(t.Segment.Value(src)))
	if len(lower) != t.Segment.Len() {
		return nil // a case change altered byte offsets; rare enough to skip
	}
	at, found := ix.find(lower, marked)
	if at < 0 {
		return nil
	}
	marked[found.term.ID] = true
	st.terms = append(st.terms, found.term.ID)
	seg := t.Segment
	start, stop := seg.Start+at, seg.Start+at+len(found.text)
	parent := t.Parent()
	if at > 0 {
		before := ast.NewTextSegment(text.NewSegment(seg.Start, start))
		parent.InsertBefore(parent, t, before)
	}
	term := &Term{Entry: found.term, state: st}
	term.AppendChild(term, ast.NewTextSegment(text.NewSegment(start, stop)))
	parent.InsertBefore(parent, t, term)
	if stop == seg.Stop {
		// The term ends the text: the line break it carried moves to an
		// empty text after it.
		t.Segment = text.NewSegment(stop, stop)
		return nil
	}
	t.Segment = text.NewSegment(stop, seg.Stop)
	return t
}

// termIndex finds the names of glossary terms in a text in one pass over
// it: a name is looked up by its first word at each word of the text.
// Looking for every name in turn cost a chapter a pass over its text for
// each name: with a glossary of 500 terms, most of a build's time.
type termIndex struct {
	byWord map[string][]name // by first word, longest name first
	other  []name            // names that begin with neither a letter nor a digit
	names  int
}

func newTermIndex(names []name) termIndex {
	ix := termIndex{byWord: map[string][]name{}, names: len(names)}
	for _, n := range names {
		if w := firstWord(n.text); w != "" {
			ix.byWord[w] = append(ix.byWord[w], n)
		} else {
			ix.other = append(ix.other, n)
		}
	}
	return ix
}

// glossaries keeps the term index of each language of the site last
// converted: every chapter of a language looks for the same names, and
// listing and sorting them per chapter was a fifth of a build's CPU with
// a glossary of 500 terms. A site is not changed once loaded, so a new
// one is a new pointer.
type glossaries struct {
	mu     sync.Mutex
	site   *site.Site
	byLang map[string]termIndex
}

func (g *glossaries) index(s *site.Site, lang string) termIndex {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.site != s {
		g.site, g.byLang = s, map[string]termIndex{}
	}
	ix, ok := g.byLang[lang]
	if !ok {
		ix = newTermIndex(glossaryNames(s, lang))
		g.byLang[lang] = ix
	}
	return ix
}

// find returns where in lower the earliest unmarked name occurs as whole
// words, and that name (the longest, where several begin there); -1 when
// none does.
func (ix termIndex) find(lower string, marked map[string]bool) (int, name) {
	at, found := -1, name{}
	for _, n := range ix.other {
		if marked[n.term.ID] {
			continue
		}
		if i := findWord(lower, n.text); i >= 0 && (at < 0 || i < at) {
			at, found = i, n
		}
	}
	for i := 0; i < len(lower) && (at < 0 || i < at); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if !letterOrDigit(r) {
			i += size
			continue
		}
		w := firstWord(lower[i:])
		for _, n := range ix.byWord[w] {
			if !marked[n.term.ID] && strings.HasPrefix(lower[i:], n.text) && boundary(lower, i+len(n.text), false) {
				return i, n
			}
		}
		i += len(w)
	}
	return at, found
}

// firstWord is the run of letters and digits s begins with.
func firstWord(s string) string {
	for i, r := range s {
		if !letterOrDigit(r) {
			return s[:i]
		}
	}
	return s
}

func letterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// findWord returns where word first occurs in lower as a whole word, or
// -1; both are lowercase.
func findWord(lower, word string) int {
	for from := 0; from < len(lower); {
		i := strings.Index(lower[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		if boundary(lower, i, true) && boundary(lower, i+len(word), false) {
			return i
		}
		from = i + 1
	}
	return -1
}

// boundary reports whether offset i of s is the edge of a word: no letter
// or digit before it (start) or after it (end).
func boundary(s string, i int, start bool) bool {
	var r rune
	if start {
		if i == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i >= len(s) {
			return true
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return !letterOrDigit(r)
}

// renderTerm writes a term: a link to its glossary entry and, on the web,
// the definition that describes it.
func renderTerm(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	t := n.(*Term)
	st := t.state
	id := st.prefix() + "term-" + t.Entry.ID
	if entering {
		href := st.in.URLs.Edition(st.pass.Edition).Rel(GlossaryURL(st.in.Page.Lang)) + "#" + t.Entry.ID
		if st.pass.Workbook {
			href = "#" + GlossaryAnchor(t.Entry.ID)
			_, _ = w.WriteString(`<a class="term" href="` + html.EscapeString(href) + `">`)
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<span class="term-wrap"><a class="term" href="` + html.EscapeString(href) + `" aria-describedby="` + id + `">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</a>")
	if st.pass.Workbook {
		return ast.WalkContinue, nil
	}
	lang, def := st.in.Page.Lang, st.in.Site.Config.DefaultLang()
	_, _ = w.WriteString(`<span class="term-pop" id="` + id + `" role="tooltip" hidden><strong>` +
		html.EscapeString(t.Entry.Term.In(lang, def)) + `</strong> ` + html.EscapeString(t.Entry.Definition.In(lang, def)) + `</span></span>`)
	return ast.WalkContinue, nil
}
