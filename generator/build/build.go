// Package build runs the phases of a build in order:
//
//	load     site.yaml, content/ and data into the read-only model (site)
//	assets   minify and fingerprint assets/ (publish)
//	layouts  parse layouts/ and UI strings (render)
//	convert  Markdown to HTML, one page per processor (markup)
//	render   pages through the layouts, one per processor (render)
//	extras   search indexes, calendars, sitemap, copied files
//	publish  write the output folder in one swap (publish)
//
// A Builder keeps what it read, so that the dev server's rebuild after an
// edit is the same Build call with the changed paths.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"lentera"
	"lentera/generator/fileerr"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// Options say what to build.
type Options struct {
	SiteDir   string    // the site folder; error paths start with it
	Site      fs.FS     // the site's files; os.DirFS(SiteDir) when nil
	Theme     fs.FS     // the built-in theme; the embedded one when nil
	Out       string    // the output folder; nothing is written when ""
	Drafts    bool      // publish drafts too
	BuildDate time.Time // "today"; time.Now() when zero
	NoMinify  bool      // keep output as rendered, for debugging layouts
}

// Result is a finished build.
type Result struct {
	Files    []publish.File // every output file, sorted by path
	Warnings []error
	Site     *site.Site
	Pages    int      // pages, all editions
	Rendered int      // pages rendered by this build; the others were unchanged
	Changed  []string // output paths added or changed since the last successful Build; nil after the first
	Removed  []string // output paths gone since the last successful Build
}

// Builder builds one site again and again.
type Builder struct {
	opts   Options
	fsys   fs.FS
	loader site.Loader
	minify *publish.Minifier
	cache  *cache
	last   map[string][]byte // the output of the last successful Build
}

// New prepares a Builder.
func New(opts Options) *Builder {
	if opts.Site == nil {
		opts.Site = os.DirFS(opts.SiteDir)
	}
	if opts.Theme == nil {
		opts.Theme = lentera.Theme
	}
	return &Builder{opts: opts, fsys: opts.Site, minify: publish.NewMinifier(), cache: newCache()}
}

// Build builds the site once.
func Build(ctx context.Context, opts Options) (*Result, error) {
	return New(opts).Build(ctx)
}

// Build runs every phase. changed lists site paths changed since the last
// Build of this Builder; none means a full build.
func (b *Builder) Build(ctx context.Context, changed ...string) (*Result, error) {
	res, err := b.build(ctx, changed)
	if err != nil {
		return nil, b.located(err)
	}
	for _, w := range res.Warnings {
		b.located(w)
	}
	b.diff(res)
	if b.opts.Out != "" {
		if err := publish.Write(b.opts.Out, res.Files); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func (b *Builder) build(ctx context.Context, changed []string) (*Result, error) {
	date := b.opts.BuildDate
	if date.IsZero() {
		date = time.Now()
	}
	s, err := b.loader.Load(b.fsys, site.Options{Drafts: b.opts.Drafts}, changedSet(changed))
	if err != nil {
		return nil, phase("load", err)
	}
	themed := overlay{site: b.fsys, theme: b.opts.Theme}
	theme, err := b.themeKey(themed, date)
	if err != nil {
		return nil, phase("load", err)
	}
	next := &cache{seed: b.cache.seed, theme: theme, docs: map[string]docEntry{}, pages: map[string]pageEntry{}, search: map[string]searchEntry{}}
	if next.assets, err = b.assets(themed, theme); err != nil {
		return nil, phase("assets", err)
	}
	r, err := render.New(render.Options{Layouts: themed, Site: s, Assets: next.assets.urls, BuildDate: date, OwnLayouts: ownLayouts(b.fsys)})
	if err != nil {
		return nil, phase("layouts", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	world := b.cache.hash()
	world.Int(int64(theme))
	world.Int(int64(b.linkKey(s)))
	docs, warnings, err := b.convert(s, r, world.Sum(), next)
	if err != nil {
		return nil, phase("convert", err)
	}
	eds := editions(docs)
	pages, rendered, err := b.render(ctx, r, docs, eds, theme, next)
	if err != nil {
		return nil, phase("render", err)
	}
	extras, err := b.extras(s, r, docs, eds, date, next)
	if err != nil {
		return nil, phase("extras", err)
	}
	files := append(append(append([]publish.File{}, next.assets.files...), pages...), extras...)
	if err := checkPaths(files); err != nil {
		return nil, phase("publish", err)
	}
	b.cache = next
	warnings = append(warnings, r.Warnings...)
	return &Result{Files: files, Warnings: warnings, Site: s, Pages: len(pages), Rendered: rendered}, nil
}

func changedSet(changed []string) map[string]bool {
	if len(changed) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, c := range changed {
		set[filepath.ToSlash(c)] = true
	}
	return set
}

// ownLayouts reports whether the site has layouts of its own.
func ownLayouts(fsys fs.FS) bool {
	found := false
	_ = fs.WalkDir(fsys, render.LayoutsDir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && path.Ext(p) == ".html" {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// editions are the participant edition, and the trainer edition when some
// page has trainer notes.
func editions(docs render.Docs) []string {
	for _, d := range docs {
		if d.HasTrainerNotes() {
			return render.Editions
		}
	}
	return render.Editions[:1]
}

// diff records what changed since the last successful Build.
func (b *Builder) diff(res *Result) {
	next := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		next[f.Path] = f.Body
		if b.last == nil {
			continue
		}
		if old, ok := b.last[f.Path]; !ok || !bytes.Equal(old, f.Body) {
			res.Changed = append(res.Changed, f.Path)
		}
	}
	for p := range b.last {
		if _, ok := next[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	sort.Strings(res.Removed)
	b.last = next
}

func phase(name string, err error) error {
	return fmt.Errorf("%s: %w", name, err)
}

// checkPaths reports two outputs at one path, such as a page and a copied
// file that both want /id/a/index.html.
func checkPaths(files []publish.File) error {
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	var errs []error
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			errs = append(errs, fmt.Errorf("two outputs want the same file %s", files[i].Path))
		}
	}
	return errors.Join(errs...)
}

// located makes error paths relative to where the command runs.
func (b *Builder) located(err error) error {
	if b.opts.SiteDir == "" || b.opts.SiteDir == "." {
		return err
	}
	for _, fe := range fileerr.All(err) {
		if len(fe.Path) > 0 && fe.Path[0] != '(' && !filepath.IsAbs(fe.Path) {
			fe.Path = filepath.Join(b.opts.SiteDir, fe.Path)
		}
	}
	return err
}
