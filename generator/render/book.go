package render

import (
	"bytes"
	"html/template"
	"io"

	"lentera/generator/internal/counted"
	"lentera/generator/internal/digest"
)

// A language's workbook is most of its converted text, and an edit to any
// chapter changes it. So each part of it is rendered on its own, by
// partLayout, into a section whose bytes depend on that part alone; a
// rebuild takes the sections of unchanged parts from the workbook the last
// build wrote, and renders only the others.

// partLayout renders one part of the workbook; print.html calls it through
// {{.Section}}.
const partLayout = "partials/print-part.html"

// partLayouts are what partLayout reads: a section is taken again only
// while they are the theme's own, whose data partKey covers.
var partLayouts = []string{partLayout, "partials/print-part-class.html", "partials/questions.html", "partials/objectives.html", "partials/keypoints.html", "partials/points.html"}

// Book is what the rendering of a workbook takes from the last one and
// leaves for the next: the caller fills in Last and Earlier, the render
// Sections and Rendered.
type Book struct {
	// Seed digests what every part shows besides its own data: the
	// layouts, UI strings and settings. It starts every section's key.
	Seed uint64
	Last []Section // the sections of the workbook the last build wrote
	// Earlier returns the bytes of one of Last as the last build wrote
	// them, or nil when they cannot be had; they need only last until the
	// next call. The render checks their sum.
	Earlier func(Section) []byte

	Sections []Section // this workbook's, in order
	Rendered int       // sections rendered; the others were taken from Last
}

// Section is where a part's section lies in a workbook's bytes.
type Section struct {
	Key     uint64 // a digest of what the part shows (see partKey)
	At, Len int64
	Sum     uint64 // of the bytes
}

// bookRun renders the sections of one workbook as its layout asks for
// them, in order.
type bookRun struct {
	r    *Renderer
	set  *template.Template
	book *Book
	out  *counted.Writer    // the page as written so far
	last map[uint64]Section // the sections that may be taken, by key
	buf  bytes.Buffer       // the last section rendered; written before the next is asked for
}

// startBook readies the parts of a workbook's view to render their
// sections into out, which it returns counted.
func (r *Renderer) startBook(v *View, bs *boundSet, book *Book, out io.Writer) io.Writer {
	if book == nil {
		book = &Book{} // nothing to take; what is made goes unread
	}
	book.Sections, book.Rendered = book.Sections[:0], 0
	c := &counted.Writer{W: out}
	run := &bookRun{r: r, set: bs.common, book: book, out: c}
	if r.themeOwn(partLayouts) {
		run.last = make(map[uint64]Section, len(book.Last))
		for _, s := range book.Last {
			run.last[s.Key] = s
		}
	}
	for i := range v.Parts {
		v.Parts[i].run = run
	}
	return c
}

// themeOwn reports whether the layout files named are all the theme's.
func (r *Renderer) themeOwn(names []string) bool {
	for _, name := range names {
		if !r.themeLayouts[name] {
			return false
		}
	}
	return true
}

// section is part p rendered, or taken from the last workbook. The layout
// writes it as soon as it is returned, so it starts where the page stands
// now.
func (run *bookRun) section(p Part) (template.HTML, error) {
	key := run.r.partKey(run.book.Seed, p)
	at := run.out.N
	if s, ok := run.last[key]; ok && run.book.Earlier != nil {
		if b := run.book.Earlier(s); int64(len(b)) == s.Len && digest.Of(b) == s.Sum {
			run.book.Sections = append(run.book.Sections, Section{Key: key, At: at, Len: s.Len, Sum: s.Sum})
			return converted(b), nil
		}
	}
	html, err := run.render(p)
	if err != nil {
		return "", err
	}
	b := run.buf.Bytes()
	run.book.Sections = append(run.book.Sections, Section{Key: key, At: at, Len: int64(len(b)), Sum: digest.Of(b)})
	run.book.Rendered++
	return html, nil
}

func (run *bookRun) render(p Part) (template.HTML, error) {
	run.buf.Reset()
	if err := run.set.ExecuteTemplate(&run.buf, partLayout, p); err != nil {
		return "", err
	}
	return converted(run.buf.Bytes()), nil
}

// partKey digests what partLayout shows of a part: seed, its front matter
// and duration, its place among sections (which numbers it), its converted
// text, its language and edition.
func (r *Renderer) partKey(seed uint64, p Part) uint64 {
	h := digest.New()
	h.Int(int64(seed))
	h.String(p.Page.Lang + "\x00" + p.pass.Edition + "\x00" + p.Anchor)
	r.meta(h, p.Page)
	for q := p.Page; q != nil; q = q.Parent {
		h.Int(int64(q.Kind))
	}
	content(h, p.doc, p.pass)
	return h.Sum()
}
