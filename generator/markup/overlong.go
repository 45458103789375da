package markup

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Some of goldmark's work grows with the square of a block's size: its
// emphasis, links, code spans and smart quotes look back over, or ahead
// through, the whole paragraph at each marker (200 KB of "*a_ " took 10 s
// to convert, 150 KB of "[a](b" 5 s), its link reference definitions
// copy the paragraph's lines at each one (50,000 of them, 2 s), and its
// footnotes are matched and sorted one against another (20,000, 3 s).
// Real paragraphs are a few kilobytes at most. A page whose paragraph,
// heading or table cell is over maxBlockText, whose paragraph (or table)
// has over maxBlockLines lines, or that has over maxFootnotes footnotes
// fails with the line of the first, and what is over is read as plain
// text, in time proportional to its size: under the limits, the worst
// inputs found, in blocks just under them, convert at 1 to 4 s a megabyte.
const (
	maxBlockText  = 8 << 10
	maxBlockLines = 2000
	maxFootnotes  = 1000
)

// Goldmark keeps a node for every block and for every inline marker of a
// page until the page is rendered: some 300 bytes each, and 4 KB for a
// heading with its id, anchor and place in the contents and the search
// index. 8 MB of "[" took 2.2 GB, 8 MB of one-letter paragraphs 1.3 GB,
// a table of 10,000 columns 4 GB for 16 MB and 650 MB for 2 MB, 15 MB of
// "a-- " (each dash a node) 2 GB; two pages at once on two cores, twice
// that. A page with more lines of text than maxPageLines, or more marks
// than maxPageMarks, fails before it is parsed, at the line where it
// passes the limit. A mark is a character that may start an inline node
// (markChars), a table cell's bar, or what the typographer or the
// linkifier makes a node of ("--", "...", "://", "www.", "@"). The
// longest real chapters have a few thousand of each.
const (
	maxPageLines = 50_000
	maxPageMarks = 200_000
)

// markChars are the characters that may start an inline node, and the
// bar that starts a table cell.
var markChars = func() (set [256]bool) {
	for _, c := range []byte("*_[]!(<`~'\"&\\|@") {
		set[c] = true
	}
	return set
}()

// marksAt are the runs, other than markChars, that the typographer and
// the linkifier make nodes of; each counts once, at its first character.
var marksAt = [...]string{"--", "...", "://", "www."}

// runStarts are the first characters of marksAt: most characters of a
// page start none, and are passed over with one look in a table.
var runStarts = func() (set [256]bool) {
	for _, m := range marksAt {
		set[m[0]] = true
	}
	return set
}()

// isMark reports whether src[i] starts a mark.
func isMark(src []byte, i int) bool {
	if markChars[src[i]] {
		return true
	}
	if !runStarts[src[i]] {
		return false
	}
	for _, m := range marksAt {
		if src[i] == m[0] && bytes.HasPrefix(src[i:], []byte(m)) {
			return true
		}
	}
	return false
}

// tooLarge reports whether src has more lines of text or marks than a
// page may, and fails the page at the line where it passes.
func (st *state) tooLarge(src []byte) bool {
	lines, marks, line := 0, 0, 1
	text := false // the line so far has more than spaces
	for i, c := range src {
		switch {
		case c == '\n':
			if text {
				lines++
			}
			line, text = line+1, false
		case isMark(src, i):
			marks++
			text = true
		case c != ' ' && c != '\t' && c != '\r':
			text = true
		}
		if lines > maxPageLines {
			st.failf(line-1, "the page has more than %d lines of text; one may have at most that: split it into pages", maxPageLines)
			return true
		}
		if marks > maxPageMarks {
			st.failf(line, "the page has more than %d markup characters (*, _, [, ], `, <, |, --, …) by this line; one may have at most that: split it into pages", maxPageMarks)
			return true
		}
	}
	return false
}

// inlineGuard goes first at each character that starts an inline
// element. In a block over maxBlockText it takes the rest of the line as
// plain text, so that no other inline parser sees it.
type inlineGuard struct{}

func (inlineGuard) Trigger() []byte {
	return []byte{'*', '_', '[', ']', '!', '(', '<', '`', '~', '\'', '"', '&'}
}

func (inlineGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if !stateOf(pc).overlong(parent) {
		return nil
	}
	line, seg := block.PeekLine()
	block.Advance(len(line))
	return ast.NewTextSegment(seg)
}

// overlong reports whether block, whose text is being parsed, is over
// maxBlockText, and reports the first such block of the page.
func (st *state) overlong(block ast.Node) bool {
	g := &st.limits
	if block == g.block {
		return g.over
	}
	lines := block.Lines()
	size := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len()
	}
	g.block, g.over = block, size > maxBlockText
	if g.over {
		st.overLimit(lines.At(0).Start, "a paragraph, heading or table cell of %d KB; one may be at most %d KB: put blank lines between its parts", size>>10, maxBlockText>>10)
	}
	return g.over
}

// overLimit reports the first place of the page that is over one of the
// guards' limits (these, and MaxDepth for quotes and lists), unless
// directives nested too deep were: what follows the first is read as one
// paragraph, and would only be over a limit again.
func (st *state) overLimit(offset int, format string, args ...any) {
	if !st.limits.reported && !st.nest.stopped {
		st.failf(st.line(offset), format, args...)
	}
	st.limits.reported = true
}

// limitsState is what the guards know of the page: the block whose text
// is being parsed, whether it is over the limit, the footnotes so far, and
// whether a place over a limit was reported.
type limitsState struct {
	block     ast.Node
	over      bool
	footnotes int
	reported  bool
}

// paragraphGuard cuts a paragraph of over maxBlockLines lines to that many
// before goldmark's own transformers (link reference definitions, tables)
// read it.
type paragraphGuard struct{}

func (paragraphGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() <= maxBlockLines {
		return
	}
	stateOf(pc).overLimit(lines.At(0).Start, "a paragraph or table of %d lines; one may have at most %d: put blank lines between its parts", lines.Len(), maxBlockLines)
	lines.SetSliced(0, maxBlockLines)
}

// footnoteGuard counts the page's footnote definitions and, past
// maxFootnotes, takes the line of the next as a paragraph.
type footnoteGuard struct{}

func (footnoteGuard) Trigger() []byte { return []byte{'['} }

func (footnoteGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pos := pc.BlockOffset(); pos < 0 || !bytes.HasPrefix(line[pos:], []byte("[^")) || !bytes.Contains(line, []byte("]:")) {
		return nil, parser.NoChildren
	}
	st := stateOf(pc)
	if st.limits.footnotes++; st.limits.footnotes <= maxFootnotes {
		return nil, parser.NoChildren
	}
	st.overLimit(seg.Start, "more than %d footnotes on one page; put some of them on a page of their own", maxFootnotes)
	return lineAsParagraph(reader), parser.NoChildren
}

func (footnoteGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (footnoteGuard) Close(ast.Node, text.Reader, parser.Context) {}
func (footnoteGuard) CanInterruptParagraph() bool                 { return true }
func (footnoteGuard) CanAcceptIndentedLine() bool                 { return false }
