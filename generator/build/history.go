package build

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"time"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/publish"
	"lentera/generator/session"

	"lentera/generator/render"
	"lentera/generator/site"
	"lentera/generator/translation"
	"lentera/generator/vcs"
)

// gitLog is the site folder's history, read while the site loads.
type gitLog struct {
	hist   *vcs.History
	reason string // why there is none
}

// readHistory starts reading the Git history of the site folder and
// returns a function that waits for it; while HEAD has not moved, the
// last build's history is used again, so a save in serve runs no git. A site given only as an fs.FS has
// no folder, so no history.
func (b *Builder) readHistory(ctx context.Context) func() gitLog {
	if b.opts.SiteDir == "" {
		return func() gitLog { return gitLog{reason: "the site is not read from a folder"} }
	}
	if b.gitLog.hist.Current() {
		last := b.gitLog
		return func() gitLog { return last }
	}
	done := make(chan gitLog, 1)
	go func() {
		h, err := vcs.Load(ctx, b.opts.SiteDir)
		if err != nil {
			done <- gitLog{reason: err.Error()}
			return
		}
		done <- gitLog{hist: h}
	}()
	return func() gitLog {
		b.gitLog = <-done
		return b.gitLog
	}
}

// history is what the pages are told about the site's history: the date of
// every page's source, and the translation status.
func (b *Builder) history(s *site.Site, log gitLog, changed map[string]bool) render.History {
	dates := map[string]time.Time{}
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			if p.File == "" {
				continue
			}
			// A build told what changed asks the file system only about
			// those files: a save must not cost a look at every page.
			if t, ok := b.mtimes[p.File]; ok && log.hist == b.mtimesHist && !touched(changed, p.File) {
				dates[p.File] = t
				continue
			}
			dates[p.File] = b.modified(log.hist, p)
		}
	}
	b.mtimes, b.mtimesHist = dates, log.hist
	modified := func(path string) time.Time { return dates[path] }
	return render.History{Status: translation.Compute(s, log.hist, log.reason, modified), Modified: modified}
}

// touched reports whether file is among the changed paths, or inside a
// changed folder; with no list, everything may have changed.
func touched(changed map[string]bool, file string) bool {
	if changed == nil || changed[file] {
		return true
	}
	if len(changed) <= 8 {
		// A save: a few paths, compared without making each folder
		// name of file.
		for c := range changed {
			if len(file) > len(c) && file[len(c)] == '/' && strings.HasPrefix(file, c) {
				return true
			}
		}
		return false
	}
	for p := file; p != "." && p != "/"; p = path.Dir(p) {
		if changed[p] {
			return true
		}
	}
	return false
}

// modified is the last commit of a page's file, or its modification time
// when it has none: as the loader found it, or else asked of the file
// system.
func (b *Builder) modified(hist *vcs.History, p *site.Page) time.Time {
	if c, ok := hist.Last(p.File); ok {
		return c.Time
	}
	if !p.Modified.IsZero() {
		return p.Modified.UTC()
	}
	if info, err := fs.Stat(b.fsys, p.File); err == nil {
		return info.ModTime().UTC()
	}
	return time.Time{}
}

// planCalendars writes each language's session plan as an iCalendar file
// in the trainer edition, when site.yaml's plan has a first day.
func planCalendars(s *site.Site, domain string, stamp time.Time) ([]publish.File, error) {
	cfg := s.Config
	if cfg.Plan.Date.IsZero() {
		return nil, nil
	}
	var files []publish.File
	for _, l := range s.Languages {
		var sessions []data.Session
		for _, day := range session.Make(l, cfg.Plan).Days {
			for _, slot := range day.Slots {
				if slot.Page == nil {
					continue
				}
				if day.Date.Year() > 9999 {
					// A calendar file's dates have four digits.
					return nil, fileerr.Errorf(site.ConfigFile, cfg.Plan.DateAt[0], cfg.Plan.DateAt[1], "date %s: the %s session plan runs past 9999-12-31, the last day a calendar can hold", cfg.Plan.Date.Format(time.DateOnly), l.Code)
				}
				sessions = append(sessions, data.Session{
					ID:          data.Slug(slot.Page.Key),
					Summary:     slot.Page.Meta.Title,
					Description: slot.Page.Meta.Description,
					Start:       day.At(slot.Start),
					End:         day.At(slot.End),
				})
			}
		}
		title := cfg.Title.In(l.Code, cfg.DefaultLang())
		body := data.SessionsICal(title, sessions, data.ICalOptions{
			Src: "plan", Lang: l.Code, Domain: domain, Stamp: stamp,
			ProdID: "-//" + title + "//lentera//" + strings.ToUpper(l.Code),
		})
		files = append(files, publish.File{Path: editionPath("trainer", render.PlanICalURL(l.Code)), Body: body})
	}
	return files, nil
}
