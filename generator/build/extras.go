package build

import (
	"io/fs"
	"strings"
	"time"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/internal/parallel"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// extras are the outputs that are not pages: calendar files, robots.txt,
// the files copied from content/ and the link-preview cards.
func (b *Builder) extras(s *site.Site, r *render.Renderer, editions []string, date time.Time, prev, next *cache) ([]publish.File, error) {
	files := []publish.File{{Path: "robots.txt", Body: r.Robots()}}
	for _, ed := range editions {
		files = append(files, calendars(s, ed, date)...)
		if ed == "trainer" {
			plans, err := planCalendars(s, calendarDomain(s), calendarStamp(date))
			if err != nil {
				return nil, err
			}
			files = append(files, plans...)
		}
	}
	copied, err := b.copyFiles(s)
	if err != nil {
		return nil, err
	}
	cards, err := b.cards(s, r, prev, next)
	if err != nil {
		return nil, err
	}
	return append(append(files, copied...), cards...), nil
}

// sitemapFile is the sitemap, made in the gather phase: it lists every
// page, and a save in the dev server need not wait for it. It is made
// again only when pages come, go or move, or their dates change.
func sitemapFile(r *render.Renderer, world uint64, prev, next *cache) publish.File {
	next.sitemap = prev.sitemap
	key := world ^ r.SitemapKey()
	if prev.sitemap.key != key || prev.sitemap.body == nil {
		next.sitemap = pageEntry{key: key, body: r.Sitemap()}
	}
	return publish.File{Path: sitemapPath, Body: next.sitemap.body}
}

const sitemapPath = "sitemap.xml"

// calendars writes an iCalendar file per calendar and language.
func calendars(s *site.Site, edition string, date time.Time) []publish.File {
	domain := calendarDomain(s)
	var files []publish.File
	for _, doc := range s.Data {
		if doc.Calendar == nil {
			continue
		}
		for _, lang := range s.Config.Languages {
			body := doc.Calendar.ICal(doc.Title, data.ICalOptions{
				Src:      doc.Src,
				Lang:     lang,
				Fallback: s.Config.DefaultLang(),
				ProdID:   "-//" + s.Config.Title.In(lang, s.Config.DefaultLang()) + "//lentera//" + strings.ToUpper(lang),
				Domain:   domain,
				Stamp:    calendarStamp(date),
			})
			files = append(files, publish.File{Path: editionPath(edition, site.FilePath(render.CalendarURL(lang, doc.Src))), Body: body})
		}
	}
	return files
}

func editionPath(edition, url string) string {
	if edition == "" {
		return strings.TrimPrefix(url, "/")
	}
	return edition + url
}

// copyFiles publishes the non-Markdown files under content/<lang>/.
func (b *Builder) copyFiles(s *site.Site) ([]publish.File, error) {
	files := make([]publish.File, len(s.Files))
	err := parallel.Do(len(s.Files), func(i int) error {
		f := s.Files[i]
		if f.Broken { // a load that refused a file fails; this is a bug
			return fileerr.Errorf(f.Src, 0, 0, "refused when the site was loaded, and not published")
		}
		body := f.Body // as the loader checked it
		if body == nil {
			var err error
			if body, err = fs.ReadFile(b.fsys, f.Src); err != nil {
				return fileerr.New(f.Src, 0, 0, err)
			}
		}
		files[i] = publish.File{Path: strings.TrimPrefix(site.FilePath(f.URL), "/"), Body: cleanPhoto(f.Src, body)}
		return b.minifyFile(&files[i])
	})
	return files, err
}

// calendarDomain is the right-hand side of calendar UIDs: the site's host.
func calendarDomain(s *site.Site) string {
	if host := site.NewURLs(s.Config.BaseURL).Host(); host != "" {
		return host
	}
	return "lentera.invalid"
}

// calendarStamp is the DTSTAMP of calendar files: the build's day, so a
// rebuild the same day writes the same file.
func calendarStamp(date time.Time) time.Time {
	return time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
}
