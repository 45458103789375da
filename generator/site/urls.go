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

// Host is the baseURL's host name, or "" when there is none.
func (u URLs) Host() string {
	return strings.TrimPrefix(strings.TrimPrefix(u.abs, "https://"), "http://")
}
