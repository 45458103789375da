package render

import (
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"lentera/generator/site"
)

// Share is what a link preview shows of a page: the Open Graph and Twitter
// card tags of partials/share-meta.html.
type Share struct {
	Type       string   // og:type: "website" for a language's home, else "article"
	Locale     string   // og:locale of the page's language: "id_ID"
	Alternates []string // og:locale:alternate: the locales of its translations
	Image      string   // full URL of the preview image; "" without a baseURL
	ImageAlt   string
	Width      int // the image's size; 0 for an image a page names itself
	Height     int
	URL        string // what the share action sends: the participant edition's full URL, or its site path without a baseURL
	WhatsApp   string // a wa.me link with the title and URL, for the share action without JavaScript
}

// CardFile is the name of the link-preview card drawn for a page, in the
// page's own folder.
const CardFile = "share.png"

// The size of a drawn card (sharecard.Width and Height).
const (
	CardWidth  = 1200
	CardHeight = 630
)

// CardURL is the site path of the card of the page at url, the participant
// edition's: the trainer edition shows the same cards.
func CardURL(url string) string { return url + CardFile }

// Locale is the Open Graph locale of a language code: the language and its
// most likely region, "id" id_ID, "en" en_US, "pt-BR" pt_BR.
func Locale(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return strings.ReplaceAll(code, "-", "_")
	}
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// PreviewImage is the image a page names in its front matter (image:),
// resolved as a link in its Markdown is; "" when it names none.
func PreviewImage(s *site.Site, p *site.Page) (string, error) {
	if p == nil || p.Meta.Image == "" {
		return "", nil
	}
	t, err := s.Resolve(p, p.Meta.Image)
	if err != nil {
		return "", err
	}
	return t.Path, nil
}

func (r *Renderer) share(job Job, v *View) *Share {
	sh := &Share{Type: "article", Locale: Locale(job.Lang)}
	if job.Kind == "home" || job.Kind == "root" {
		sh.Type = "website"
	}
	for _, a := range v.Alternates {
		if a.Lang != job.Lang {
			sh.Alternates = append(sh.Alternates, Locale(a.Lang))
		}
	}
	// Shared links lead to the participant edition: a trainer shares the
	// page participants read.
	sh.URL = r.urls.Abs(job.URL)
	sh.WhatsApp = "https://wa.me/?text=" + strings.ReplaceAll(url.QueryEscape(v.Title+"\n"+sh.URL), "+", "%20")
	if r.urls.Host() == "" {
		return sh // Previews need full URLs.
	}
	page, at := job.Page, job.URL
	if page != nil {
		at = page.URL // a chapter's other views (slides) show its card
	}
	if page == nil && job.Data == nil {
		// Pages without a card of their own show their language's.
		page = r.site.Lang(job.Lang).Home
		at = page.URL
	}
	own, _ := PreviewImage(r.site, page) // the build has checked it
	switch {
	case strings.Contains(own, "://"):
		sh.Image, sh.ImageAlt = own, v.Title
	case own != "":
		sh.Image, sh.ImageAlt = r.urls.Abs(own), v.Title
	default:
		sh.Image, sh.Width, sh.Height = r.urls.Abs(CardURL(at)), CardWidth, CardHeight
		sh.ImageAlt = v.Title + " · " + v.SiteTitle
		if page != nil && page.Kind == site.Home {
			sh.ImageAlt = v.SiteTitle
		}
	}
	return sh
}
