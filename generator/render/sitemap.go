package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
)

// sitemapURL is a page as the sitemap lists it.
type sitemapURL struct {
	Loc, LastMod string
	Alternates   []alternate
}

// alternate is a translation of a page, by language code.
type alternate struct {
	HrefLang, Href string
}

// Sitemap lists every page of the participant edition with its
// translations as hreflang alternates, and the day its source last changed
// (its last commit, or its file's modification time outside Git). Its URLs are full only when
// site.yaml has a baseURL, as search engines require.
func (r *Renderer) Sitemap() []byte {
	var urls []sitemapURL
	for _, lang := range r.site.Languages {
		for _, p := range lang.Pages {
			if !p.InEdition("") {
				continue
			}
			u := sitemapURL{Loc: r.urls.Abs(p.URL), LastMod: r.modified(p).Format(time.DateOnly)}
			for _, code := range r.site.Config.Languages {
				if t := p.Translation(code); t != nil && len(p.Translations) > 1 {
					u.Alternates = append(u.Alternates, alternate{HrefLang: code, Href: r.urls.Abs(t.URL)})
				}
			}
			urls = append(urls, u)
		}
	}
	return sitemapXML(urls)
}

// sitemapXML writes the sitemap as encoding/xml writes it, indented a
// space a level, without its reflection: a large course lists tens of
// thousands of URLs, and a build after an edit writes them all again, as
// the edited page's date changes.
func sitemapXML(urls []sitemapURL) []byte {
	var b bytes.Buffer
	b.Grow(len(urls) * 320)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	for _, u := range urls {
		b.WriteString("\n <url>\n  <loc>")
		escape(&b, u.Loc)
		b.WriteString("</loc>")
		if u.LastMod != "" {
			b.WriteString("\n  <lastmod>")
			escape(&b, u.LastMod)
			b.WriteString("</lastmod>")
		}
		for _, a := range u.Alternates {
			b.WriteString("\n  <xhtml:link rel=\"alternate\" hreflang=\"")
			escape(&b, a.HrefLang)
			b.WriteString("\" href=\"")
			escape(&b, a.Href)
			b.WriteString("\"></xhtml:link>")
		}
		b.WriteString("\n </url>")
	}
	if len(urls) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// escape writes s as XML text or an attribute's value. Most are plain
// ASCII, written as they are.
func escape(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || strings.IndexByte(`&<>"'`, c) >= 0 {
			_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
			return
		}
	}
	b.WriteString(s)
}

// Robots keeps crawlers out of the trainer edition and, when the site has
// an address, points them at the sitemap: robots.txt takes a sitemap's
// full URL only, and a crawler reads the file only at the root of a host,
// where a site published under a sub-path needs its own paths.
func (r *Renderer) Robots() []byte {
	robots := "User-agent: *\nDisallow: " + r.urls.Edition(trainerEdition).Rel("/") + "\n"
	if r.urls.Host() != "" {
		robots += "Sitemap: " + r.urls.Abs("/sitemap.xml") + "\n"
	}
	return []byte(robots)
}
