package site

import (
	"errors"
	"path"
	"slices"
	"sort"
	"strings"

	"lentera/generator/fileerr"
)

// assemble links loaded pages into the course: a tree per language, course
// order and prev/next, and translations across languages.
func (s *Site) assemble(pages []*Page) error {
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
			s.byURL[FilePath(p.URL)] = p
		}
	}
	return s.pairTranslations()
}

// output is a file or folder of the published site and the source that
// makes it.
type output struct {
	path string // output path: "en/a/index.html", or a folder "en/a"
	src  string
	dir  bool
	url  string // the page's URL, for messages; "" for a copied file
}

// checkOutputs reports two sources that publish the same file, or files
// and folders whose names differ only in case: macOS, Windows and many
// hosts keep one of them, so the site would lose a page there. Each problem
// is one error, at the later source, naming the earlier.
//
// A save in the dev server mostly leaves every output where it was: the
// outputs that passed last time pass again, unchecked.
func (l *Loader) checkOutputs(pages []*Page, files []File) error {
	outs := make([]output, 0, len(pages)+len(files))
	for _, p := range pages {
		outs = append(outs, output{path: strings.TrimPrefix(FilePath(p.URL), "/") + "index.html", src: p.File, url: p.URL})
	}
	for _, f := range files {
		outs = append(outs, output{path: strings.TrimPrefix(FilePath(f.URL), "/"), src: f.Src})
	}
	if slices.Equal(outs, l.checked) {
		return nil
	}
	l.checked = nil
	if err := checkOutputs(outs); err != nil {
		return err
	}
	l.checked = outs
	return nil
}

func checkOutputs(outs []output) error {
	// Most pages are an index.html in a folder of their own: about two
	// paths claimed and one folder made per output.
	claimed := make(map[string]output, 2*len(outs)) // by lower-case path
	made := make(map[string]bool, len(outs))        // folders claimed, with their folders, under these very names
	var errs []error
	for _, o := range outs {
		dirs := folders(o)
		// Most outputs share their folders with the one before: those
		// were checked then.
		k := len(dirs)
		for k > 0 && !made[dirs[k-1].path] {
			k--
		}
		ok := true
		for _, c := range append([]output{o}, dirs[k:]...) {
			prev, seen := claimed[strings.ToLower(c.path)]
			if !seen {
				claimed[strings.ToLower(c.path)] = c
				continue
			}
			if err := collision(prev, c); err != nil {
				errs = append(errs, err)
				ok = false
				break
			}
		}
		for _, d := range dirs[k:] {
			made[d.path] = ok
		}
	}
	return errors.Join(errs...)
}

// folders are the folders an output is written in, all made by its source.
func folders(o output) []output {
	var out []output
	for i, c := range o.path {
		if c == '/' {
			out = append(out, output{path: o.path[:i], src: o.src, dir: true})
		}
	}
	return out
}

// collision says what is wrong when b's path, in lower case, is a's.
func collision(a, b output) error {
	line := 0
	if strings.HasSuffix(b.src, ".md") {
		line = 1
	}
	switch {
	case a.path == b.path && a.dir && b.dir:
		return nil
	case a.path == b.path && a.url != "" && b.url != "":
		return fileerr.Errorf(b.src, line, line, "this page has the same URL %s as %s; rename one of them", b.url, a.src)
	case a.path == b.path && a.dir == b.dir:
		return fileerr.Errorf(b.src, line, line, "publishes %s, which %s also publishes; rename one of them", describeOut(b), a.src)
	case a.path == b.path:
		return fileerr.Errorf(b.src, line, line, "publishes %s, where %s publishes %s; rename one of them", describeOut(b), a.src, describeOut(a))
	case a.url != "" && b.url != "":
		return fileerr.Errorf(b.src, line, line, "this page's URL %s differs only in case from %s, the URL of %s: macOS, Windows and many web hosts treat them as one; rename one of them", b.url, a.url, a.src)
	}
	return fileerr.Errorf(b.src, line, line, "publishes %s, and %s publishes %s: the names differ only in case, and macOS, Windows and many web hosts treat them as one; rename one of them", describeOut(b), a.src, describeOut(a))
}

func describeOut(o output) string {
	if o.dir {
		return "the folder /" + o.path + "/"
	}
	return "/" + o.path
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

// sortPages orders by weight, then file name, so the order never depends
// on how the file system lists files.
func sortPages(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool { return before(pages[i], pages[j]) })
}

// before reports whether page a comes before page b among siblings. After
// the weight, the file name decides, not the title: courses number their
// files (01-intro.md, 02-filedir.md), and a translation, whose titles sort
// otherwise, keeps the order of the language it was translated from.
func before(a, b *Page) bool {
	if a.Meta.Weight != b.Meta.Weight {
		return a.Meta.Weight < b.Meta.Weight
	}
	return a.Rel < b.Rel
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

// Source names the page or copied file that publishes output path out
// ("en/a/index.html"), or "" when none does.
func (s *Site) Source(out string) string {
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			if p.File != "" && strings.TrimPrefix(FilePath(p.URL), "/")+"index.html" == out {
				return p.File
			}
		}
	}
	for _, f := range s.Files {
		if strings.TrimPrefix(FilePath(f.URL), "/") == out {
			return f.Src
		}
	}
	return ""
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
