package build

import (
	"io/fs"
	"path"
	"strings"
	"time"

	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
	"lentera/generator/vcs"
)

// cache is what a Builder keeps from one build to the next. Every entry
// carries the hash of the inputs it was made from, and is used again only
// when those inputs hash the same; so a rebuild is the full build with the
// unchanged work skipped, and cannot drift from it.
type cache struct {
	theme    uint64           // site.yaml, layouts/, assets/, the date and the options
	renderer *render.Renderer // layouts bound to the theme; reused while it holds
	assets   assetsEntry
	docs     map[string]docEntry    // by page file
	links    uint64                 // the links key the docs' links were last found to lead right in (see buildPages)
	pages    map[string]pageEntry   // by output path
	search   map[string]searchEntry // by index folder
	sitemap  pageEntry
	cards    map[string]pageEntry      // link-preview cards, by output path
	analysed map[uint64]*search.Page   // search analyses of pages, by a key of what they read
	output   publish.Record            // what the last streaming build wrote into its output folder
	kept     publish.Record            // the build before it, kept beside the folder
	fronts   site.FrontMatters         // the pages' parsed front matter, for the next run's loader
	stamps   map[string]site.FileStamp // the page files as read, for the next run's loader
	trainer  map[string]trainerMemo    // whether each page's text says "trainer", for the next run
	history  *vcs.History              // the site's Git history, for the next run while HEAD stays
	qrs      []render.QRCode           // the QR codes drawn, for the next run's renderer

	gathered []publish.File // the output of the last gather phase
}

type assetsEntry struct {
	key   uint64
	files []publish.File
	urls  map[string]string
}

// scripts maps each script's name to its minified text.
func (a assetsEntry) scripts() map[string][]byte {
	bodies := map[string][]byte{}
	for _, f := range a.files {
		bodies["/"+f.Path] = f.Body
	}
	out := map[string][]byte{}
	for name, url := range a.urls {
		if path.Ext(name) == ".js" {
			out[name] = bodies[url]
		}
	}
	return out
}

type docEntry struct {
	key  uint64
	data map[string][32]byte // the data files it embeds, as they were
	doc  *markup.Doc
}

// pageEntry is a page or card as last made: its body, or, for a page a
// streaming build wrote and let go of, what it wrote (see stream.reuse).
type pageEntry struct {
	key      uint64
	body     []byte
	written  publish.Written
	sections []render.Section // a workbook's, where its parts lie in it
}

// searchEntry is a search index as last made: its files, without the
// bodies of those a streaming build wrote and let go of, which the record
// of the build's output describes (see letGoOfIndexes).
type searchEntry struct {
	key   uint64
	files []publish.File
}

// sameSlice reports whether a and b are one slice, not merely equal ones.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// fresh starts the cache of the next build, with no entries yet.
// Entries move over as the build uses them, so pages that are gone drop out.
// Until the next gather phase, it keeps this one's gathered output.
func (c *cache) fresh(theme uint64) *cache {
	next := &cache{theme: theme, docs: map[string]docEntry{}, pages: map[string]pageEntry{}, cards: map[string]pageEntry{}, search: c.search, analysed: c.analysed, gathered: c.gathered, output: c.output, kept: c.kept}
	if c.theme == theme {
		next.renderer = c.renderer
	}
	return next
}

// themeKey hashes everything that every page depends on: the settings, the
// layouts and UI strings, the assets, the day, and the build options. The
// files are read again only when the build was not told what changed, or
// was told of one of them.
func (b *Builder) themeKey(fsys fs.FS, date time.Time, changed map[string]bool) (uint64, error) {
	if b.themeFiles == 0 || themeTouched(changed) {
		sum, err := themeFiles(fsys)
		if err != nil {
			return 0, err
		}
		b.themeFiles = sum
	}
	h := digest.New()
	h.Int(int64(b.themeFiles))
	h.String(date.Format(time.DateOnly))
	h.Bool(b.opts.Drafts)
	h.Bool(b.opts.NoMinify)
	h.String(b.opts.BaseURL)
	return h.Sum(), nil
}

// themeDirs hold the files every page depends on.
var themeDirs = []string{site.ConfigFile, "layouts", AssetsDir}

// themeTouched reports whether a changed path is, holds or lies in one of
// the theme's files and folders.
func themeTouched(changed map[string]bool) bool {
	if changed == nil {
		return true
	}
	for p := range changed {
		for _, dir := range themeDirs {
			if p == dir || p == "." || strings.HasPrefix(p, dir+"/") || strings.HasPrefix(dir, p+"/") {
				return true
			}
		}
	}
	return false
}

// themeFiles hashes the theme's files, path and content.
func themeFiles(fsys fs.FS) (uint64, error) {
	h := digest.New()
	for _, dir := range themeDirs {
		err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			body, err := fs.ReadFile(fsys, p)
			if err != nil {
				return fileerr.New(p, 0, 0, err)
			}
			h.String(p)
			h.Bytes(body)
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return h.Sum(), nil
}

// linkKey hashes what links resolve against: which pages are published
// where (and what a link takes from them), and which files exist. The
// sitemap depends on it; a page's conversion only on where its own links
// lead (markup.Doc.SameTargets), which needs checking only when linkKey
// changed.
func (b *Builder) linkKey(s *site.Site) uint64 {
	h := digest.New()
	for _, l := range s.Languages {
		for _, p := range l.Pages {
			h.String(p.File + "\x00" + p.URL + "\x00" + p.Key + "\x00" + p.Rel + "\x00" + p.Lang)
			h.Int(int64(p.Kind))
			h.Bool(p.InEdition(""))
			h.Bool(p.InEdition("trainer"))
		}
	}
	for _, f := range s.Files {
		h.String(f.Src)
	}
	return h.Sum()
}

// docKey hashes one page's Markdown, by its digest, with what its
// conversion reads.
func docKey(world uint64, p *site.Page) uint64 {
	h := digest.New()
	h.Int(int64(world))
	h.String(p.File + "\x00" + p.Lang + "\x00" + p.URL)
	h.Int(int64(p.Sum))
	return h.Sum()
}

// doc returns the page's earlier conversion if nothing it read has
// changed, including the data files it embeds and, when links may lead
// elsewhere now (relink), where its links lead.
func (c *cache) doc(conv converter, p *site.Page, key uint64, relink bool) (docEntry, bool) {
	e, ok := c.docs[p.File]
	if !ok || e.key != key || relink && !e.doc.SameTargets(conv.input(p)) {
		return docEntry{}, false
	}
	s := conv.site
	for src, sum := range e.data {
		if d := s.Data[src]; d == nil || d.Sum != sum {
			return docEntry{}, false
		}
	}
	return e, true
}

func dataSums(s *site.Site, doc *markup.Doc) map[string][32]byte {
	sums := map[string][32]byte{}
	for _, src := range doc.Uses {
		sums[src] = s.Data[src].Sum
	}
	return sums
}
