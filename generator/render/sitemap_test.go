package render

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// The sitemap is written as encoding/xml writes the same data, byte for
// byte, with what must be escaped in a URL, in a language code, and what
// XML cannot hold at all.
func TestSitemapXMLAsEncodingXML(t *testing.T) {
	odd := "https://ex.am/ple/?a=1&b=<2>\"'\t\n\r\x01\xff é 日本 🙂/"
	for name, urls := range map[string][]sitemapURL{
		"none":    nil,
		"plain":   {{Loc: "https://ex.am/ple/id/", LastMod: "2026-11-30"}},
		"undated": {{Loc: "/id/"}},
		"translated": {
			{Loc: "/id/a/", LastMod: "2026-01-02", Alternates: []alternate{{"id", "/id/a/"}, {"en", "/en/a/"}}},
			{Loc: "/en/a/", LastMod: "2026-01-03", Alternates: []alternate{{"id", "/id/a/"}, {"en", "/en/a/"}}},
		},
		"odd": {{Loc: odd, LastMod: odd, Alternates: []alternate{{odd, odd}}}},
	} {
		if got, want := sitemapXML(urls), encodedByXML(t, urls); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
}

// encodedByXML is the sitemap as encoding/xml writes it.
func encodedByXML(t *testing.T, urls []sitemapURL) []byte {
	type link struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Links   []link `xml:"xhtml:link"`
	}
	type urlSet struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, u := range urls {
		x := url{Loc: u.Loc, LastMod: u.LastMod}
		for _, a := range u.Alternates {
			x.Links = append(x.Links, link{"alternate", a.HrefLang, a.Href})
		}
		set.URLs = append(set.URLs, x)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		t.Fatal(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}
