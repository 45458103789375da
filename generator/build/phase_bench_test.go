package build

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/search"
	"lentera/generator/site"
	"lentera/generator/sitefs"
)

// The benchmarks below time one phase each over the whole bench site (see
// benchSite), from the state a build leaves before that phase, with
// nothing taken from an earlier build: convert, render, minify, search
// analysis, write and the sitemap; and the loading of the build cache
// and of the site that the next build starts with. make bench runs them
// with -benchmem.

// builtPages builds the bench site up to the gather phase and returns the
// Builder holding that state.
func builtPages(b *testing.B) *Builder {
	b.Helper()
	builder := New(Options{SiteDir: benchSite(b)})
	if _, err := builder.BuildPages(context.Background()); err != nil {
		b.Fatal(err)
	}
	return builder
}

func BenchmarkConvert(b *testing.B) {
	builder := builtPages(b)
	p := builder.pending
	images, _ := builder.images(p.site)
	passes, err := builder.passesFor(p.site)
	if err != nil {
		b.Fatal(err)
	}
	conv := builder.converter(p.site, p.renderer, images, passes)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := builder.convert(conv, 0, &cache{}, (&cache{}).fresh(0)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	builder := builtPages(b)
	p := builder.pending
	jobs, _ := planJobs(p.renderer, p.editions)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := builder.render(context.Background(), p.renderer, p.docs, jobs, &cache{}, (&cache{}).fresh(0)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMinify minifies the converted text of every page, as a
// conversion does once for a page that holds raw HTML.
func BenchmarkMinify(b *testing.B) {
	builder := builtPages(b)
	p := builder.pending
	conv := markup.New(markup.Options{})
	var pages [][]byte
	for _, l := range p.site.Languages {
		for _, pg := range l.Pages {
			if pg.File == "" || pg.Broken {
				continue
			}
			in := markup.Input{Site: p.site, Page: pg, URLs: site.NewURLs(p.site.Config.BaseURL), T: p.renderer.T(pg.Lang), Embed: p.renderer.Embed(pg.Lang)}
			doc, err := conv.Convert(in, markup.Pass{})
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, doc.HTML(markup.Pass{}))
		}
	}
	m := publish.NewMinifier()
	b.ReportAllocs()
	for b.Loop() {
		err := parallel.Do(len(pages), func(i int) error {
			_, err := m.Minify("page.html", pages[i])
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchAnalysis(b *testing.B) {
	builder := builtPages(b)
	p := builder.pending
	type langDocs struct {
		lang string
		docs []search.Doc
	}
	var all []langDocs
	for _, l := range p.site.Languages {
		docs, _ := searchDocs(l, p.docs, site.NewURLs(p.site.Config.BaseURL), "")
		for i := range docs {
			docs[i].Description = builder.inline.Plain(l.Code, docs[i].Description)
		}
		all = append(all, langDocs{l.Code, docs})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range all {
			if _, err := search.Analyze(l.lang, l.docs); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	builder := New(Options{SiteDir: benchSite(b)})
	res, err := builder.Build(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := publish.Write(filepath.Join(dir, strconv.Itoa(i%2)), res.Files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCache reads, checks and decodes the build cache that a
// streaming build of the bench site leaves, as the next build starts by
// doing. The cache is kept under the temporary folder, on disk as a
// user's is.
func BenchmarkLoadCache(b *testing.B) {
	opts := Options{SiteDir: benchSite(b), Out: filepath.Join(b.TempDir(), "public"), CacheDir: b.TempDir(), Stream: true}
	if _, err := New(opts).Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	builder := New(opts)
	b.ReportAllocs()
	for b.Loop() {
		file, err := openCacheFile(builder.cacheFile())
		if err != nil {
			b.Fatal(err)
		}
		_, rest, err := builder.decodeCacheFile(file)
		if err == nil {
			_, err = rest()
		}
		if err != nil {
			b.Fatal(err)
		}
		file.close()
	}
}

// BenchmarkLoad loads the bench site as a build with the build cache
// does: every page file listed and looked at, none read, as the stamps
// the first load took say that none changed.
func BenchmarkLoad(b *testing.B) {
	fsys, err := sitefs.Open(benchSite(b))
	if err != nil {
		b.Fatal(err)
	}
	defer fsys.Close()
	var first site.Loader
	first.Stamp(nil)
	if _, err := first.Load(fsys, site.Options{}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var l site.Loader
		l.Remember(first.FrontMatters())
		l.Stamp(first.Stamps())
		fsys.Refresh()
		if _, err := l.Load(fsys, site.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSitemap writes the sitemap, which a build after an edit writes
// again whole: the edited page's date changes.
func BenchmarkSitemap(b *testing.B) {
	r := builtPages(b).pending.renderer
	b.ReportAllocs()
	for b.Loop() {
		r.Sitemap()
	}
}
