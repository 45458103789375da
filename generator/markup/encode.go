package markup

import (
	"errors"
	"fmt"
	"sort"

	"lentera/generator/fileerr"
	"lentera/generator/internal/wire"
	"lentera/generator/linkcheck"
)

// A Doc is stored in the build cache, so that a later build can take a
// page's conversion instead of converting it again. MarshalBinary and
// UnmarshalBinary give it in wire's encoding: a warning keeps its position
// and message, and comes back as a *fileerr.Error (or a plain error) that
// prints the same.

// MarshalBinary encodes d.
func (d *Doc) MarshalBinary() ([]byte, error) {
	var w wire.Writer
	d.Encode(&w)
	return w.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded into d. The HTML
// shares data's memory.
func (d *Doc) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data)
	d.Decode(r)
	return r.Done()
}

// Encode writes d into w, for a caller that stores many Docs in one file.
func (d *Doc) Encode(w *wire.Writer) {
	w.Uint(uint64(len(d.TOC)))
	for _, h := range d.TOC {
		w.Int(h.Level)
		w.String(h.ID)
		w.String(h.Text)
	}
	w.Strings(d.Uses)
	w.Strings(d.Images)
	w.Strings(d.Terms)
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
	w.Bool(d.varies.edition)
	w.Bool(d.varies.workbook)
	w.Bool(d.varies.slides)
	passes := make([]Pass, 0, len(d.sums))
	for p := range d.sums {
		passes = append(passes, p)
	}
	sort.Slice(passes, func(i, j int) bool { return passLess(passes[i], passes[j]) })
	w.Uint(uint64(len(passes)))
	for _, p := range passes {
		w.String(p.Edition)
		w.Bool(p.Workbook)
		w.Bool(p.Slides)
		w.Fixed(d.sums[p])
		w.Blob(d.normalHTML(p))
	}
}

// Decode reads into d what Encode wrote; a problem is r's error.
func (d *Doc) Decode(r *wire.Reader) {
	*d = Doc{}
	// Lists grow as their items are read rather than as long as a count
	// says, which a damaged count could make huge.
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.TOC = append(d.TOC, Heading{Level: r.Int(), ID: r.String(), Text: r.String()})
	}
	d.Uses = r.Strings()
	d.Images = r.Strings()
	d.Terms = r.Strings()
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.Links = append(d.Links, linkcheck.Link{File: r.String(), Line: r.Int(), Col: r.Int(), Dest: r.String(), Path: r.String(), Fragment: r.String()})
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.Warnings = append(d.Warnings, decodeError(r))
	}
	d.varies = varies{edition: r.Bool(), workbook: r.Bool(), slides: r.Bool()}
	d.html, d.sums = map[Pass][]byte{}, map[Pass]uint64{}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		p := Pass{Edition: r.String(), Workbook: r.Bool(), Slides: r.Bool()}
		d.sums[p] = r.Fixed()
		d.html[p] = r.Blob()
	}
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
