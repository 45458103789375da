package markup

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"

	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/internal/wire"
	"lentera/generator/linkcheck"
)

// A Doc is stored in the build cache, so that a later build can take a
// page's conversion instead of converting it again: EncodeSpooled writes
// what it says of its page, with where each pass's HTML is in what
// WriteHTML writes of many Docs, and DecodeSpooled reads it back, the HTML
// read from a spool when a build uses it. A warning keeps its position and
// message, and comes back as a *fileerr.Error (or a plain error) that
// prints the same.

// EncodeSpooled writes d into w, and for each pass's HTML where it is in
// what WriteHTML writes, were that written from *at on; it moves *at past
// it. A file can so keep the HTML apart, for a later build to read a page
// when it needs it rather than all with the rest.
func (d *Doc) EncodeSpooled(w *wire.Writer, at *int64) {
	d.encodeMeta(w)
	for _, p := range d.passes() {
		encodePass(w, p, d.sums[p])
		n := d.normalLen(p)
		w.Uint(uint64(*at))
		w.Uint(uint64(n))
		*at += int64(n)
	}
}

// WriteHTML writes the HTML of docs' passes, doc by doc, as EncodeSpooled
// counts them. HTML that lies in a row in one spool (the pages of the last
// build cache that this build did not convert again) is copied a run at a
// time, not read back page by page.
func WriteHTML(w io.Writer, docs []*Doc) error {
	var run struct {
		spool *Spool
		at    int64
		n     int64
	}
	buf := make([]byte, spoolWrite)
	flush := func() error {
		if run.n == 0 {
			return nil
		}
		err := run.spool.copyTo(w, run.at, run.n, buf)
		run.n = 0
		return err
	}
	for _, d := range docs {
		for _, p := range d.passes() {
			if d.spool == nil {
				if err := flush(); err != nil {
					return err
				}
				if _, err := w.Write(d.html[p]); err != nil {
					return err
				}
				continue
			}
			sp := d.spans[p]
			if run.n > 0 && (run.spool != d.spool || run.at+run.n != sp.at) {
				if err := flush(); err != nil {
					return err
				}
			}
			if run.n == 0 {
				run.spool, run.at = d.spool, sp.at
			}
			run.n += int64(sp.n)
		}
	}
	return flush()
}

// DecodeSpooled reads into d what EncodeSpooled wrote, where s gives back
// what WriteHTML wrote, size bytes; a problem is r's error.
func (d *Doc) DecodeSpooled(r *wire.Reader, s *Spool, size int64) {
	d.decodeMeta(r)
	d.spool, d.spans = s, map[Pass]span{}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		p, sum := decodePass(r)
		at, k := r.Uint(), r.Uint()
		if at > uint64(size) || k > uint64(size)-at {
			r.Fail(fmt.Errorf("HTML at %d, %d bytes, past the %d there are", at, k, size))
			return
		}
		d.sums[p], d.spans[p] = sum, span{at: int64(at), n: int(k)}
	}
}

// CheckSpooled reads the HTML of docs that DecodeSpooled read from s, size
// bytes, and reports the first pass whose HTML does not hash to its sum.
// A build cache checks its entries whole, sums and all, before a build
// takes them; its HTML, most of the file, is checked so, while the site
// loads, and a page in it is used only after.
func CheckSpooled(s *Spool, size int64, docs []*Doc) error {
	from, err := s.whole(size)
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(from, 1<<20)
	var at int64
	var html []byte
	for _, pc := range spooledIn(s, docs) {
		html = slices.Grow(html[:0], pc.n)[:pc.n]
		if pc.n > 0 { // an empty pass lies where the next begins
			if pc.at < at {
				return errors.New("two pages' HTML overlap")
			}
			if _, err := r.Discard(int(pc.at - at)); err != nil {
				return fmt.Errorf("reading the HTML: %w", err)
			}
			if _, err := io.ReadFull(r, html); err != nil {
				return fmt.Errorf("reading the HTML: %w", err)
			}
			at = pc.at + int64(pc.n)
		}
		if digest.Of(html) != pc.sum {
			return fmt.Errorf("the HTML at %d does not match its sum", pc.at)
		}
	}
	return nil
}

// spooledPass is where a pass's HTML lies in a spool, and its sum.
type spooledPass struct {
	span
	sum uint64
}

// spooledIn lists the passes of docs whose HTML is in s, in the order it
// lies there.
func spooledIn(s *Spool, docs []*Doc) []spooledPass {
	var passes []spooledPass
	for _, d := range docs {
		if d.spool != s {
			continue
		}
		for p, sp := range d.spans {
			passes = append(passes, spooledPass{sp, d.sums[p]})
		}
	}
	slices.SortFunc(passes, func(a, b spooledPass) int { return cmp.Compare(a.at, b.at) })
	return passes
}

// passes lists d's passes in a fixed order.
func (d *Doc) passes() []Pass {
	passes := make([]Pass, 0, len(d.sums))
	for p := range d.sums {
		passes = append(passes, p)
	}
	sort.Slice(passes, func(i, j int) bool { return passLess(passes[i], passes[j]) })
	return passes
}

func encodePass(w *wire.Writer, p Pass, sum uint64) {
	w.String(p.Edition)
	w.Bool(p.Workbook)
	w.Bool(p.Slides)
	w.Fixed(sum)
}

func decodePass(r *wire.Reader) (Pass, uint64) {
	p := Pass{Edition: r.String(), Workbook: r.Bool(), Slides: r.Bool()}
	return p, r.Fixed()
}

// encodeMeta writes what d says of its page, all but the passes.
func (d *Doc) encodeMeta(w *wire.Writer) {
	w.Uint(uint64(len(d.TOC)))
	for _, h := range d.TOC {
		w.Int(h.Level)
		w.String(h.ID)
		w.String(h.Text)
	}
	w.Strings(d.Uses)
	w.Strings(d.Images)
	w.Strings(d.Terms)
	w.String(d.Lead)
	w.Uint(uint64(len(d.Links)))
	for _, l := range d.Links {
		w.String(l.File)
		w.Int(l.Line)
		w.Int(l.Col)
		w.String(l.Dest)
		w.String(l.Path)
		w.String(l.Fragment)
	}
	w.Uint(uint64(len(d.Warnings)))
	for _, e := range d.Warnings {
		encodeError(w, e)
	}
	w.Strings(d.Resolved)
	w.Fixed(d.targets)
	w.Bool(d.varies.edition)
	w.Bool(d.varies.workbook)
	w.Bool(d.varies.slides)
	w.Uint(uint64(len(d.sums)))
}

// decodeMeta reads what encodeMeta wrote into a new d.
func (d *Doc) decodeMeta(r *wire.Reader) {
	*d = Doc{}
	// Lists grow as their items are read rather than as long as a count
	// says, which a damaged count could make huge.
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.TOC = append(d.TOC, Heading{Level: r.Int(), ID: r.String(), Text: r.String()})
	}
	d.Uses = r.Strings()
	d.Images = r.Strings()
	d.Terms = r.Strings()
	d.Lead = r.String()
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.Links = append(d.Links, linkcheck.Link{File: r.String(), Line: r.Int(), Col: r.Int(), Dest: r.String(), Path: r.String(), Fragment: r.String()})
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.Warnings = append(d.Warnings, decodeError(r))
	}
	d.Resolved = r.Strings()
	d.targets = r.Fixed()
	d.varies = varies{edition: r.Bool(), workbook: r.Bool(), slides: r.Bool()}
	d.sums = map[Pass]uint64{}
}

func passLess(a, b Pass) bool {
	if a.Edition != b.Edition {
		return a.Edition < b.Edition
	}
	if a.Workbook != b.Workbook {
		return !a.Workbook
	}
	return !a.Slides && b.Slides
}

// Warnings are positioned errors, with a plain error now and then.
const (
	plainError = iota
	positionedError
)

func encodeError(w *wire.Writer, e error) {
	if fe, ok := e.(*fileerr.Error); ok && fe.Err != nil {
		w.Uint(positionedError)
		w.String(fe.Path)
		w.Int(fe.Line)
		w.Int(fe.Col)
		w.String(fe.Err.Error())
		return
	}
	w.Uint(plainError)
	w.String(e.Error())
}

func decodeError(r *wire.Reader) error {
	switch kind := r.Uint(); kind {
	case positionedError:
		return &fileerr.Error{Path: r.String(), Line: r.Int(), Col: r.Int(), Err: errors.New(r.String())}
	case plainError:
		return errors.New(r.String())
	default:
		r.Fail(fmt.Errorf("unknown kind of warning %d", kind))
		return errors.New("")
	}
}
