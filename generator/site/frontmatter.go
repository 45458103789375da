package site

import (
	"slices"
	"time"

	"lentera/generator/internal/wire"
)

// FrontMatters are parsed front matters by a digest of their text. The
// build cache keeps them from one run of the program to the next, so that
// a build after an edit parses only the front matter that changed: YAML
// is most of reading a course's pages. Front matter with params is not
// kept, since their values have no encoding here; it is parsed each time.
type FrontMatters map[uint64]Meta

// Remember gives the loader front matters parsed before, to take rather
// than parse again. It must not be called while Load runs.
func (l *Loader) Remember(known FrontMatters) { l.fronts = known }

// FrontMatters are those of the pages as last loaded, for the build cache.
func (l *Loader) FrontMatters() FrontMatters {
	out := FrontMatters{}
	for _, pf := range l.parsed {
		if pf.meta.Params == nil {
			out[pf.front] = pf.meta
		}
	}
	return out
}

// Encode writes the front matters in order of their digests, so one set
// gives one encoding.
func (f FrontMatters) Encode(w *wire.Writer) {
	keys := make([]uint64, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.Uint(uint64(len(keys)))
	for _, k := range keys {
		w.Fixed(k)
		f[k].encode(w)
	}
}

// DecodeFrontMatters reads what Encode wrote; a problem is r's error.
func DecodeFrontMatters(r *wire.Reader) FrontMatters {
	f := FrontMatters{}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		k := r.Fixed()
		f[k] = decodeMeta(r)
	}
	return f
}

// encode writes every field but Params, which FrontMatters leaves out.
func (m Meta) encode(w *wire.Writer) {
	w.String(m.Title)
	w.Int(m.Weight)
	w.String(m.Description)
	w.Strings(m.Objectives)
	w.Strings(m.Questions)
	w.Strings(m.KeyPoints)
	w.Int(int(m.Duration))
	w.Bool(m.Draft)
	w.String(m.TranslationKey)
	w.String(m.Reviewed)
	w.String(m.Image)
	w.Int(m.ImageLine)
	w.String(m.Edition)
}

func decodeMeta(r *wire.Reader) Meta {
	return Meta{
		Title:          r.String(),
		Weight:         r.Int(),
		Description:    r.String(),
		Objectives:     r.Strings(),
		Questions:      r.Strings(),
		KeyPoints:      r.Strings(),
		Duration:       time.Duration(r.Int()),
		Draft:          r.Bool(),
		TranslationKey: r.String(),
		Reviewed:       r.String(),
		Image:          r.String(),
		ImageLine:      r.Int(),
		Edition:        r.String(),
	}
}
