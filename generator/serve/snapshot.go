package serve

import (
	"net/url"
	"strings"

	"lentera/generator/build"
)

// A snapshot is what the server answers with: the files of the last good
// build and, while the latest build failed, the overlay that says why.
// Snapshots are never changed once published; a build publishes a new one.
type snapshot struct {
	files   map[string][]byte // output path ("id/a/index.html") -> body
	base    string            // the path of baseURL, "/" or "/kursus/"
	version string            // names the good build the files come from
	overlay []byte            // the error overlay HTML; nil when the last build succeeded
}

// newSnapshot indexes a build's files by path.
func newSnapshot(res *build.Result, version string) *snapshot {
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Body
	}
	base := "/"
	if res.Site != nil && res.Site.Config != nil {
		base = basePath(res.Site.Config.BaseURL)
	}
	return &snapshot{files: files, base: base, version: version}
}

// withOverlay is the same good build shown under an error overlay.
func (s *snapshot) withOverlay(overlay []byte) *snapshot {
	c := *s
	c.overlay = overlay
	return &c
}

// basePath is the path part of baseURL with slashes at both ends: links in
// pages start with it, so the server strips it to find files.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := "/" + strings.Trim(u.Path, "/") + "/"
	if p == "//" {
		return "/"
	}
	return p
}
