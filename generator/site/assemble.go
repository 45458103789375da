package site

import (
	"errors"
	"path"
	"sort"
	"strings"

	"lentera/generator/fileerr"
)

// assemble links loaded pages into the course: a tree per language, course
// order and prev/next, and translations across languages.
func (s *Site) assemble(pages []*Page) error {
	if err := checkURLs(pages); err != nil {
		return err
	}
	byLang := map[string][]*Page{}
	for _, p := range pages {
		byLang[p.Lang] = append(byLang[p.Lang], p)
	}
	s.files = map[string]bool{}
	for _, f := range s.Files {
		s.files[f.Src] = true
	}
	for _, code := range s.Config.Languages {
		s.Languages = append(s.Languages, s.buildTree(code, byLang[code]))
	}
	s.byURL = map[string]*Page{}
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			s.byURL[p.URL] = p
		}
	}
	return s.pairTranslations()
}

func checkURLs(pages []*Page) error {
	owner := map[string]*Page{}
	var errs []error
	for _, p := range pages {
		if prev, ok := owner[p.URL]; ok {
			errs = append(errs, fileerr.Errorf(p.File, 1, 1, "this page has the same URL %s as %s; rename one of them", p.URL, prev.File))
			continue
		}
		owner[p.URL] = p
	}
	return errors.Join(errs...)
}

// buildTree hangs every page under its folder's section, creating sections
// for folders that have no _index.md, and orders the tree.
func (s *Site) buildTree(code string, pages []*Page) *Language {
	byRel := map[string]*Page{}
	for _, p := range pages {
		byRel[p.Rel] = p
	}
	home := byRel[""]
	if home == nil {
		home = &Page{Kind: Home, Lang: code, URL: pageURL(code, ""), Meta: Meta{Title: s.Config.Title.In(code, s.Config.DefaultLang())}}
		byRel[""] = home
	}
	var parentOf func(rel string) *Page
	parentOf = func(rel string) *Page {
		dir := path.Dir(rel)
		if dir == "." {
			return home
		}
		parent := byRel[dir]
		if parent == nil {
			parent = &Page{Kind: Section, Lang: code, Rel: dir, Key: dir, URL: pageURL(code, dir), Meta: Meta{Title: folderTitle(dir)}}
			byRel[dir] = parent
			parent.Parent = parentOf(dir)
			parent.Parent.Children = append(parent.Parent.Children, parent)
		}
		return parent
	}
	for _, p := range pages {
		if p.Kind == Home {
			continue
		}
		p.Parent = parentOf(p.Rel)
		p.Parent.Children = append(p.Parent.Children, p)
	}
	lang := &Language{Code: code, Home: home, byRel: byRel}
	lang.walk(home)
	for i, c := range lang.Chapters {
		if i > 0 {
			c.Prev = lang.Chapters[i-1]
		}
		if i+1 < len(lang.Chapters) {
			c.Next = lang.Chapters[i+1]
		}
	}
	return lang
}

// walk sorts each page's children and lists pages in course order: a page,
// then everything below it.
func (l *Language) walk(p *Page) {
	sortPages(p.Children)
	l.Pages = append(l.Pages, p)
	if p.Kind == Chapter {
		l.Chapters = append(l.Chapters, p)
	}
	for _, c := range p.Children {
		l.walk(c)
	}
}

// sortPages orders by weight, then title, then path, so the order never
// depends on how the file system lists files.
func sortPages(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Meta.Weight != b.Meta.Weight {
			return a.Meta.Weight < b.Meta.Weight
		}
		if ta, tb := strings.ToLower(a.Meta.Title), strings.ToLower(b.Meta.Title); ta != tb {
			return ta < tb
		}
		return a.Rel < b.Rel
	})
}

// folderTitle names a section that has no _index.md after its folder.
func folderTitle(dir string) string {
	name := strings.ReplaceAll(path.Base(dir), "-", " ")
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// pairTranslations links pages that share a translation key across
// languages. Within one language a key must be unique.
func (s *Site) pairTranslations() error {
	groups := map[string]map[string]*Page{}
	var errs []error
	for _, lang := range s.Languages {
		for _, p := range lang.Pages {
			g := groups[p.Key]
			if g == nil {
				g = map[string]*Page{}
				groups[p.Key] = g
			}
			if prev, dup := g[p.Lang]; dup {
				errs = append(errs, fileerr.Errorf(p.File, 1, 1, "translation key %q is also used by %s in the same language", p.Key, prev.File))
				continue
			}
			g[p.Lang] = p
			p.Translations = g
		}
	}
	return errors.Join(errs...)
}

// Lang returns the language with the given code, or nil.
func (s *Site) Lang(code string) *Language {
	for _, l := range s.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}
