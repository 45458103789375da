package search

import (
	"errors"
	"slices"
	"sort"
	"sync"

	"lentera/generator/internal/wire"
)

// A Page is stored in the build cache, so that a later build analyses
// only the pages that changed. Encode and Decode give it in wire's
// encoding.

// Encode writes p into w: as one blob, so that a page read back can be
// kept encoded until its index is assembled again, and written out again
// as it came when it is not.
func (p *Page) Encode(w *wire.Writer) {
	if p.raw != nil {
		w.Blob(p.raw)
		return
	}
	var body wire.Writer
	p.read.encode(&body)
	w.Blob(body.Bytes())
}

func (d docTerms) encode(w *wire.Writer) {
	forms := make([]string, 0, len(d.forms))
	for f := range d.forms {
		forms = append(forms, f)
	}
	sort.Strings(forms) // one page, one encoding
	w.Bool(d.forms != nil)
	w.Uint(uint64(len(forms)))
	for _, f := range forms {
		w.String(f)
		w.String(d.forms[f])
	}
	w.Strings(d.terms)
	for i := range d.terms {
		w.Int(int(d.vals[i]))
		w.Int(int(d.parts[i]))
	}
	w.Int(d.length)
	for _, h := range d.head {
		w.String(h)
	}
	w.Uint(uint64(len(d.page)))
	for _, part := range d.page {
		w.Blob(part)
	}
}

// Compact keeps p in its encoding only, as the build cache holds it, and
// lets go of its decoded terms until the next Ready. A streaming build
// keeps every analysed page for the build cache, and holds less so. Not
// safe beside Ready or Encode.
func (p *Page) Compact() {
	if p.err != nil {
		return
	}
	if p.raw == nil {
		var body wire.Writer
		p.read.encode(&body)
		p.raw = slices.Clone(body.Bytes()) // without the room the writer grew
	}
	p.read, p.once = docTerms{}, sync.Once{}
}

// DecodePage reads what Encode wrote; a problem is r's error. The page
// stays encoded, sharing r's memory, until Ready decodes it.
func DecodePage(r *wire.Reader) *Page {
	raw := r.Blob()
	if r.Err() == nil && len(raw) == 0 {
		r.Fail(errors.New("search page: empty"))
	}
	return &Page{raw: raw}
}

// Ready decodes a page read by DecodePage, once; a page that does not
// decode is an error, and must be analysed again. Safe for concurrent use.
func (p *Page) Ready() error {
	p.once.Do(func() {
		if p.raw != nil {
			p.read, p.err = decodeTerms(p.raw)
		}
	})
	return p.err
}

func decodeTerms(raw []byte) (docTerms, error) {
	var d docTerms
	r := wire.NewReader(raw)
	if r.Bool() {
		d.forms = map[string]string{}
	}
	n := r.Len()
	if n > 0 && d.forms == nil {
		r.Fail(errors.New("search page: word forms where there are none"))
	}
	// The words share raw, the build cache's memory, as the parts do.
	for ; n > 0 && r.Err() == nil; n-- {
		f := r.View()
		d.forms[f] = r.View()
	}
	d.terms = r.Views()
	d.vals, d.parts = make([]int32, len(d.terms)), make([]int32, len(d.terms))
	for i := range d.terms {
		d.vals[i], d.parts[i] = r.Int32(), r.Int32()
	}
	d.length = r.Int()
	for i := range d.head {
		d.head[i] = r.View()
	}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.page = append(d.page, r.Blob())
	}
	if r.Err() == nil && len(d.page) == 0 {
		r.Fail(errors.New("search page without parts"))
	}
	return d, r.Done()
}
