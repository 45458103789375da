package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Target is where a link in a page's Markdown leads.
type Target struct {
	Path string // site path, with any ?query and #fragment kept
	Page *Page  // the page, when the link leads to one; nil for files
}

// Resolve works out where link dest, written in page from, leads. Links to
// other sites, fragments and site paths ("/id/…") are returned unchanged.
// A relative link is read the way a Git host reads it: relative to the
// Markdown file. A ".md" link (or a folder) leads to that page; any other
// path to a file under content/<lang>/. A translation that links to a page or
// figure missing in its own language gets the default language's one.
func (s *Site) Resolve(from *Page, dest string) (Target, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, fmt.Errorf("link %q is not a valid URL: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" {
		return Target{Path: dest}, nil
	}
	if strings.HasPrefix(u.Path, "/") {
		return Target{Path: dest, Page: s.byURL[u.Path]}, nil
	}
	suffix := dest[len(strings.SplitN(strings.SplitN(dest, "#", 2)[0], "?", 2)[0]):]
	dir := path.Dir(from.File)
	for _, lang := range s.lookupOrder(from.Lang) {
		file := path.Join(swapLang(dir, from.Lang, lang), u.Path)
		if t, ok := s.target(file, lang, strings.HasSuffix(u.Path, "/")); ok {
			t.Path += suffix
			return t, nil
		}
	}
	file := path.Join(dir, u.Path)
	switch {
	case file != "content" && !strings.HasPrefix(file, "content/"):
		return Target{}, fmt.Errorf("%q is %s, outside content/, and a site publishes only what is there: put the file beside the chapter, or link to an address (https:)", dest, file)
	case strings.HasPrefix(path.Base(file), ".") || strings.Contains(file, "/."):
		return Target{}, fmt.Errorf("%q is %s, hidden: files and folders whose name starts with a dot are never published", dest, file)
	case isPageLink(u.Path):
		return Target{}, fmt.Errorf("dead link %q: no page %s (or it is a draft)", dest, file)
	}
	return Target{}, fmt.Errorf("missing file %q: no file %s", dest, file)
}

func isPageLink(p string) bool {
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, "/") || path.Ext(p) == ""
}

// lookupOrder is the language itself, then the default language.
func (s *Site) lookupOrder(lang string) []string {
	if def := s.Config.DefaultLang(); def != lang {
		return []string{lang, def}
	}
	return []string{lang}
}

func swapLang(dir, from, to string) string {
	return ContentDir + "/" + to + strings.TrimPrefix(dir, ContentDir+"/"+from)
}

// target finds the page or file at file, a path from the site root.
func (s *Site) target(file, lang string, isDir bool) (Target, bool) {
	langDir := ContentDir + "/" + lang
	if file != langDir && !strings.HasPrefix(file, langDir+"/") {
		return Target{}, false
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(file, langDir), "/")
	if strings.HasSuffix(rel, ".md") || isDir || path.Ext(rel) == "" {
		rel = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "_index"), "/")
		if p := s.pageAt(lang, rel); p != nil {
			return Target{Path: p.URL, Page: p}, true
		}
		return Target{}, false
	}
	if s.hasFile(file) {
		return Target{Path: fileURL(file)}, true
	}
	return Target{}, false
}

// PageOf is the page Markdown file file ("content/id/a.md") makes, or nil.
func (s *Site) PageOf(file string) *Page {
	lang, _, _ := strings.Cut(strings.TrimPrefix(file, ContentDir+"/"), "/")
	t, ok := s.target(file, lang, false)
	if !ok || t.Page == nil || t.Page.File != file {
		return nil
	}
	return t.Page
}

func (s *Site) pageAt(lang, rel string) *Page {
	l := s.Lang(lang)
	if l == nil {
		return nil
	}
	return l.byRel[rel]
}

func (s *Site) hasFile(src string) bool {
	_, ok := s.files[src]
	return ok
}
