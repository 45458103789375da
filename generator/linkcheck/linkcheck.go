// Package linkcheck checks the links that only a finished build can judge:
// a site path written by hand ("/en/x/") and a #fragment, in this page or
// another. Relative links are checked while a page is converted, since the
// model knows every page; what a site path or an id leads to is known only
// from what the build publishes, so these are checked against the output
// itself, ids read from the HTML (headings, footnotes, raw HTML, layouts).
package linkcheck

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"lentera/generator/fileerr"
)

// Link is a link in a source file, and the site path it leads to.
type Link struct {
	File      string // source path from the site root
	Line, Col int
	Dest      string // as written, for the message
	Path      string // site path it leads to, without base path, ?query or #fragment
	Fragment  string // "" when there is none
}

// Output is what a build publishes: file bodies by output path
// ("id/x/index.html"). A nil body stands for a file that exists but has not
// been made yet, whose ids cannot be checked.
type Output map[string][]byte

// Editions are the folders, besides the root, that hold another edition
// of every page. A link passes when it holds in any edition, since a link
// inside a trainer note may lead to text only the trainer edition has.
type Editions []string

// Check reports each link that leads nowhere, at its place in the source.
func Check(links []Link, out Output, editions Editions) []error {
	ids := map[string]map[string]bool{}
	var errs []error
	for _, l := range links {
		if err := check(l, out, editions, ids); err != nil {
			errs = append(errs, fileerr.New(l.File, l.Line, l.Col, err))
		}
	}
	return errs
}

func check(l Link, out Output, editions Editions, ids map[string]map[string]bool) error {
	var found []string
	for _, ed := range append(Editions{""}, editions...) {
		if file, ok := out.file(ed, l.Path); ok {
			found = append(found, file)
		}
	}
	if len(found) == 0 {
		return fmt.Errorf("dead link %q: nothing is published at %s", l.Dest, l.Path)
	}
	if l.Fragment == "" {
		return nil
	}
	fragment := l.Fragment
	if f, err := url.PathUnescape(fragment); err == nil {
		fragment = f
	}
	for _, file := range found {
		body := out[file]
		if body == nil {
			return nil
		}
		if _, ok := ids[file]; !ok {
			ids[file] = IDs(body)
		}
		// Browsers try the fragment as written, then decoded.
		if ids[file][l.Fragment] || ids[file][fragment] {
			return nil
		}
	}
	return fmt.Errorf("dead link %q: %s has no id %q%s", l.Dest, l.Path, fragment, nearest(fragment, ids[found[0]]))
}

// file finds the output file a site path is served from, in an edition's
// folder.
func (out Output) file(edition, sitePath string) (string, bool) {
	for _, cand := range candidates(edition, sitePath) {
		if _, ok := out[cand]; ok {
			return cand, true
		}
	}
	return "", false
}

// candidates are the output files a site path may be served from: the
// file itself, or a folder's index.html.
func candidates(edition, sitePath string) [2]string {
	if p, err := url.PathUnescape(sitePath); err == nil {
		sitePath = p
	}
	p := path.Join(edition, strings.TrimPrefix(sitePath, "/"))
	return [2]string{p, path.Join(p, "index.html")}
}

// Wanted lists the output files whose ids Check may read for links: a
// build that writes pages as it goes need keep only these in memory.
func Wanted(links []Link, editions Editions) map[string]bool {
	want := map[string]bool{}
	for _, l := range links {
		if l.Fragment == "" {
			continue
		}
		for _, ed := range append(Editions{""}, editions...) {
			for _, c := range candidates(ed, l.Path) {
				want[c] = true
			}
		}
	}
	return want
}

// IDs lists the id attributes of an HTML document, and the names of its
// <a name> anchors, which browsers also scroll to.
func IDs(body []byte) map[string]bool {
	ids := map[string]bool{}
	lx := html.NewLexer(parse.NewInputBytes(body))
	tag := ""
	for {
		tt, _ := lx.Next()
		switch tt {
		case html.ErrorToken:
			return ids
		case html.StartTagToken:
			tag = strings.ToLower(string(lx.Text()))
		case html.AttributeToken:
			key := strings.ToLower(string(lx.AttrKey()))
			if key == "id" || (key == "name" && tag == "a") {
				ids[string(unquote(lx.AttrVal()))] = true
			}
		}
	}
}

func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return bytes.ReplaceAll(v, []byte("&amp;"), []byte("&"))
}

// nearest suggests the id most like the one asked for, since a dead
// fragment is most often a heading that was renamed or misspelled.
func nearest(want string, ids map[string]bool) string {
	best, bestDist := "", len(want)/2+1
	names := make([]string, 0, len(ids))
	for id := range ids {
		names = append(names, id)
	}
	sort.Strings(names)
	for _, id := range names {
		if d := distance(want, id); d < bestDist {
			best, bestDist = id, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean #%s?)", best)
}

// distance is the Levenshtein distance between two strings, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
