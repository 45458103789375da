package serve

import (
	"net/url"
	"slices"
	"strings"

	"lentera/generator/build"
	"lentera/generator/publish"
)

// A snapshot is what the server answers with: the files of the last good
// build and, while the latest build failed, the overlay that says why.
// Snapshots are never changed once published; a build publishes a new one.
type snapshot struct {
	files   []publish.File // sorted by output path ("id/a/index.html")
	base    string         // the path of baseURL, "/" or "/kursus/"
	version string         // names the good build the files come from
	overlay []byte         // the error overlay HTML; nil when the last build succeeded
}

// newSnapshot takes a build's files as they are, sorted by path: a save
// on a large site need not index tens of thousands of them again. Its
// version is set when it is published.
func newSnapshot(res *build.Result) *snapshot {
	base := "/"
	if res.Site != nil && res.Site.Config != nil {
		base = basePath(res.Site.Config.BaseURL)
	}
	return &snapshot{files: res.Files, base: base}
}

// file is the body of the output file at path name.
func (s *snapshot) file(name string) ([]byte, bool) {
	i, ok := s.find(name)
	if !ok {
		return nil, false
	}
	return s.files[i].Body, true
}

// find is where the file at path name is, or would be, in s.files.
func (s *snapshot) find(name string) (int, bool) {
	return slices.BinarySearchFunc(s.files, name, func(f publish.File, name string) int { return strings.Compare(f.Path, name) })
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
