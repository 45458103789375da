package search

import (
	"errors"
	"sort"

	"lentera/generator/internal/wire"
)

// A Page is stored in the build cache, so that a later build analyses
// only the pages that changed. Encode and Decode give it in wire's
// encoding.

// Encode writes p into w.
func (p *Page) Encode(w *wire.Writer) {
	r := p.read
	forms := make([]string, 0, len(r.forms))
	for f := range r.forms {
		forms = append(forms, f)
	}
	sort.Strings(forms) // one page, one encoding
	w.Bool(r.forms != nil)
	w.Uint(uint64(len(forms)))
	for _, f := range forms {
		w.String(f)
		w.String(r.forms[f])
	}
	w.Strings(r.terms)
	for i := range r.terms {
		w.Int(r.vals[i])
		w.Int(r.parts[i])
	}
	w.Int(r.length)
	w.Uint(uint64(len(r.page)))
	for _, part := range r.page {
		w.Blob(part)
	}
}

// DecodePage reads what Encode wrote; a problem is r's error. The parts
// share r's memory.
func DecodePage(r *wire.Reader) *Page {
	var d docTerms
	if r.Bool() {
		d.forms = map[string]string{}
	}
	n := r.Len()
	if n > 0 && d.forms == nil {
		r.Fail(errors.New("search page: word forms where there are none"))
	}
	for ; n > 0 && r.Err() == nil; n-- {
		f := r.String()
		d.forms[f] = r.String()
	}
	d.terms = r.Strings()
	d.vals, d.parts = make([]int, len(d.terms)), make([]int, len(d.terms))
	for i := range d.terms {
		d.vals[i], d.parts[i] = r.Int(), r.Int()
	}
	d.length = r.Int()
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		d.page = append(d.page, r.Blob())
	}
	if r.Err() == nil && len(d.page) == 0 {
		r.Fail(errors.New("search page without parts"))
	}
	return &Page{read: d}
}
