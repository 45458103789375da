package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"lentera/generator/data"
	"lentera/generator/fileerr"
)

// Site is the read-only model of a course: settings, data files and every
// page of every language, linked into sections, order and translations.
// Nothing changes it after Load returns, so pages render in parallel safely.
type Site struct {
	Config    *Config
	Data      map[string]*data.Doc
	Languages []*Language
	Files     []File // non-Markdown files to copy

	files map[string]bool // File.Src of every file
	byURL map[string]*Page
}

// Language is one language's tree of pages.
type Language struct {
	Code     string
	Home     *Page
	Pages    []*Page // every page: home, sections and chapters, in course order
	Chapters []*Page // the chapters in course order

	byRel map[string]*Page
}

// File is a non-Markdown file under content/<lang>/, published at the same
// place.
type File struct {
	Src string // path from the site root
	URL string // site path
}

// ContentDir is the folder of chapters and data; DataDir is the data folder.
const (
	ContentDir = "content"
	DataDir    = "content/data"
)

// Options change what Load publishes.
type Options struct {
	Drafts bool // publish pages marked draft: true
}

// Loader reads sites. It remembers each file it parsed, so that a rebuild
// after an edit re-reads only the files that changed.
type Loader struct {
	parsed map[string]parsedFile
}

type parsedFile struct {
	meta Meta
	body []byte
}

// Load reads the site in fsys. changed lists the paths that changed since the
// last Load; nil means unknown, and every file is read again.
func (l *Loader) Load(fsys fs.FS, opts Options, changed map[string]bool) (*Site, error) {
	cfg, err := LoadConfig(fsys)
	if err != nil {
		return nil, err
	}
	docs, dataErr := data.Load(fsys, DataDir, cfg.Languages)
	pages, files, pageErr := l.readContent(fsys, cfg, opts, changed)
	if err := errors.Join(dataErr, pageErr); err != nil {
		return nil, err
	}
	s := &Site{Config: cfg, Data: docs, Files: files}
	if err := s.assemble(pages); err != nil {
		return nil, err
	}
	return s, nil
}

// readContent walks content/<lang>/ for every language.
func (l *Loader) readContent(fsys fs.FS, cfg *Config, opts Options, changed map[string]bool) ([]*Page, []File, error) {
	if err := checkContentDirs(fsys, cfg.Languages); err != nil {
		return nil, nil, err
	}
	if changed == nil || l.parsed == nil {
		l.parsed = map[string]parsedFile{}
	}
	var pages []*Page
	var files []File
	var errs []error
	seen := map[string]bool{}
	for _, lang := range cfg.Languages {
		root := ContentDir + "/" + lang
		err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
			switch {
			case err != nil && p == root && errors.Is(err, fs.ErrNotExist):
				return nil
			case err != nil:
				errs = append(errs, fileerr.New(p, 0, 0, err))
				return nil
			case data.IsLink(e):
				errs = append(errs, data.LinkError(p))
				return nil
			case e.IsDir():
				return nil
			case path.Ext(p) != ".md":
				files = append(files, File{Src: p, URL: "/" + strings.TrimPrefix(p, ContentDir+"/")})
				return nil
			}
			seen[p] = true
			page, err := l.page(fsys, p, lang, changed)
			if err != nil {
				errs = append(errs, err)
			} else if !page.Meta.Draft || opts.Drafts {
				pages = append(pages, page)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	for p := range l.parsed {
		if !seen[p] {
			delete(l.parsed, p)
		}
	}
	return pages, files, errors.Join(errs...)
}

// checkContentDirs reports folders in content/ that are neither a language
// nor data: most likely a language missing from site.yaml.
func checkContentDirs(fsys fs.FS, langs []string) error {
	entries, err := fs.ReadDir(fsys, ContentDir)
	if err != nil {
		return fileerr.New(ContentDir, 0, 0, fmt.Errorf("cannot read the content folder: %w", err))
	}
	known := map[string]bool{"data": true}
	for _, l := range langs {
		known[l] = true
	}
	var errs []error
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || known[e.Name()] {
			continue
		}
		errs = append(errs, fileerr.Errorf(ContentDir+"/"+e.Name(), 0, 0,
			"not a language of this site (site.yaml languages: %s) and not the data folder", strings.Join(langs, ", ")))
	}
	return errors.Join(errs...)
}

// page reads one Markdown file, or takes it from the last Load when it has
// not changed.
func (l *Loader) page(fsys fs.FS, p, lang string, changed map[string]bool) (*Page, error) {
	pf, ok := l.parsed[p]
	if !ok || changed[p] {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fileerr.New(p, 0, 0, err)
		}
		meta, body, err := parseFile(p, src)
		if err != nil {
			delete(l.parsed, p)
			return nil, err
		}
		pf = parsedFile{meta: meta, body: body}
		l.parsed[p] = pf
	}
	return newPage(p, lang, pf), nil
}

func newPage(file, lang string, pf parsedFile) *Page {
	rel := strings.TrimSuffix(strings.TrimPrefix(file, ContentDir+"/"+lang+"/"), ".md")
	kind := Chapter
	if rel == "_index" {
		kind, rel = Home, ""
	} else if strings.HasSuffix(rel, "/_index") {
		kind, rel = Section, strings.TrimSuffix(rel, "/_index")
	}
	p := &Page{Kind: kind, Lang: lang, File: file, Rel: rel, Meta: pf.meta, Source: pf.body}
	p.URL = pageURL(lang, rel)
	p.Key = rel
	if pf.meta.TranslationKey != "" {
		p.Key = pf.meta.TranslationKey
	}
	return p
}

func pageURL(lang, rel string) string {
	if rel == "" {
		return "/" + lang + "/"
	}
	return "/" + lang + "/" + rel + "/"
}
