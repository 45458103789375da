package markup

import (
	"bytes"
	_ "embed"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// directiveRenderer writes directives. Containers become the HTML below;
// leaves are handed to the page's Embedder.
type directiveRenderer struct{}

func (directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, renderDirective)
	reg.Register(KindTableWrap, renderTableWrap)
	reg.Register(KindHeadingAnchor, renderHeadingAnchor)
	reg.Register(east.KindTaskCheckBox, renderTaskBox)
	reg.Register(KindTerm, renderTerm)
}

// renderTaskBox draws a Markdown task list's box as a mark, not a form
// control: it cannot be ticked, so a checkbox would be a control without a
// purpose (and without a label). Screen readers hear "done" or "to do".
func renderTaskBox(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	st := pageLabels(n)
	box, state := "☐", st("task_open")
	if n.(*east.TaskCheckBox).IsChecked {
		box, state = "☑", st("task_done")
	}
	_, _ = w.WriteString(`<span class="task-box" aria-hidden="true">` + box + `</span><span class="visually-hidden" ` + SkipAttr + `>` + html.EscapeString(state) + `</span> `)
	return ast.WalkContinue, nil
}

// pageLabels finds the page's UI strings through the document, where the
// transformer leaves them: task boxes and raw HTML carry nothing of their
// own.
func pageLabels(n ast.Node) func(string) string {
	if v, ok := n.OwnerDocument().AttributeString(labelsAttr); ok {
		return v.(func(string) string)
	}
	return func(k string) string { return k }
}

func renderHeadingAnchor(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<a class="anchor" href="` + html.EscapeString(n.(*HeadingAnchor).Href) + `" aria-hidden="true" tabindex="-1">#</a>`)
	}
	return ast.WalkSkipChildren, nil
}

// tableWrapStart opens the box a table scrolls in: a region a keyboard
// can reach and scroll, named for screen readers.
func tableWrapStart(label string) string {
	return `<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + `">`
}

func renderTableWrap(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		label := n.(*TableWrap).label
		_, _ = w.WriteString(tableWrapStart(label) + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderDirective(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := n.(*Directive)
	st := d.state
	if !d.Container {
		// A data file that is missing or failed to load is reported once,
		// at the directive or in the file; there is nothing to embed.
		if doc := st.in.Site.Data[d.Attrs["src"]]; entering && doc != nil && !doc.Broken {
			if err := st.in.Embed(w, d, doc, st.pass); err != nil {
				return ast.WalkStop, err
			}
		}
		return ast.WalkSkipChildren, nil
	}
	if d.Name == "trainer" && st.pass.Edition != "trainer" {
		return ast.WalkSkipChildren, nil
	}
	if entering {
		openContainer(w, d)
	} else {
		closeContainer(w, d)
	}
	return ast.WalkContinue, nil
}

// openContainer writes the start of a container: a <details> for a
// solution, which starts closed, and a labelled <aside> or <section> for
// the others. A title the page gives is inline Markdown, as a description
// is: lessons write code in them ("!!! warning "Mind `re.match()`"").
func openContainer(w util.BufWriter, d *Directive) {
	title := html.EscapeString(d.Label)
	switch {
	case d.Label == "":
		title = html.EscapeString(d.state.in.T("directive_" + d.Name))
	case !d.textOnly:
		title = d.state.titles.HTML(d.state.in.Page.Lang, d.Label)
	}
	tag := containerTag(d.Name)
	_, _ = w.WriteString("<" + tag + ` class="` + classes("directive directive-"+d.Name, d.Classes) + `"`)
	if d.ID != "" {
		_, _ = w.WriteString(` id="` + html.EscapeString(d.state.prefix()+d.ID) + `"`)
	}
	if d.Name == "solution" {
		_, _ = w.WriteString("><summary>" + title + "</summary>\n")
		return
	}
	if d.untitled {
		_, _ = w.WriteString(">\n")
		return
	}
	_, _ = w.WriteString(`><p class="directive-title">` + title + "</p>\n")
}

func closeContainer(w util.BufWriter, d *Directive) {
	_, _ = w.WriteString("</" + containerTag(d.Name) + ">\n")
}

func containerTag(name string) string {
	switch name {
	case "solution":
		return "details"
	case "exercise":
		return "section"
	}
	return "aside"
}

func classes(base string, extra []string) string {
	if len(extra) == 0 {
		return base
	}
	return base + " " + html.EscapeString(strings.Join(extra, " "))
}

// codeRenderer highlights fenced code with chroma, as CSS classes only, so
// one stylesheet serves every page and nothing is inline.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
}

var codeFormatter = chromahtml.New(
	chromahtml.WithClasses(true),
	chromahtml.TabWidth(4),
	chromahtml.WithPreWrapper(pre{}),
)

// HighlightStyle is the chroma style highlight.css is made from. The
// stylesheet is kept made rather than made at each run: chroma's styles
// package reads every style it has when the program starts, which took
// 15 ms of every command. TestHighlightCSSIsCurrent makes it again
// (go test ./generator/markup -run HighlightCSS -update).
const HighlightStyle = "github"

//go:embed highlight.css
var highlightCSS []byte

// classesOnly stands for the style where the formatter wants one: with
// classes, it writes the same HTML whatever the style.
var classesOnly = chroma.MustNewStyle("classes-only", chroma.StyleEntries{})

// pre leaves the wrapper to highlight, which knows the block's language.
type pre struct{}

func (pre) Start(code bool, _ string) string { return "" }
func (pre) End(code bool) string             { return "" }

// highlightedAttr keeps a block's highlighted HTML on its node: a page is
// rendered once per pass, and the code is the same in every pass.
const highlightedAttr = "data-lentera-highlighted"

func renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if done, ok := n.AttributeString(highlightedAttr); ok {
		_, _ = w.Write(done.([]byte))
		return ast.WalkSkipChildren, nil
	}
	out, err := highlight(n.(*ast.FencedCodeBlock), src)
	if err != nil {
		return ast.WalkStop, err
	}
	n.SetAttributeString(highlightedAttr, out)
	_, _ = w.Write(out)
	return ast.WalkSkipChildren, nil
}

// languageAttr holds the language a kramdown attribute list gave a code
// block with no info string (see kramdownIALs).
const languageAttr = "lentera-language"

func highlight(block *ast.FencedCodeBlock, src []byte) ([]byte, error) {
	var code strings.Builder
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := blockLanguage(block, src)
	lexer := blockLexer(block, lang)
	stalled := false
	tokens, err := chroma.Tokenise(chroma.Coalesce(stopOnStall{lexer, &stalled}), nil, code.String())
	if err == nil && stalled {
		tokens, err = chroma.Tokenise(plaintext{}, nil, code.String())
	}
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	// The info string stays as a class, as CommonMark writes it, and on
	// the <pre> too, so the theme can set output and errors apart from
	// code.
	if class := languageClass(lang); class != "" {
		out.WriteString(`<pre class="chroma ` + class + `" tabindex="0"><code class="` + class + `">`)
	} else {
		out.WriteString(`<pre class="chroma" tabindex="0"><code>`)
	}
	if err := codeFormatter.Format(&out, classesOnly, chroma.Literator(tokens...)); err != nil {
		return nil, err
	}
	out.WriteString("</code></pre>\n")
	return out.Bytes(), nil
}

// blockLanguage is the language a code block is written in: what its info
// string names (see infoLanguage), or what a kramdown attribute list gave
// it.
func blockLanguage(block *ast.FencedCodeBlock, src []byte) string {
	if given, ok := block.AttributeString(languageAttr); ok {
		return string(given.([]byte))
	}
	if block.Info == nil {
		return ""
	}
	return infoLanguage(string(block.Info.Segment.Value(src)))
}

// infoLanguage is the language a fence's info string names, as lessons
// write it: a word ("python"); a word with options after commas, as
// mdBook and rustdoc write them ("rust,ignore"); or attributes in braces,
// R Markdown's and Quarto's engine ("{r}", "{r setup, echo=FALSE}") or
// Pandoc's first class ("{.python}", "{ #id .bash .numberLines }"). A real
// Rust course had 467 of its 500 blocks uncoloured, read as the language
// "rust,ignore".
func infoLanguage(info string) string {
	info = strings.TrimSpace(info)
	inner, braced := strings.CutPrefix(info, "{")
	if !braced {
		words := strings.Fields(info)
		if len(words) == 0 {
			return ""
		}
		word, _, _ := strings.Cut(words[0], ",")
		return word
	}
	inner, _, _ = strings.Cut(inner, "}")
	for _, attr := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if !strings.HasPrefix(attr, "#") && !strings.Contains(attr, "=") {
			return strings.TrimPrefix(attr, ".")
		}
	}
	return ""
}

// blockLexer is the lexer that highlights block: lang's, plaintext where
// chroma has none or the block is to be shown as plain text
// (uncolouredAttr).
func blockLexer(block *ast.FencedCodeBlock, lang string) chroma.Lexer {
	if _, plain := block.AttributeString(uncolouredAttr); plain {
		return plaintext{}
	}
	lexer := lexerOf(lang)
	if lexer == nil || isPlaintext(lexer) {
		return plaintext{}
	}
	return lexer
}

// lexerNames holds the lexer chroma gives each language name looked up
// so far, or nil for none. chroma's lookup tries the name and aliases,
// then every lexer's file patterns (so that "Makefile" or "py" find
// theirs): 2.6 to 4.4 ms for a name that matches none, as a lesson's many
// "output" blocks and blocks without a language do. The registry never
// changes while the program runs, so each name is looked up once.
var lexerNames sync.Map

func lexerOf(name string) chroma.Lexer {
	if l, ok := lexerNames.Load(name); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(name)
	lexerNames.Store(name, lexer)
	return lexer
}

// maxPageLanguages is how many language names a page's code blocks may
// use: a page of thousands of code blocks, each naming a language of its
// own, would cost milliseconds a block to look up. The blocks naming
// others are shown as plain text. The count is the page's alone, so that
// a page converts the same whatever other pages, or earlier builds of
// the same process, looked up.
const maxPageLanguages = 64

// Highlighting is the one part of a page's conversion whose time does not
// follow the page's size alone: several of chroma's lexers take time that
// grows with the square of a line's length (a Makefile line of 1,000
// letters takes 54 ms, of 4,000 letters 0.75 s; gnuplot's 1 s), and
// 4 to 10 µs a byte on lines of any length. So a block with a line longer
// than maxCodeLine, and the blocks of a page past maxPageCode characters
// of highlighted code, are shown as plain text, with a warning. Real
// lessons stay far below both.
const (
	maxCodeLine = 500
	maxPageCode = 256 << 10
)

// uncolouredAttr marks a code block shown as plain text (see
// maxCodeLine).
const uncolouredAttr = "lentera-uncoloured"

// codeBlock sees whether block may be highlighted, and marks it to be
// shown as plain text when not.
func (st *state) codeBlock(block *ast.FencedCodeBlock, src []byte) {
	lang := blockLanguage(block, src)
	if !st.languages[lang] {
		if len(st.languages) == maxPageLanguages {
			block.SetAttributeString(uncolouredAttr, true)
			if !st.warnedLangs { // said once, at the first
				st.warnedLangs = true
				st.warnf(st.nodeLine(block, src), "this code block is shown without colours: the page's code blocks name more than %d languages, and the blocks of the languages past the first %d are not highlighted", maxPageLanguages, maxPageLanguages)
			}
			return
		}
		if st.languages == nil {
			st.languages = map[string]bool{}
		}
		st.languages[lang] = true
	}
	if _, plain := blockLexer(block, lang).(plaintext); plain {
		return // plaintext reads a byte at a time
	}
	size, longest := 0, 0
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		n := utf8.RuneCount(bytes.TrimRight(seg.Value(src), "\r\n"))
		size, longest = size+n, max(longest, n)
	}
	const slow = "(the time it takes grows faster than the code)"
	switch {
	case longest > maxCodeLine:
		block.SetAttributeString(uncolouredAttr, true)
		st.warnf(st.nodeLine(block, src), "this code block is shown without colours: it has a line of %d characters, and lines over %d are not highlighted %s", longest, maxCodeLine, slow)
	case st.codeRunes+size > maxPageCode:
		block.SetAttributeString(uncolouredAttr, true)
		if st.codeRunes <= maxPageCode { // said once, at the first
			st.warnf(st.nodeLine(block, src), "this code block and those after it are shown without colours: the page's code passes %d KB here, and no more is highlighted %s", maxPageCode>>10, slow)
		}
		st.codeRunes = maxPageCode + 1 // the blocks after, however short
	default:
		st.codeRunes += size
	}
}

// maxStall is how many tokens in a row a lexer may give without reading
// a character. Some of chroma's lexers give empty tokens without end on
// code they do not expect (JSONata on the two characters `"a`, a string
// left open), and the coalescer asks for the next for ever: a build that
// never ends. A block whose lexer stalls is shown as plain text.
const maxStall = 10_000

// stopOnStall ends a lexer's tokens where it stalls, and says so.
type stopOnStall struct {
	chroma.Lexer
	stalled *bool
}

func (s stopOnStall) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := s.Lexer.Tokenise(opts, text)
	if err != nil {
		return nil, err
	}
	empty := 0
	return func() chroma.Token {
		t := it()
		if t.Value != "" || t == chroma.EOF {
			empty = 0
			return t
		}
		if empty++; empty > maxStall {
			*s.stalled = true
			return chroma.EOF
		}
		return t
	}, nil
}

// languageClass is "language-" and the info string's first word, lower-cased,
// or "" when the word holds characters a class name should not.
func languageClass(lang string) string {
	if lang == "" {
		return ""
	}
	for _, r := range lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '+' || r == '.' || r == '#') {
			return ""
		}
	}
	return "language-" + strings.ToLower(lang)
}

// HighlightCSS is the stylesheet for highlighted code.
func HighlightCSS() []byte { return highlightCSS }
