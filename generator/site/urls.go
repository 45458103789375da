package site

import (
	"net/url"
	"strings"
)

// URLs turns site paths ("/id/konten/") into the links a page prints. It is
// the one place that knows the base path a site is published under and which
// edition is being built, so nothing else joins URLs by hand.
type URLs struct {
	base string // path prefix without trailing slash: "" or "/course"
	abs  string // scheme and host: "https://example.org", or ""
}

// NewURLs derives the URL scheme from site.yaml's baseURL.
func NewURLs(baseURL string) URLs {
	if baseURL == "" {
		return URLs{}
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return URLs{}
	}
	return URLs{base: strings.TrimSuffix(u.Path, "/"), abs: u.Scheme + "://" + u.Host}
}

// Edition returns the URLs of an edition of the site. The participant
// edition ("") is the site itself; others live under /<edition>/.
func (u URLs) Edition(name string) URLs {
	if name != "" {
		u.base += "/" + name
	}
	return u
}

// Rel makes a site path into a link from the root of the host. Anything
// that is not a site path (a full URL, a fragment, a relative path) is
// returned unchanged.
func (u URLs) Rel(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return p
	}
	return u.base + p
}

// Abs makes a site path into a full URL when the site has a baseURL, and
// into the same link as Rel otherwise.
func (u URLs) Abs(p string) string {
	return u.abs + u.Rel(p)
}

// EncodePath makes a path of file names into a URL path: every name is
// percent-encoded where a URL needs it ("a b" becomes "a%20b", "#" "%23"),
// so a file name reaches links, the sitemap, the search index and QR codes
// the same way. Page and File URLs are made with it.
func EncodePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// FilePath is the output file path of site path u, its names decoded: the
// way a web server maps the URL back to the file.
func FilePath(u string) string {
	p, err := url.PathUnescape(u)
	if err != nil {
		return u
	}
	return p
}

// Host is the baseURL's host name, or "" when there is none.
func (u URLs) Host() string {
	return strings.TrimPrefix(strings.TrimPrefix(u.abs, "https://"), "http://")
}
