// Package translation works out where each chapter's translations stand:
// done, missing, or stale, which is when the default-language chapter has
// commits newer than the translation's last commit (or newer than the
// commit its front matter says it was reviewed at).
package translation

import (
	"time"

	"lentera/generator/internal/digest"
	"lentera/generator/site"
	"lentera/generator/vcs"
)

// State is where one translation of a chapter stands.
type State int

// The states of a translation.
const (
	Done    State = iota
	Missing       // no chapter in this language
	Stale         // the default-language chapter changed since
)

func (s State) String() string {
	return [...]string{"done", "missing", "stale"}[s]
}

// Entry is one chapter in one language.
type Entry struct {
	Lang     string
	Page     *site.Page // nil when Missing
	State    State
	Modified time.Time    // its last commit, or its file's modification time outside Git
	Behind   []vcs.Commit // Stale: the default-language chapter's newer commits, oldest first
	Since    vcs.Commit   // Stale: what Behind is counted from
	// BadReview is the front matter's reviewed value when it names no
	// commit of the site; the translation's own last commit is used.
	BadReview string
}

// Row is a chapter in every language, in the course order of the default
// language; chapters only some other language has come last.
type Row struct {
	Source  *site.Page // the default-language chapter, or the first language's that has it
	Entries []Entry    // one per site language, in site.yaml's order
}

// Report is the translation status of a whole site.
type Report struct {
	Rows []Row
	// NoHistory says why staleness could not be known (the site is not
	// in a Git checkout); "" when it could. It may name local folders:
	// for the terminal, not for pages.
	NoHistory string
	byPage    map[*site.Page]*Entry
}

// Modified tells when a file last changed.
type Modified func(path string) time.Time

// Compute makes the report. hist is nil outside Git, with noHistory saying
// why.
func Compute(s *site.Site, hist *vcs.History, noHistory string, modified Modified) *Report {
	r := &Report{NoHistory: noHistory, byPage: map[*site.Page]*Entry{}}
	def := s.Config.DefaultLang()
	seen := map[*site.Page]bool{}
	for _, l := range s.Languages {
		code := l.Code
		for _, p := range l.Chapters {
			if seen[p] {
				continue
			}
			row := Row{Source: p}
			for _, lang := range s.Config.Languages {
				t := p.Translation(lang)
				if lang == code {
					t = p
				}
				seen[t] = t != nil
				row.Entries = append(row.Entries, entry(lang, t, p.Translation(def), hist, modified))
			}
			r.Rows = append(r.Rows, row)
		}
	}
	for i := range r.Rows {
		for j := range r.Rows[i].Entries {
			if e := &r.Rows[i].Entries[j]; e.Page != nil {
				r.byPage[e.Page] = e
			}
		}
	}
	return r
}

func entry(lang string, t, source *site.Page, hist *vcs.History, modified Modified) Entry {
	if t == nil {
		return Entry{Lang: lang, State: Missing}
	}
	e := Entry{Lang: lang, Page: t, State: Done, Modified: modified(t.File)}
	if source == nil || source == t || hist == nil {
		return e
	}
	base, ok := hist.Last(t.File)
	if rev := t.Meta.Reviewed; rev != "" {
		if c, found := hist.Find(rev); found {
			base, ok = c, true
		} else {
			e.BadReview = rev
		}
	}
	if !ok {
		// Not committed yet: a translation being written, not one left
		// behind.
		return e
	}
	if behind := hist.Since(source.File, base); len(behind) > 0 {
		e.State, e.Behind, e.Since = Stale, behind, base
	}
	return e
}

// Of returns the entry of a chapter, nil for other pages.
func (r *Report) Of(p *site.Page) *Entry {
	if r == nil {
		return nil
	}
	return r.byPage[p]
}

// Counts are how many chapters of a language are in each state.
type Counts struct{ Done, Missing, Stale int }

// Count counts the chapters of lang by state.
func (r *Report) Count(lang string) Counts {
	var n Counts
	if r == nil {
		return n
	}
	for _, row := range r.Rows {
		for _, e := range row.Entries {
			if e.Lang != lang {
				continue
			}
			switch e.State {
			case Done:
				n.Done++
			case Missing:
				n.Missing++
			case Stale:
				n.Stale++
			}
		}
	}
	return n
}

// Hash writes everything the report shows into h, for rebuild keys.
func (r *Report) Hash(h *digest.Hash) {
	h.String(r.NoHistory)
	for _, row := range r.Rows {
		h.String(row.Source.URL)
		for _, e := range row.Entries {
			e.Hash(h)
		}
	}
}

// Hash writes what an entry shows into h.
func (e *Entry) Hash(h *digest.Hash) {
	if e == nil {
		h.String("-")
		return
	}
	h.String(e.Lang + "\x00" + e.State.String() + "\x00" + e.BadReview + "\x00" + e.Since.Hash)
	h.Int(e.Modified.Unix())
	for _, c := range e.Behind {
		h.String(c.Hash)
	}
}
