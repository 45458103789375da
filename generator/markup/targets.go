package markup

import (
	"strconv"

	"lentera/generator/internal/digest"
	"lentera/generator/site"
)

// resolve resolves a link or image of the page, and notes it for
// Doc.Resolved.
func (st *state) resolve(dest string) (site.Target, error) {
	if !st.seen[dest] {
		if st.seen == nil {
			st.seen = map[string]bool{}
		}
		st.seen[dest] = true
		st.resolved = append(st.resolved, dest)
	}
	return st.in.Site.Resolve(st.in.Page, dest)
}

// SameTargets reports whether every link and image of the converted page
// p still leads where it led in s, as far as converting reads it.
func (d *Doc) SameTargets(s *site.Site, p *site.Page) bool {
	return targetsSum(s, p, d.Resolved) == d.targets
}

// targetsSum is a digest of where dests, the links and images of page p,
// lead in s: everything a conversion takes from a target (its path; the
// page's file, URL, place in the workbook, language, kind and editions),
// or the error.
func targetsSum(s *site.Site, p *site.Page, dests []string) uint64 {
	h := digest.New()
	for _, dest := range dests {
		t, err := s.Resolve(p, dest)
		switch {
		case err != nil:
			h.String("error\x00" + err.Error())
		case t.Page == nil:
			h.String("file\x00" + t.Path)
		default:
			tp := t.Page
			h.String("page\x00" + t.Path + "\x00" + tp.File + "\x00" + tp.URL + "\x00" + Anchor(tp) + "\x00" + tp.Lang + "\x00" +
				strconv.Itoa(int(tp.Kind)) + "\x00" + strconv.FormatBool(tp.InEdition("")) + strconv.FormatBool(tp.InEdition("trainer")))
		}
	}
	return h.Sum()
}
