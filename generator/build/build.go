// Package build runs the phases of a build in order:
//
//	load     site.yaml, content/ and data into the read-only model (site)
//	assets   minify and fingerprint assets/ (publish)
//	layouts  parse layouts/ and UI strings (render)
//	convert  Markdown to HTML, one page per processor (markup)
//	render   pages through the layouts, one per processor (render)
//	extras   calendars, copied files, link-preview cards (sharecard)
//	gather   what spans a whole language: search indexes and pages, workbooks,
//	         the sitemap, and what reading offline needs (package offline)
//	publish  write the output folder in one swap (publish)
//
// A Builder keeps what it made, each piece with a hash of its inputs, so a
// rebuild after an edit is the same Build call with the changed paths, and
// only redoes what those inputs changed. The dev server calls BuildPages
// and Gather apart, to serve an edited page before the slower gather phase,
// and Preview before both, to show an edit to one page's text at once.
package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"lentera"
	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/linkcheck"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
	"lentera/generator/sitefs"
	"lentera/generator/translation"
	"lentera/generator/vcs"
)

// Options say what to build.
type Options struct {
	SiteDir   string    // the site folder; error paths start with it
	Site      fs.FS     // the site's files; the folder SiteDir, opened by sitefs, when nil
	Theme     fs.FS     // the built-in theme; the embedded one when nil
	Out       string    // the output folder; nothing is written when ""
	Drafts    bool      // publish drafts too
	BuildDate time.Time // "today"; time.Now() when zero
	NoMinify  bool      // keep output as rendered, for debugging layouts
	BaseURL   string    // replaces site.yaml's baseURL when set; checked by site.CheckBaseURL
	CacheDir  string    // keeps the build cache between runs (see diskcache.go); none when ""
	// Stream writes each file into Out as soon as it is made, and keeps
	// in memory only what later phases read: for one build, not for a
	// Builder that builds again. Result.Files then lists every file, but
	// most without their Body.
	Stream bool
}

// Result is a finished build.
type Result struct {
	Files     []publish.File // every output file, sorted by path
	Warnings  []error
	Site      *site.Site
	Pages     int      // pages, all editions
	Rendered  int      // pages rendered by this build; the others were unchanged
	Sections  int      // workbook sections rendered by this build; the others were copied from the last workbook
	Converted int      // Markdown files converted by this build; the others were unchanged
	Changed   []string // output paths added or changed since the last Result; nil after the first
	Removed   []string // output paths gone since the last Result

	// Status is where every chapter's translations stand.
	Status *translation.Report
}

// Builder builds one site again and again. Its methods must not be called
// concurrently.
type Builder struct {
	opts    Options
	fsys    *sitefs.FS // every read of the site's files; see openSite
	loader  site.Loader
	minify  *publish.Minifier
	cache   *cache
	pending *pending                  // pages built, gather not yet run
	gitLog  gitLog                    // the site's Git history as last read
	last    []publish.File            // the files of the last Result, sorted by path
	order   fileOrder                 // how the last files came, and sorted
	resized map[string][]publish.File // smaller copies of wide images, by original and content
	stream  *stream                   // the output being written, in a streaming build
	spool   *markup.Spool             // the converted pages of a streaming build
	// Each page file's modification time as the last build found it, and
	// the Git history it was read with.
	mtimes      map[string]time.Time
	mtimesHist  *vcs.History
	digests     map[string]digestEntry // the last gather phase's output summaries, by path
	themeFiles  uint64                 // a hash of site.yaml, layouts/ and assets/ as last read; 0 before
	trainerText map[string]trainerMemo // whether each page's text says "trainer"; see passesFor
	disk        diskState              // the build cache on disk
	inline      *markup.Inline         // front matter's one-line Markdown, made text for the search index
	shown       *shown                 // the last complete build, for Preview; nil while none stands
}

// pending is a build between BuildPages and Gather.
type pending struct {
	site       *site.Site
	status     *translation.Report
	renderer   *render.Renderer
	conv       converter
	docs       render.Docs
	output     linkcheck.Output // what links may point at
	editions   []string
	gatherJobs []render.Job // the pages the gather phase renders
	world      uint64       // a hash of what every page depends on
	prev       *cache       // where unchanged work is found
	next       *cache       // where this build's work goes
	files      []publish.File
	warnings   []error
	pages      int
	rendered   tally
	converted  int
}

// New prepares a Builder.
func New(opts Options) *Builder {
	if opts.Theme == nil {
		opts.Theme = lentera.Theme
	}
	return &Builder{opts: opts, minify: publish.NewMinifier(), cache: &cache{}, inline: markup.NewInline()}
}

// Build builds the site once.
func Build(ctx context.Context, opts Options) (*Result, error) {
	return New(opts).Build(ctx)
}

// Build runs every phase and, with Options.Out, writes the output. changed
// lists the site paths added, removed or modified since the last Build of
// this Builder (a folder stands for everything in it); none means anything
// may have changed, and everything is read again.
func (b *Builder) Build(ctx context.Context, changed ...string) (*Result, error) {
	if b.opts.Stream && b.opts.Out != "" {
		if err := b.startStream(); err != nil {
			return nil, err
		}
		defer b.endStream()
	}
	if _, err := b.BuildPages(ctx, changed...); err != nil {
		return nil, err
	}
	return b.Gather(ctx)
}

// BuildPages runs the phases up to gather. Its Result has the new pages and
// the search indexes and workbooks of the last Gather, which may be stale;
// Gather brings them up to date.
func (b *Builder) BuildPages(ctx context.Context, changed ...string) (*Result, error) {
	if b.opts.Out != "" {
		// Before the work, so a wrong --out says so at once.
		if err := publish.CheckOut(b.opts.SiteDir, b.opts.Out); err != nil {
			return nil, err
		}
	}
	b.shown = nil // the model is about to change
	b.loadCache()
	p, err := b.buildPages(ctx, changed)
	if err != nil {
		b.pending = nil
		return nil, b.located(err)
	}
	b.pending, b.cache = p, p.next
	files := append(append([]publish.File{}, p.files...), p.next.gathered...)
	return b.result(p, files)
}

// Gather runs the gather phase for the last BuildPages and, with
// Options.Out, writes the whole output.
func (b *Builder) Gather(ctx context.Context) (res *Result, err error) {
	p := b.pending
	if p == nil {
		return nil, errors.New("build: Gather without a successful BuildPages")
	}
	defer func() {
		if err != nil {
			b.dropSave() // begun by gather
		}
	}()
	gathered, rendered, err := b.gather(ctx, p)
	if err != nil {
		return nil, b.located(phase("gather", err))
	}
	// The headers file names every top-level file and folder, the gather
	// phase's (the service worker) too.
	gathered = append(gathered, publish.Headers(slices.Concat(p.files, gathered), AssetsDir))
	p.next.gathered = gathered
	p.rendered.add(rendered)
	files := append(append([]publish.File{}, p.files...), gathered...)
	if err := checkPaths(files, p.site, p.editions); err != nil {
		return nil, b.located(phase("publish", err))
	}
	b.pending = nil
	res, err = b.result(p, files)
	if err != nil {
		return nil, err
	}
	switch {
	case b.stream != nil:
		if err = b.spoolErr(); err == nil {
			p.next.output, p.next.kept, err = b.stream.commit(res.Files)
		}
		if err == nil {
			p.next.letGoOfIndexes()
		}
		b.stream = nil
	case b.opts.Out != "":
		err = publish.Write(b.opts.Out, res.Files)
	}
	if err != nil {
		return nil, err
	}
	if w := b.saveCache(); w != nil {
		res.Warnings = append(res.Warnings, w)
	}
	if !b.opts.Stream { // a streaming build builds once
		b.shown = newShown(p)
	}
	return res, nil
}

func (b *Builder) result(p *pending, files []publish.File) (*Result, error) {
	b.sortFiles(files)
	res := &Result{Files: files, Warnings: b.locatedCopies(p.warnings), Site: p.site, Status: p.status, Pages: p.pages, Rendered: p.rendered.pages, Sections: p.rendered.sections, Converted: p.converted}
	if b.stream == nil {
		// A streaming build has let go of the bodies, and builds once.
		b.diff(res)
	}
	return res, nil
}

func (b *Builder) buildPages(ctx context.Context, changed []string) (*pending, error) {
	date := b.opts.BuildDate
	if date.IsZero() {
		date = time.Now()
	}
	if err := b.openSite(); err != nil {
		return nil, phase("load", err)
	}
	b.fsys.Refresh() // a folder may have become a link since the last build
	gitLog := b.readHistory(ctx)
	themed := overlay{site: b.fsys, theme: b.opts.Theme}
	ahead := b.startAhead(themed)
	defer ahead.wait() // not left running when the build stops early
	s, loadErr := b.loader.Load(b.fsys, site.Options{Drafts: b.opts.Drafts, BaseURL: b.opts.BaseURL}, changedSet(changed))
	if s == nil {
		gitLog()
		return nil, phase("load", loadErr)
	}
	loadErr = errors.Join(loadErr, markup.CheckAliases(s.Config.Directives))
	history := b.history(s, gitLog(), changedSet(changed))
	theme, err := b.themeKey(themed, date, changedSet(changed))
	if err != nil {
		return nil, errors.Join(phase("load", loadErr), phase("load", err), ahead.layoutsError())
	}
	runWarnings := []error{b.takeCache()} // of this run, not of the site
	if b.stream != nil {
		b.stream.trust(b.cache.output, b.cache.kept)
		runWarnings = append(runWarnings, b.stream.warning)
	}
	prev := b.cache
	next := prev.fresh(theme)
	if next.assets, err = b.assets(themed, theme, ahead); err != nil {
		return nil, errors.Join(phase("load", loadErr), phase("assets", err), ahead.layoutsError())
	}
	r, err := b.renderer(next, themed, s, date, ahead)
	if err != nil {
		return nil, errors.Join(phase("load", loadErr), phase("layouts", err))
	}
	r.SetHistory(history)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	images, imagesKey := b.images(s)
	world := digest.New()
	world.Int(int64(theme))
	world.Int(int64(glossaryKey(s)))
	passes, err := b.passesFor(s)
	if err != nil {
		return nil, errors.Join(phase("load", loadErr), phase("load", err))
	}
	world.Int(int64(len(passes))) // a page converted without the trainer's passes lacks them
	convKey := world.Sum()
	// Links and images: a page depends on those it has alone (see
	// cache.doc), the sitemap on all.
	links := digest.New()
	links.Int(int64(b.linkKey(s)))
	links.Int(int64(imagesKey))
	next.links = links.Sum()
	world.Int(int64(next.links))
	worldKey := world.Sum()
	conv := b.converter(s, r, images, passes)
	docs, warnings, converted, convErr := b.convert(conv, convKey, prev, next)
	if loadErr != nil || convErr != nil {
		// Every page that did convert still has its links checked, so
		// one build reports the problems of every file.
		linkErr := checkLinks(docs, draftOutput(s, r, docs, next.assets.files))
		return nil, errors.Join(phase("load", loadErr), phase("convert", convErr), linkErr)
	}
	warnings = append(warnings, unscaled(s, images)...)
	if b.stream != nil {
		b.stream.keep = linkTargets(docs)
		b.letGoOfSources(s)
	}
	p := &pending{site: s, status: history.Status, renderer: r, conv: conv, docs: docs, editions: editions(docs, s.Config.Plan.Given), prev: prev, next: next, warnings: slices.Concat(warnings, r.Warnings, unstemmed(s))}
	for _, w := range append(runWarnings, s.Config.BaseURLWarning()) {
		if w != nil {
			p.warnings = append(p.warnings, w)
		}
	}
	var pageJobs []render.Job
	pageJobs, p.gatherJobs = planJobs(r, p.editions)
	pages, rendered, err := b.render(ctx, r, docs, pageJobs, prev, next)
	if err != nil {
		return nil, phase("render", err)
	}
	p.world = worldKey
	extras, err := b.extras(s, r, p.editions, date, prev, next)
	if err != nil {
		return nil, phase("extras", err)
	}
	resized, err := b.resizedImages(s, docs, images)
	if err != nil {
		return nil, phase("extras", err)
	}
	p.warnings = append(p.warnings, overBudget(docs, images, resized)...)
	p.files = append(append(append(append(p.files, next.assets.files...), pages...), extras...), resized...)
	p.output = finalOutput(p.files, p.gatherJobs)
	if err := checkLinks(docs, p.output); err != nil {
		return nil, err
	}
	// Pages counts the workbooks too, which the gather phase renders.
	p.pages, p.rendered, p.converted = len(pages)+len(p.gatherJobs), rendered, converted
	return p, nil
}

// renderer makes a renderer of the layouts, parsed ahead or now, or takes
// the last build's when the theme key says nothing they read has changed
// and none of its pages ran past its time.
func (b *Builder) renderer(next *cache, themed fs.FS, s *site.Site, date time.Time, ahead *ahead) (*render.Renderer, error) {
	if next.renderer != nil && !next.renderer.Stopped() {
		next.renderer.SetSite(s)
		return next.renderer, nil
	}
	parsed, err := ahead.parsed()
	if err != nil {
		return nil, err
	}
	r, err := render.New(render.Options{
		Layouts: themed, Theme: b.opts.Theme, Site: s, Assets: next.assets.urls, Scripts: next.assets.scripts(), BuildDate: date,
		OwnLayouts: ownLayouts(b.fsys), QRCodes: b.cache.qrs, Minify: b.templateMinify(), Parsed: parsed,
	})
	next.renderer = r
	return r, err
}

// templateMinify shrinks layouts at load, unless the build keeps output as
// rendered.
func (b *Builder) templateMinify() render.Minify {
	if b.opts.NoMinify {
		return nil
	}
	return b.minify.Template
}

// gather builds what spans a whole language: the workbooks, the search
// indexes and the search pages, which carry their index's entry file.
func (b *Builder) gather(ctx context.Context, p *pending) ([]publish.File, tally, error) {
	searchJobs, bookJobs := splitJobs(p.gatherJobs, "search")
	// The workbooks and the search indexes read the pages and write
	// entries of their own: after an edit, each is mostly one language's
	// work, so they go side by side.
	var books, indexes []publish.File
	var rendered tally
	err := parallel.Do(2, func(i int) (err error) {
		if i == 0 {
			books, rendered, err = b.render(ctx, p.renderer, p.docs, bookJobs, p.prev, p.next)
		} else {
			indexes, err = b.searchIndexes(p.site, p.docs, p.editions, p.prev, p.next)
		}
		return err
	})
	if err != nil {
		return nil, tally{}, err
	}
	// What the cache keeps is settled from here but the search pages,
	// the sitemap and the output's record: it is written on another
	// thread while the rest of the build goes on.
	b.startSave()
	withEntries(searchJobs, indexes)
	searchPages, n, err := b.render(ctx, p.renderer, p.docs, searchJobs, p.prev, p.next)
	if err != nil {
		return nil, tally{}, err
	}
	rendered.add(n)
	sitemap := sitemapFile(p.renderer, p.world, p.prev, p.next)
	gathered := slices.Concat(books, indexes, searchPages, []publish.File{sitemap})
	saved, err := b.offlineFiles(p, b.summaries(append(append([]publish.File{}, p.files...), gathered...)))
	if err != nil {
		return nil, tally{}, err
	}
	return append(gathered, saved...), rendered, nil
}

// splitJobs parts jobs into those of a kind and the others.
func splitJobs(jobs []render.Job, kind string) (of, others []render.Job) {
	for _, j := range jobs {
		if j.Kind == kind {
			of = append(of, j)
		} else {
			others = append(others, j)
		}
	}
	return of, others
}

// withEntries gives each search page the entry file of the index beside
// it and the client's scripts for its language.
func withEntries(jobs []render.Job, indexes []publish.File) {
	entries := map[string][]byte{}
	for _, f := range indexes {
		entries[f.Path] = f.Body
	}
	for i := range jobs {
		jobs[i].SearchEntry = entries[path.Join(path.Dir(jobs[i].Path), search.EntryFile)]
		jobs[i].SearchScripts = search.ClientScripts(jobs[i].Lang)
	}
}

// gathered are the page kinds that show a whole language: the workbook, and
// the search page, which carries a part of the language's index.
func isGathered(kind string) bool { return kind == "print" || kind == "search" }

// planJobs lists the pages of every edition, split into those rendered
// with the pages and those the gather phase renders.
func planJobs(r *render.Renderer, editions []string) (pages, gathered []render.Job) {
	for _, ed := range editions {
		for _, j := range r.Plan(ed) {
			if isGathered(j.Kind) {
				gathered = append(gathered, j)
			} else {
				pages = append(pages, j)
			}
		}
	}
	return pages, gathered
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

// sortFiles sorts files by path, stably. A Builder's files come in the
// same order build after build, as a rule: when they do, the order found
// last time serves again.
func (b *Builder) sortFiles(files []publish.File) {
	if !sameOrder(files, b.order.paths) {
		perm := make([]int, len(files))
		for i := range perm {
			perm[i] = i
		}
		// By path, then by place: as stable as a stable sort, and faster.
		slices.SortFunc(perm, func(x, y int) int { return cmp.Or(strings.Compare(files[x].Path, files[y].Path), x-y) })
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = f.Path
		}
		b.order = fileOrder{paths: paths, perm: perm}
	}
	sorted := make([]publish.File, len(files))
	for i, k := range b.order.perm {
		sorted[i] = files[k]
	}
	copy(files, sorted)
}

// fileOrder is the order of a Builder's last files, and how they sort.
type fileOrder struct {
	paths []string // as they came
	perm  []int    // sorted[i] is files[perm[i]]
}

func sameOrder(files []publish.File, paths []string) bool {
	if len(files) != len(paths) {
		return false
	}
	for i, f := range files {
		if f.Path != paths[i] {
			return false
		}
	}
	return true
}

// diff records what changed since the last Result.
func (b *Builder) diff(res *Result) {
	last := b.last
	b.last = slices.Clone(res.Files)
	if last == nil {
		return
	}
	// Both lists are sorted by path: one walk through the two finds what
	// came, changed and went.
	next := res.Files
	for len(next) > 0 || len(last) > 0 {
		switch {
		case len(last) == 0 || len(next) > 0 && next[0].Path < last[0].Path:
			res.Changed = append(res.Changed, next[0].Path)
			next = next[1:]
		case len(next) == 0 || last[0].Path < next[0].Path:
			res.Removed = append(res.Removed, last[0].Path)
			last = last[1:]
		default:
			if !bytes.Equal(next[0].Body, last[0].Body) {
				res.Changed = append(res.Changed, next[0].Path)
			}
			next, last = next[1:], last[1:]
		}
	}
}

// editions are the participant edition, and the trainer edition when some
// page has trainer notes or is for trainers only, or site.yaml has a
// session plan.
func editions(docs render.Docs, plan bool) []string {
	if plan {
		return render.Editions
	}
	for p, d := range docs {
		if d.HasTrainerNotes() || !p.InEdition("") {
			return render.Editions
		}
	}
	return render.Editions[:1]
}

func phase(name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", name, err)
}

// checkPaths reports two outputs at one path, such as a chapter search.md
// and the search page, which both want /id/search/index.html. The site's
// own collisions (a page and a copied file) are found when it is loaded;
// these are with what the build makes itself. The page or file that wants
// the path is named when there is one.
func checkPaths(files []publish.File, s *site.Site, editions []string) error {
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	var errs []error
	named := map[string]bool{} // once, not once per edition
	for i := 1; i < len(files); i++ {
		if files[i].Path != files[i-1].Path {
			continue
		}
		if src := sourceOf(s, editions, files[i].Path); src != "" {
			if named[src] {
				continue
			}
			named[src] = true
			errs = append(errs, fileerr.Errorf(src, 0, 0, "publishes /%s, which the build makes itself (search, workbook, worksheets, calendars, sitemap); rename it", files[i].Path))
			continue
		}
		errs = append(errs, fmt.Errorf("two outputs want the same file %s", files[i].Path))
	}
	return errors.Join(errs...)
}

// sourceOf names the site file that publishes output path out in any
// edition, or "".
func sourceOf(s *site.Site, editions []string, out string) string {
	for _, ed := range editions {
		if rest, ok := strings.CutPrefix(out, ed+"/"); ok && ed != "" {
			out = rest
		}
	}
	return s.Source(out)
}

// locatedCopies is located for warnings, on copies: the same warning is
// in the Result of BuildPages and of Gather, and in the cached conversion
// a rebuild reuses, so changing it in place would put the site folder in
// front of its path once more each time.
func (b *Builder) locatedCopies(warnings []error) []error {
	out := make([]error, len(warnings))
	for i, w := range warnings {
		if fe, ok := w.(*fileerr.Error); ok {
			c := *fe
			w = &c
		}
		b.located(w)
		out[i] = w
	}
	// Found on every processor at once, they come in any order; a
	// writer reads them as the errors, by file and line.
	fileerr.Sort(out)
	return out
}

// located makes error paths relative to where the command runs, and
// sorts the problems by file and line.
func (b *Builder) located(err error) error {
	if b.opts.SiteDir == "" || b.opts.SiteDir == "." {
		return fileerr.Sorted(err)
	}
	for _, fe := range fileerr.All(err) {
		if len(fe.Path) > 0 && fe.Path[0] != '(' && !filepath.IsAbs(fe.Path) {
			fe.Path = filepath.Join(b.opts.SiteDir, fe.Path)
		}
	}
	return fileerr.Sorted(err)
}
