package markup

import (
	"strconv"

	"lentera/generator/internal/digest"
	"lentera/generator/site"
)

// resolve resolves a link or image of the page, and notes it, once, for
// Doc.Resolved and the digest of where it leads.
func (st *state) resolve(dest string) (site.Target, error) {
	t, err := st.in.Site.Resolve(st.in.Page, dest)
	if !st.seen[dest] {
		if st.seen == nil {
			st.seen, st.targets = map[string]bool{}, digest.New()
		}
		st.seen[dest] = true
		st.resolved = append(st.resolved, dest)
		addTarget(st.targets, st.in, t, err)
	}
	return t, err
}

// targetsSum is the digest of where the links and images st resolved
// lead: what targetsSum(st.in, st.resolved) gives, without resolving them
// a second time.
func (st *state) targetsSum() uint64 {
	if st.targets == nil {
		return digest.New().Sum()
	}
	return st.targets.Sum()
}

// SameTargets reports whether every link and image of the page converted
// as Doc still leads where it led, in the site and with the images of in,
// as far as converting reads it.
func (d *Doc) SameTargets(in Input) bool {
	return targetsSum(in, d.Resolved) == d.targets
}

// targetsSum is a digest of where dests, the links and images of in's
// page, lead.
func targetsSum(in Input, dests []string) uint64 {
	h := digest.New()
	for _, dest := range dests {
		t, err := in.Site.Resolve(in.Page, dest)
		addTarget(h, in, t, err)
	}
	return h.Sum()
}

// addTarget adds to h everything a conversion takes from where a link or
// image leads: its path; a file's size and smaller copies when it is an
// image; the page's file, URL, place in the workbook, language, kind and
// editions; or the error.
func addTarget(h *digest.Hash, in Input, t site.Target, err error) {
	switch {
	case err != nil:
		h.String("error\x00" + err.Error())
	case t.Page == nil:
		h.String("file\x00" + t.Path)
		imageSum(h, in, t.Path)
	default:
		tp := t.Page
		h.String("page\x00" + t.Path + "\x00" + tp.File + "\x00" + tp.URL + "\x00" + Anchor(tp) + "\x00" + tp.Lang + "\x00" +
			strconv.Itoa(int(tp.Kind)) + "\x00" + strconv.FormatBool(tp.InEdition("")) + strconv.FormatBool(tp.InEdition("trainer")))
	}
}

// imageSum adds what the page's conversion reads of the image at path.
func imageSum(h *digest.Hash, in Input, path string) {
	if in.ImageSize != nil {
		w, ht, ok := in.ImageSize(path)
		h.Int(int64(w))
		h.Int(int64(ht))
		h.Bool(ok)
	}
	if in.ImageSources != nil {
		for _, src := range in.ImageSources(path) {
			h.String(src.Path)
			h.Int(int64(src.Width))
		}
	}
}
