package build

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/sharecard"
	"lentera/generator/site"
)

// cardJob is one link-preview card to draw, at a path of the output.
type cardJob struct {
	path string
	card sharecard.Card
}

// cards draws the link-preview card of every page that shows one: each
// home, section, chapter and worksheet of each language that does not name
// an image of its own. A card is drawn again only when what it shows has
// changed: its key hashes every field of the card.
func (b *Builder) cards(s *site.Site, r *render.Renderer, prev, next *cache) ([]publish.File, error) {
	urls := site.NewURLs(s.Config.BaseURL)
	if urls.Host() == "" {
		return nil, nil // without a baseURL no page can show a card
	}
	jobs, err := planCards(s, r, sharecard.ColorsFromCSS(stylesheetOf(next.assets)), strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(urls.Abs("/"), "https://"), "http://"), "/"))
	if err != nil {
		return nil, err
	}
	files := make([]publish.File, len(jobs))
	entries := make([]pageEntry, len(jobs))
	err = parallel.Do(len(jobs), func(i int) error {
		j := jobs[i]
		key := cardKey(j.card)
		if e, ok := prev.cards[j.path]; ok && e.key == key {
			entries[i] = e
		} else {
			png, err := sharecard.Draw(j.card)
			if err != nil {
				return fmt.Errorf("share card %s: %w", j.path, err)
			}
			entries[i] = pageEntry{key: key, body: png}
		}
		files[i] = publish.File{Path: j.path, Body: entries[i].body}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, j := range jobs {
		next.cards[j.path] = entries[i]
	}
	return files, nil
}

// planCards lists the cards of the site, and checks the images pages name
// instead.
func planCards(s *site.Site, r *render.Renderer, colors sharecard.Colors, host string) ([]cardJob, error) {
	var jobs []cardJob
	var errs []error
	def := s.Config.DefaultLang()
	for _, lang := range s.Languages {
		course := s.Config.Title.In(lang.Code, def)
		for _, p := range lang.Pages {
			if p.Meta.Image != "" {
				if err := checkImage(s, p); err != nil {
					errs = append(errs, err)
				}
				continue
			}
			c := sharecard.Card{Course: course, Title: p.Meta.Title, Host: host, Colors: colors}
			if p.Kind == site.Home {
				c.Course, c.Title = "", course
			} else if sec := p.Section(); sec != nil {
				c.Section = sec.Meta.Title
			}
			jobs = append(jobs, cardJob{path: outPath(render.CardURL(p.URL)), card: c})
		}
		label := r.T(lang.Code)("card_worksheet")
		for _, src := range worksheets(s) {
			c := sharecard.Card{Course: course, Title: s.Data[src].Title.In(lang.Code, def), Section: label, Host: host, Colors: colors}
			jobs = append(jobs, cardJob{path: outPath(render.CardURL(render.WorksheetURL(lang.Code, src))), card: c})
		}
	}
	return jobs, errors.Join(errs...)
}

// checkImage checks the image a page names in its front matter: a picture
// file of the site, or a full URL.
func checkImage(s *site.Site, p *site.Page) error {
	if u, err := url.Parse(p.Meta.Image); err == nil && u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http" {
		return fileerr.New(p.File, p.Meta.ImageLine, 0, fmt.Errorf("image %q: a link preview's picture is a file of the site or a web address (https:)", p.Meta.Image))
	}
	target, err := s.Resolve(p, p.Meta.Image)
	switch {
	case err != nil:
		return fileerr.New(p.File, p.Meta.ImageLine, 0, fmt.Errorf("image: %v", err))
	case target.Page != nil || strings.HasSuffix(target.Path, "/"):
		return fileerr.New(p.File, p.Meta.ImageLine, 0, fmt.Errorf("image %q is a page, not a picture", p.Meta.Image))
	}
	switch strings.ToLower(path.Ext(strings.SplitN(target.Path, "?", 2)[0])) {
	case ".png", ".jpg", ".jpeg", ".webp", ".gif":
		return nil
	}
	return fileerr.New(p.File, p.Meta.ImageLine, 0, fmt.Errorf("image %q must be a PNG, JPEG, WebP or GIF picture", p.Meta.Image))
}

func worksheets(s *site.Site) []string {
	var srcs []string
	for src, d := range s.Data {
		if render.IsWorksheet(d) {
			srcs = append(srcs, src)
		}
	}
	sort.Strings(srcs) // the order of the outputs is the same every build
	return srcs
}

func cardKey(c sharecard.Card) uint64 {
	h := digest.New()
	h.String(sharecard.Version)
	h.String(c.Course + "\x00" + c.Title + "\x00" + c.Section + "\x00" + c.Host)
	h.String(fmt.Sprint(c.Colors))
	return h.Sum()
}

// stylesheetOf is the built stylesheet, whose custom properties name the
// theme's colours.
func stylesheetOf(a assetsEntry) []byte {
	want := strings.TrimPrefix(a.urls[stylesheet], "/")
	for _, f := range a.files {
		if f.Path == want {
			return f.Body
		}
	}
	return nil
}

func outPath(url string) string { return strings.TrimPrefix(url, "/") }
