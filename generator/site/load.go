package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/internal/parallel"
	"lentera/generator/sitefs"
)

// Site is the read-only model of a course: settings, data files and every
// page of every language, linked into sections, order and translations.
// Nothing changes it after Load returns, so pages render in parallel safely.
type Site struct {
	Config    *Config
	Data      map[string]*data.Doc
	Languages []*Language
	Files     []File // non-Markdown files to copy

	files map[string]bool  // File.Src of every file
	byURL map[string]*Page // by URL path, decoded
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
	Src  string // path from the site root
	URL  string // site path
	Body []byte // the bytes checked, to be published as they are; nil when the file had no need to be read (see contentFile)
	// Broken says the file was refused (see contentFile): it stands in
	// for links to it, which are not reported a second time, and is
	// never published.
	Broken bool
}

// ContentDir is the folder of chapters and data; DataDir is the data folder.
const (
	ContentDir = "content"
	DataDir    = "content/data"
)

// Options change what Load publishes.
type Options struct {
	Drafts  bool   // publish pages marked draft: true
	BaseURL string // replaces site.yaml's baseURL when set (build --base-url)
}

// Loader reads sites. It remembers each file it parsed, so that a rebuild
// after an edit re-reads only the files that changed.
type Loader struct {
	parsed map[string]parsedFile
	// bodiless is set once LetGoOfBodies has run: parsed then has the
	// front matter but not the text, and the next Load reads every file.
	bodiless bool
	stamps   map[string]FileStamp // of the page files an earlier run read; nil when not stamping (see Stamp)
	fronts   FrontMatters         // parsed by an earlier run; see Remember
	listed   []entry              // the files of the last listing
	known    map[string]bool      // their paths
	langs    []string             // the languages they were listed for
	checked  []output             // the outputs of the last load, when they passed checkOutputs
}

type parsedFile struct {
	meta   Meta
	body   []byte
	front  uint64 // a digest of the front matter's text
	sum    uint64 // a digest of body
	stamp  Stamp  // the file's, when it is to be trusted next time; else zero
	unread bool   // taken as unchanged by its stamp: body is nil
	// modified is the file's modification time, when a stamp was taken:
	// the page's date needs it, and a second look would cost a system
	// call per page.
	modified time.Time
}

// Load reads the site in fsys. A page or data file that fails to load is
// reported, and a stand-in (Page.Broken, data.Doc.Broken) takes its place,
// so that the build can go on to find the problems of every other file:
// the site comes back with the error unless site.yaml itself failed. changed lists the paths that changed since the
// last Load; nil means unknown, and every file is read again.
func (l *Loader) Load(fsys fs.FS, opts Options, changed map[string]bool) (*Site, error) {
	if changed[ConfigFile] {
		// Its limits may now refuse a file read before.
		changed = nil
	}
	cfg, err := LoadConfig(fsys)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	docs, dataErr := data.Load(fsys, DataDir, cfg.Languages)
	pages, files, pageErr := l.readContent(fsys, cfg, opts, changed)
	s := &Site{Config: cfg, Data: docs, Files: files}
	if err := l.checkOutputs(pages, s.Files); err != nil {
		return nil, errors.Join(dataErr, pageErr, err)
	}
	if err := s.assemble(pages); err != nil {
		return nil, errors.Join(dataErr, pageErr, err)
	}
	return s, errors.Join(dataErr, pageErr)
}

// readContent reads content/<lang>/ for every language.
func (l *Loader) readContent(fsys fs.FS, cfg *Config, opts Options, changed map[string]bool) ([]*Page, []File, error) {
	if changed == nil || l.parsed == nil || l.bodiless {
		l.parsed, l.bodiless = map[string]parsedFile{}, false
	}
	// A folder that cannot be listed is reported with the files that
	// can: one build shows every problem.
	entries, listErr := l.list(fsys, cfg.Languages, changed)
	read, readErr := l.readPages(fsys, entries, changed)
	var pages []*Page
	var files []File
	errs := []error{listErr, readErr}
	seen := map[string]bool{}
	for i, e := range entries {
		if path.Ext(e.path) != ".md" {
			f, err := contentFile(fsys, e.path, cfg.Unsafe)
			errs = append(errs, err)
			files = append(files, f)
			continue
		}
		seen[e.path] = true
		page, err := l.page(e, read[i])
		if err != nil {
			errs = append(errs, err)
			pages = append(pages, standIn(e.path, e.lang))
		} else if !page.Meta.Draft || opts.Drafts {
			pages = append(pages, page)
		}
	}
	for p := range l.parsed {
		if !seen[p] {
			delete(l.parsed, p)
		}
	}
	return pages, files, errors.Join(errs...)
}

// entry is a file in a language folder.
type entry struct{ path, lang string }

// list returns every file in the language folders, in walk order, with
// the problems met (the listing is not kept then). When the
// changed paths are all files it listed last time and they are still there,
// the folders cannot have changed, and it answers without walking them: on a
// large site the walk is most of a rebuild after an edit.
func (l *Loader) list(fsys fs.FS, langs []string, changed map[string]bool) ([]entry, error) {
	if l.listed != nil && l.sameLangs(langs) && knownFiles(fsys, l.known, changed) {
		return l.listed, nil
	}
	var entries []entry
	errs := []error{checkContentDirs(fsys, langs)}
	for _, lang := range langs {
		root := ContentDir + "/" + lang
		err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
			switch {
			case err != nil && errors.Is(err, fs.ErrNotExist):
				// A missing language folder, or a folder removed while it
				// was listed (the next build sees it gone): nothing to read.
			case err != nil:
				errs = append(errs, fileerr.New(p, 0, 0, err))
			case sitefs.Entry(fsys, p, e) != nil:
				errs = append(errs, sitefs.Entry(fsys, p, e))
			case e.IsDir():
			case strings.HasSuffix(p, ".md"):
				entries = append(entries, entry{path: p, lang: lang})
			default:
				// A file to copy, opened only once the pages are made:
				// its size is checked now, with theirs.
				if err := sitefs.EntrySize(fsys, p, e); err != nil {
					errs = append(errs, err)
				} else {
					entries = append(entries, entry{path: p, lang: lang})
				}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		l.listed = nil
		return entries, err
	}
	l.listed, l.langs, l.known = entries, langs, map[string]bool{}
	for _, e := range entries {
		l.known[e.path] = true
	}
	return entries, nil
}

func (l *Loader) sameLangs(langs []string) bool {
	return strings.Join(l.langs, " ") == strings.Join(langs, " ")
}

// knownFiles reports whether every changed path under content/<lang>/ is
// a file listed before that still exists: an edit, not an addition or a
// removal. Paths elsewhere (settings, layouts, data) do not change the
// listing.
func knownFiles(fsys fs.FS, known, changed map[string]bool) bool {
	if changed == nil {
		return false
	}
	for p := range changed {
		if !strings.HasPrefix(p, ContentDir+"/") || strings.HasPrefix(p, DataDir+"/") {
			continue
		}
		if !known[p] {
			return false
		}
		if info, err := fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// checkContentDirs reports folders in content/ that are neither a language
// nor data: most likely a language missing from site.yaml.
func checkContentDirs(fsys fs.FS, langs []string) error {
	entries, err := fs.ReadDir(fsys, ContentDir)
	var fe *fileerr.Error
	if errors.As(err, &fe) {
		return err
	}
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

// readPages reads and parses, on every processor, the Markdown files among
// entries that the last Load did not read or that changed since: most of
// a first build's loading. Each result is at its entry's index; the error
// is a panic's, a bug.
func (l *Loader) readPages(fsys fs.FS, entries []entry, changed map[string]bool) ([]readFile, error) {
	out := make([]readFile, len(entries))
	err := parallel.Do(len(entries), func(i int) error {
		p := entries[i].path
		if _, ok := l.parsed[p]; path.Ext(p) == ".md" && (!ok || changed[p]) {
			read := readPage
			if l.stamps != nil {
				read = l.readStamped
			}
			pf, err := read(fsys, p, l.fronts)
			out[i] = readFile{pf, err, true}
		}
		return nil
	})
	return out, err
}

// readFile is a page file as readPages left it: read is false when it
// was not read again.
type readFile struct {
	parsedFile
	err  error
	read bool
}

// page makes the page of entry e, from the file as just read or as the
// last Load left it.
func (l *Loader) page(e entry, r readFile) (*Page, error) {
	if r.read {
		if r.err != nil {
			delete(l.parsed, e.path)
			return nil, r.err
		}
		l.parsed[e.path] = r.parsedFile
	}
	return newPage(e.path, e.lang, l.parsed[e.path]), nil
}

// LetGoOfBodies forgets the pages' Markdown, keeping their front matter:
// for a build that has converted every page and loads no more. A Load
// after it reads every page again.
func (l *Loader) LetGoOfBodies() {
	for file, pf := range l.parsed {
		pf.body = nil
		l.parsed[file] = pf
	}
	l.bodiless = true
}

// ReadPage reads the Markdown file p: its front matter and its body.
func ReadPage(fsys fs.FS, p string) (Meta, []byte, error) {
	pf, err := readPage(fsys, p, nil)
	return pf.meta, pf.body, err
}

func readPage(fsys fs.FS, p string, known FrontMatters) (parsedFile, error) {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return parsedFile{}, fileerr.New(p, 0, 0, err)
	}
	return parseFile(p, src, known)
}

// standIn takes the place of a page that failed to load, so that links to
// it are not reported as dead on top of its own error.
func standIn(file, lang string) *Page {
	p := newPage(file, lang, parsedFile{meta: Meta{Title: path.Base(file)}})
	p.Broken = true
	return p
}

func newPage(file, lang string, pf parsedFile) *Page {
	rel := strings.TrimSuffix(strings.TrimPrefix(file, ContentDir+"/"+lang+"/"), ".md")
	kind := Chapter
	if rel == "_index" {
		kind, rel = Home, ""
	} else if strings.HasSuffix(rel, "/_index") {
		kind, rel = Section, strings.TrimSuffix(rel, "/_index")
	}
	p := &Page{Kind: kind, Lang: lang, File: file, Rel: rel, Meta: pf.meta, Source: pf.body, Sum: pf.sum, Unread: pf.unread, Modified: pf.modified}
	p.URL = pageURL(lang, rel)
	p.Key = rel
	if pf.meta.TranslationKey != "" {
		p.Key = pf.meta.TranslationKey
	}
	return p
}

// pageURL is the site path of page rel of language lang, percent-encoded.
func pageURL(lang, rel string) string {
	if rel == "" {
		return "/" + lang + "/"
	}
	return EncodePath("/" + lang + "/" + rel + "/")
}

// fileURL is the site path of a file under content/<lang>/, percent-encoded.
func fileURL(src string) string {
	return EncodePath("/" + strings.TrimPrefix(src, ContentDir+"/"))
}
