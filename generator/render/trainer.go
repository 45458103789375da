package render

import (
	"fmt"
	"time"

	"lentera/generator/internal/digest"
	"lentera/generator/session"
	"lentera/generator/site"
	"lentera/generator/translation"
)

// The pages only the trainer edition has: its home at /trainer/, and per
// language the session plan and the translation status.
const (
	trainerEdition = "trainer"
	trainerHome    = "trainer"
	planKind       = "plan"
	statusKind     = "status"
)

// History is what the site's Git history tells the pages: when each source
// file last changed, and where each translation stands.
type History struct {
	Status   *translation.Report
	Modified translation.Modified // nil: nothing known
}

// SetHistory gives the renderer this build's history. Not while
// rendering.
func (r *Renderer) SetHistory(h History) {
	r.history = h
}

// PlanURL is the site path of a language's session plan, without the
// edition.
func PlanURL(lang string) string { return "/" + lang + "/plan/" }

// StatusURL is the site path of a language's translation status.
func StatusURL(lang string) string { return "/" + lang + "/status/" }

// PlanICalURL is the site path of a language's sessions as an iCalendar
// file.
func PlanICalURL(lang string) string { return "/" + lang + "/plan.ics" }

// trainerJobs are the pages of the trainer edition besides the
// participant pages it repeats.
func (r *Renderer) trainerJobs(lang string) []Job {
	var jobs []Job
	for _, kind := range []string{planKind, statusKind} {
		url := "/" + lang + "/" + kind + "/"
		jobs = append(jobs, Job{Kind: kind, Lang: lang, Edition: trainerEdition, Path: trainerEdition + url + "index.html", URL: url})
	}
	return jobs
}

// trainerView fills in what the trainer pages show.
func (r *Renderer) trainerView(v *View, job Job) {
	if job.Edition != trainerEdition {
		return
	}
	v.Status = r.history.Status
	switch {
	case job.Kind == planKind:
		v.Schedule = session.Make(v.Language, r.site.Config.Plan)
	case job.Page != nil:
		if e := r.history.Status.Of(job.Page); e != nil && e.State == translation.Stale {
			v.Stale = e
		}
	}
}

// trainerDeps is what the trainer pages show beyond the pages' own
// dependencies.
func (r *Renderer) trainerDeps(h *digest.Hash, job Job, docs Docs) {
	if job.Edition != trainerEdition {
		return
	}
	switch {
	case job.Kind == planKind:
		r.wholeLanguage(h, r.site.Lang(job.Lang), docs, nil)
	case job.Kind == "home":
		// The language's home shows only how many translations stand where.
		h.String(fmt.Sprint(r.history.Status.Count(job.Lang)))
	case job.Kind == trainerHome:
		for _, l := range r.site.Config.Languages {
			h.String(fmt.Sprint(r.history.Status.Count(l)))
		}
	case job.Kind == statusKind:
		for _, l := range r.site.Languages {
			r.wholeLanguage(h, l, docs, nil)
		}
		r.history.Status.Hash(h)
	case job.Page != nil:
		r.history.Status.Of(job.Page).Hash(h)
	}
}

// modified is when a page's source last changed: its last commit, or its
// file's modification time; for a section without a file, its newest
// page's; the build date when nothing is known.
func (r *Renderer) modified(p *site.Page) time.Time {
	var t time.Time
	if p.File != "" && r.history.Modified != nil {
		t = r.history.Modified(p.File)
	} else if p.File == "" {
		for _, c := range p.Children {
			if m := r.modified(c); m.After(t) {
				t = m
			}
		}
	}
	if t.IsZero() {
		return r.buildDate
	}
	return t
}

// SitemapKey is a digest of what the sitemap shows beyond the pages and
// their places: their dates.
func (r *Renderer) SitemapKey() uint64 {
	h := digest.New()
	for _, l := range r.site.Languages {
		for _, p := range l.Pages {
			h.Int(r.modified(p).Unix())
		}
	}
	return h.Sum()
}
