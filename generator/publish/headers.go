package publish

import (
	"sort"
	"strings"
)

// HeadersFile is the file Netlify and Cloudflare Pages read the response
// headers of a site from. Other hosts serve it as a plain file, which does
// no harm; docs/deploy.md gives the same rules for nginx.
const HeadersFile = "_headers"

// Cache lifetimes: an asset's name changes with its content, so a browser
// may keep it for a year without asking; anything else is asked about on
// every visit (a cheap "not modified" when it has not changed), so a
// rebuilt page is seen at once.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "public, max-age=0, must-revalidate"
)

// Headers writes the _headers file for a site's files. Netlify and
// Cloudflare Pages apply every rule whose path matches and join the values
// of a header set twice, so the rules never overlap: the fingerprinted
// assets folder has one rule, and every other top-level file and folder
// has its own.
func Headers(files []File, assetsDir string) File {
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by lentera build.\n")
	rule(&b, "/"+assetsDir+"/*", "Cache-Control: "+CacheImmutable)
	rule(&b, "/", "Cache-Control: "+CacheRevalidate)
	for _, top := range topLevel(files, assetsDir) {
		extra := []string{"Cache-Control: " + CacheRevalidate}
		if top == "/trainer/*" {
			// Kept out of search engines, as robots.txt asks too.
			extra = append(extra, "X-Robots-Tag: noindex")
		}
		rule(&b, top, extra...)
	}
	return File{Path: HeadersFile, Body: []byte(b.String())}
}

func rule(b *strings.Builder, path string, headers ...string) {
	b.WriteString("\n" + path + "\n")
	for _, h := range headers {
		b.WriteString("  " + h + "\n")
	}
}

// topLevel lists the paths of the files and folders at the root of the
// output, as rules name them ("/index.html", "/id/*"), leaving out the
// assets folder and the headers file itself.
func topLevel(files []File, assetsDir string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		first, rest, isDir := strings.Cut(f.Path, "/")
		if first == assetsDir && isDir || f.Path == HeadersFile {
			continue
		}
		p := "/" + first
		if isDir && rest != "" {
			p += "/*"
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
