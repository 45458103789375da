package render

import (
	"bytes"
	"encoding/xml"
	"time"
)

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	LastMod    string      `xml:"lastmod,omitempty"`
	Alternates []alternate `xml:"xhtml:link"`
}

type alternate struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap lists every page of the participant edition with its
// translations as hreflang alternates, and the day its source last changed
// (its last commit, or its file's modification time outside Git). Its URLs are full only when
// site.yaml has a baseURL, as search engines require.
func (r *Renderer) Sitemap() []byte {
	set := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, lang := range r.site.Languages {
		for _, p := range lang.Pages {
			if !p.InEdition("") {
				continue
			}
			u := sitemapURL{Loc: r.urls.Abs(p.URL), LastMod: r.modified(p).Format(time.DateOnly)}
			for _, code := range r.site.Config.Languages {
				if t := p.Translation(code); t != nil && len(p.Translations) > 1 {
					u.Alternates = append(u.Alternates, alternate{Rel: "alternate", HrefLang: code, Href: r.urls.Abs(t.URL)})
				}
			}
			set.URLs = append(set.URLs, u)
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	_ = enc.Encode(set)
	buf.WriteByte('\n')
	return buf.Bytes()
}

// Robots keeps crawlers out of the trainer edition and points them at the
// sitemap.
func (r *Renderer) Robots() []byte {
	return []byte("User-agent: *\nDisallow: /trainer/\nSitemap: " + r.urls.Abs("/sitemap.xml") + "\n")
}
