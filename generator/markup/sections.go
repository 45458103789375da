package markup

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// Section is the part of a page under one heading: the text a search result
// can point at with the heading's anchor. The part before the first heading
// has no anchor.
type Section struct {
	ID, Heading, Text string
}

// SkipAttr marks an element of a page's body as furniture the search
// index leaves out, as it does hidden elements.
const SkipAttr = "data-search-skip"

// inline elements do not separate words; any other tag does.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "i": true,
	"ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true, "wbr": true,
}

// skipped elements hold no readable text.
var skipped = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"button": true, "select": true, "textarea": true,
}

var void = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true,
}

// names are the tag names an extractor meets most, to take a lexed name
// without a copy.
var names = knownNames()

func knownNames() map[string]string {
	names := map[string]string{}
	for _, set := range []map[string]bool{inline, skipped, void} {
		for name := range set {
			names[name] = name
		}
	}
	for _, name := range strings.Fields("p div ul ol li h1 h2 h3 h4 h5 h6 table thead tbody tr th td pre " +
		"blockquote figure figcaption details summary section article aside nav header footer label " +
		"form dl dt dd caption svg path") {
		names[name] = name
	}
	return names
}

// tagName is a lexed tag name in lower case.
func tagName(b []byte) string {
	if name, ok := names[string(b)]; ok {
		return name
	}
	return string(bytes.ToLower(b))
}

// extractor splits a page's text into sections at every h2, h3 or h4 that
// carries an id. It reads tags and text as HTML has them, from HTML
// (html) or from a tree that would render so (text.go).
type extractor struct {
	sections []Section
	text     spaced // text of the current section
	head     spaced // text of the heading being read
	inHead   string // tag name of that heading, "" outside one
	skip     string // tag name of the element being skipped
	depth    int    // nesting of skip inside itself
	pre      int    // nesting of pre: its lines are blocks of their own
}

func newExtractor() *extractor { return &extractor{sections: []Section{{}}} }

// Sections returns the sections of an HTML fragment, text collapsed to
// single spaces. Text hidden from readers (script, hidden, aria-hidden) is
// left out. The lexer ends its input with a zero byte, written in place
// just past body when body has the room: one HTML must not be read by two
// goroutines at once.
func Sections(body []byte) []Section {
	e := newExtractor()
	e.html(body)
	return e.result()
}

// html reads the tags and text of an HTML fragment.
func (e *extractor) html(body []byte) {
	l := phtml.NewLexer(parse.NewInputBytes(body))
	for {
		tt, _ := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return
		case phtml.StartTagToken:
			e.start(tagName(l.Text()), attributes(l))
		case phtml.EndTagToken:
			e.end(tagName(l.Text()))
		case phtml.TextToken:
			e.writeText(l.Text())
		}
	}
}

// tagAttrs are the attributes of a start tag that an extractor reads.
type tagAttrs struct {
	id, alt   string
	hidden    bool // hidden, or aria-hidden="true": not read at all
	furniture bool // the page's furniture rather than its text; see start
}

// attributes reads the attributes of the start tag just lexed. Only those
// an extractor reads become strings: a map of every attribute of every tag
// was half the cost of reading a page.
func attributes(l *phtml.Lexer) tagAttrs {
	var a tagAttrs
	for {
		tt, _ := l.Next()
		if tt != phtml.AttributeToken {
			return a
		}
		switch key := l.AttrKey(); {
		case bytes.EqualFold(key, []byte("id")):
			a.id = lexedValue(l)
		case bytes.EqualFold(key, []byte("alt")):
			a.alt = lexedValue(l)
		case bytes.EqualFold(key, []byte("hidden")):
			a.hidden = true
		case bytes.EqualFold(key, []byte("aria-hidden")):
			a.hidden = a.hidden || lexedValue(l) == "true"
		case bytes.EqualFold(key, []byte(SkipAttr)):
			a.furniture = true
		case bytes.EqualFold(key, []byte("role")):
			role := lexedValue(l)
			a.furniture = a.furniture || role == "doc-noteref" || role == "doc-backlink"
		}
	}
}

func lexedValue(l *phtml.Lexer) string {
	return html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
}

func (e *extractor) start(tag string, attrs tagAttrs) {
	if e.skip != "" {
		if tag == e.skip && !void[tag] {
			e.depth++
		}
		return
	}
	// Furniture is a control's label, a status read to screen readers
	// ("to do" by a task), a footnote's number or way back: in a search
	// result's extract it is noise amid the sentences.
	if skipped[tag] || attrs.hidden || attrs.furniture {
		if !void[tag] {
			e.skip, e.depth = tag, 1
		}
		return
	}
	if (tag == "h2" || tag == "h3" || tag == "h4") && attrs.id != "" && e.inHead == "" {
		e.flush()
		e.sections = append(e.sections, Section{ID: attrs.id})
		e.inHead = tag
		return
	}
	switch {
	case tag == "img" || tag == "area":
		e.write(" " + attrs.alt + " ")
	case !inline[tag]:
		e.into().block = true
	}
	if tag == "pre" {
		e.pre++
	}
}

func (e *extractor) end(tag string) {
	if e.skip != "" {
		if tag == e.skip {
			e.depth--
			if e.depth == 0 {
				e.skip = ""
			}
		}
		return
	}
	if tag == e.inHead {
		e.sections[len(e.sections)-1].Heading = e.head.take()
		e.inHead = ""
		return
	}
	if !inline[tag] {
		e.into().block = true
	}
	if tag == "pre" && e.pre > 0 {
		e.pre--
	}
}

// write and writePlain add text as it is; writeText decodes it first.
// All three add nothing inside an element being skipped.
func (e *extractor) write(s string) { addText(e, s) }

func (e *extractor) writePlain(b []byte) { addText(e, b) }

// addText adds text to what is being read. In a pre each line is a block
// of its own, so an extract of a terminal session reads "$ git status ·
// On branch main", not one run of words.
func addText[S string | []byte](e *extractor, text S) {
	if e.skip != "" {
		return
	}
	for e.pre > 0 {
		line, rest, found := cutLine(text)
		if !found {
			break
		}
		addSpaced(e.into(), line)
		e.into().block = true
		text = rest
	}
	addSpaced(e.into(), text)
}

func cutLine[S string | []byte](text S) (line, rest S, found bool) {
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			return text[:i], text[i+1:], true
		}
	}
	return text, text[len(text):], false
}

// writeText writes a text token, whose entities are decoded only when it
// has any: most text has none, and needs no copy.
func (e *extractor) writeText(text []byte) {
	if bytes.IndexByte(text, '&') >= 0 {
		e.write(html.UnescapeString(string(text)))
	} else {
		e.writePlain(text)
	}
}

// into is the text being read: the heading's inside one, else the
// section's.
func (e *extractor) into() *spaced {
	if e.inHead != "" {
		return &e.head
	}
	return &e.text
}

// flush stores the text read so far in the current section.
func (e *extractor) flush() {
	if e.inHead != "" { // a heading left open: its text is all we have
		e.sections[len(e.sections)-1].Heading = e.head.take()
		e.inHead = ""
	}
	s := &e.sections[len(e.sections)-1]
	switch text := e.text.take(); {
	case s.Text == "":
		s.Text = text
	case text != "":
		s.Text += " " + text
	}
}

// result ends the text and drops the empty part before the first heading.
func (e *extractor) result() []Section {
	e.flush()
	if len(e.sections) > 1 && e.sections[0].Text == "" {
		return e.sections[1:]
	}
	return e.sections
}

// spaced is text with each run of white space made one space, and none at
// either end: what strings.Fields and a join make of it, built as the text
// comes instead of split and joined again. Where one block (a paragraph,
// a list item, a table cell, a heading) ends and the next begins, a middle
// dot separates them, unless the first ends in punctuation that does: a
// search result's extract reads "Fase · Durasi · Fokus utama", not three
// run-on words.
type spaced struct {
	b     []byte
	space bool // white space since the last word
	block bool // a block began or ended since the last word
}

// blockSeparator goes between two blocks of text.
const blockSeparator = " ·"

// addSpaced appends s to t.
func addSpaced[S string | []byte](t *spaced, s S) {
	start := -1 // where the word being read began
	for i, r := range string(s) {
		switch {
		case !unicode.IsSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			appendWord(t, s[start:i])
			start = -1
			t.space = true
		default:
			t.space = true
		}
	}
	if start >= 0 {
		appendWord(t, s[start:])
	}
}

func appendWord[S string | []byte](t *spaced, w S) {
	if len(t.b) > 0 {
		if t.block && !endsClause(t.b) {
			t.b = append(t.b, blockSeparator...)
		}
		if t.space || t.block {
			t.b = append(t.b, ' ')
		}
	}
	t.space, t.block = false, false
	t.b = append(t.b, w...)
}

// take returns the text and empties t.
func (t *spaced) take() string {
	s := string(t.b)
	t.b, t.space, t.block = t.b[:0], false, false
	return s
}

// endsClause reports whether text ends in punctuation that ends a sentence
// or clause in its script (. , ; : ! ? 。 ، । and the like), before any
// closing brackets and quotes.
func endsClause(text []byte) bool {
	for len(text) > 0 {
		r, size := utf8.DecodeLastRune(text)
		switch {
		case unicode.Is(unicode.Terminal_Punctuation, r) || r == '…' || r == '·':
			return true
		case !unicode.In(r, unicode.Pe, unicode.Pf) && r != '"' && r != '\'':
			return false
		}
		text = text[:len(text)-size]
	}
	return false
}
