package serve

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"lentera/generator/build"
	"lentera/generator/fileerr"
	"lentera/generator/internal/elapsed"
	"lentera/generator/publish"
	"lentera/generator/render"
)

// A builder is what the server needs of a *build.Builder: the pages phase,
// which serves an edit, and the gather phase (search indexes, workbooks),
// which spans whole languages and so comes after.
type builder interface {
	Preview(ctx context.Context, file string) ([]publish.File, bool)
	BuildPages(ctx context.Context, changed ...string) (*build.Result, error)
	Gather(ctx context.Context) (*build.Result, error)
}

// rebuild runs the pages phase for a batch of saves and publishes it: a new
// snapshot and one event for the open pages. The gather phase is left due.
func (s *Server) rebuild(ctx context.Context, b batch) {
	served := s.preview(ctx, b)
	s.dirty.add(slices.Collect(maps.Keys(b.paths))...)
	s.dirty.all = s.dirty.all || b.all
	changed := s.changed()
	start := time.Now()
	res, err := s.guard(func() (*build.Result, error) { return s.builder.BuildPages(ctx, changed...) })
	took := time.Since(start)
	s.gatherDue = false
	if ctx.Err() != nil {
		return // stopping: a cancelled build is nothing to show
	}
	if err != nil && s.watch.saves.Load() != b.upTo {
		// Files changed while it ran, and may be why it failed (a
		// folder removed under it): the build of those changes, next,
		// has the last word.
		fmt.Fprintf(s.log, "build failed after %s, with files changed meanwhile; building again\n", elapsed.String(took))
		return
	}
	if err != nil {
		s.fail(err, took)
		return
	}
	s.gatherDue = true
	next := newSnapshot(res)
	e := unseen(s.pagesEvent(res), served, next)
	s.show(next, e)
	s.report(res, took, e)
	s.broken, s.fresh = false, false
}

// gather runs the gather phase of the last pages phase. Only the pages it
// changed reload: a workbook, and a search page, which carries its index's
// entry and so shows the new words at once.
func (s *Server) gather(ctx context.Context) {
	s.gatherDue = false
	start := time.Now()
	res, err := s.guard(func() (*build.Result, error) { return s.builder.Gather(ctx) })
	took := time.Since(start)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.fail(err, took)
		return
	}
	var e *event
	if !s.cssOnly() { // the stylesheet was swapped after the pages phase already
		e = reloadEvent(res)
	}
	s.publish(res, e)
	fmt.Fprintf(s.log, "gathered search indexes and workbooks in %s: %s; %s\n", elapsed.String(took), outcome(res, e), memoryNote(res.Files))
	s.dirty = batch{}
	if s.opts.Out != "" {
		if err := publish.Write(s.opts.Out, res.Files); err != nil {
			fmt.Fprintf(s.log, "%v\n", err)
		}
	}
}

// changed lists every path changed since the last complete good build, not
// only the latest batch: a build that failed may have stopped before using
// its paths. None means everything.
func (s *Server) changed() []string {
	if s.dirty.all {
		return nil
	}
	return slices.Sorted(maps.Keys(s.dirty.paths))
}

// guard turns a panic in the build into an error on the page. The Builder,
// which may be half-updated, is replaced; its next build is a full one.
func (s *Server) guard(phase func() (*build.Result, error)) (res *build.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(s.log, "build panicked: %v\n%s", v, debug.Stack())
			err = fmt.Errorf("the build stopped on an internal error, a bug in lentera rather than in the site (the terminal has the details): %v", v)
			s.reset()
			s.dirty.all = true
		}
	}()
	return phase()
}

// publish makes res the snapshot the server answers from, and sends e, if
// any, with the snapshot's version. The version changes only with an
// event, so a page that reconnects reloads only when it missed one.
func (s *Server) publish(res *build.Result, e *event) {
	s.show(newSnapshot(res), e)
}

// show is publish for a snapshot made already.
func (s *Server) show(next *snapshot, e *event) {
	if e != nil {
		s.builds++
	}
	next.version = s.version()
	s.current.Store(next)
	if e == nil {
		return
	}
	switch d := e.Data.(type) {
	case cssData:
		d.Version = next.version
		e.Data = d
	case reloadData:
		d.Version = next.version
		e.Data = d
	}
	s.events.publish(*e)
}

// pagesEvent decides what open pages do after the pages phase: nothing
// when no output changed, swap the stylesheet when only CSS sources
// changed, and otherwise reload the pages that changed, or every page when
// the last build had failed.
func (s *Server) pagesEvent(res *build.Result) *event {
	switch {
	case s.broken || s.fresh:
		return &event{Name: "reload", Data: reloadData{}}
	case s.cssOnly():
		if swaps := stylesheetSwaps(res, s.current.Load().base); len(swaps) > 0 {
			return &event{Name: "css", Data: cssData{Swap: swaps}}
		}
	}
	return reloadEvent(res)
}

// maxListed is the most pages a reload event names; past it, every page
// reloads, which costs the reader nothing more.
const maxListed = 200

// reloadEvent names the pages to reload: the HTML files changed or
// removed. Search indexes, the sitemap, robots.txt, the web app manifests
// and the service worker (a new one takes over by itself) show on no page;
// any other file (an image, a script, a calendar) may show on any page,
// so it reloads them all. A build that changed nothing shown sends nothing.
func reloadEvent(res *build.Result) *event {
	var pages []string
	all := false
	for _, p := range slices.Concat(res.Changed, res.Removed) {
		switch path.Ext(p) {
		case ".html":
			pages = append(pages, p)
		case ".json", ".xml", ".txt", ".webmanifest":
		default:
			if path.Base(p) == build.WorkerFile {
				continue
			}
			all = true
		}
	}
	switch {
	case all || len(pages) > maxListed:
		return &event{Name: "reload", Data: reloadData{}}
	case len(pages) == 0:
		return nil
	}
	return &event{Name: "reload", Data: reloadData{Pages: pages}}
}

// cssOnly reports whether every source changed since the last good build is
// a stylesheet under assets/.
func (s *Server) cssOnly() bool {
	if s.dirty.all || len(s.dirty.paths) == 0 {
		return false
	}
	for p := range s.dirty.paths {
		if !strings.HasPrefix(p, "assets/") || path.Ext(p) != ".css" {
			return false
		}
	}
	return true
}

// stylesheetSwaps pairs each removed stylesheet with the new one of the same
// name: "assets/site.1a2b3c4d.css" became "assets/site.5e6f7a8b.css".
func stylesheetSwaps(res *build.Result, base string) []cssSwap {
	added := map[string]string{}
	for _, p := range res.Changed {
		if path.Ext(p) == ".css" {
			added[unfingerprint(p)] = p
		}
	}
	var swaps []cssSwap
	for _, p := range res.Removed {
		if n, ok := added[unfingerprint(p)]; ok && path.Ext(p) == ".css" {
			swaps = append(swaps, cssSwap{Old: base + p, New: base + n})
		}
	}
	return swaps
}

// unfingerprint undoes publish.Fingerprint: "a/site.1a2b3c4d.css" is
// "a/site.css".
func unfingerprint(p string) string {
	ext := path.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || len(stem)-i-1 != 8 || strings.Trim(stem[i+1:], "0123456789abcdef") != "" {
		return p
	}
	return stem[:i] + ext
}

// fail keeps the last good files and puts the overlay over them.
func (s *Server) fail(err error, took time.Duration) {
	s.broken = true
	overlay := s.src.renderOverlay(err)
	s.current.Store(s.current.Load().withOverlay(overlay))
	s.events.publish(event{Name: "error", Data: errorData{HTML: string(overlay)}})
	problems := fileerr.Flatten(err)
	fmt.Fprintf(s.log, "build failed after %s with %d %s; the pages show the last good build:\n",
		elapsed.String(took), len(problems), plural(len(problems), "problem", "problems"))
	for _, p := range problems {
		fmt.Fprintf(s.log, "  %v\n", p)
	}
	if errors.Is(err, render.ErrMemory) {
		// The stopped layouts' leavings, up to limits.memory, would stay
		// until the next collection, which a server at rest may not make
		// for long; by then, within a second, their run has ended.
		time.AfterFunc(time.Second, debug.FreeOSMemory)
	}
}

// report prints one line for the pages phase, and the warnings when they
// change.
func (s *Server) report(res *build.Result, took time.Duration, e *event) {
	rendered := ""
	if !s.fresh {
		rendered = fmt.Sprintf(" (%d rendered again)", res.Rendered)
	}
	what := ""
	if !s.fresh {
		what = ": " + outcome(res, e)
	}
	fmt.Fprintf(s.log, "built %d pages%s, %d files in %s%s%s\n",
		res.Pages, rendered, len(res.Files), elapsed.String(took), s.dirty.describe(), what)
	var warnings strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&warnings, "warning: %v\n", w)
	}
	if warnings.String() != s.warned {
		fmt.Fprint(s.log, warnings.String())
		s.warned = warnings.String()
	}
}

// memoryNote says how much the server holds: the whole output, which it
// serves from memory, and the memory the program has in use in all.
func memoryNote(files []publish.File) string {
	var out uint64
	for _, f := range files {
		out += uint64(len(f.Body))
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("holding %s of output, %s of memory in use", megabytes(out), megabytes(m.HeapInuse+m.StackInuse))
}

func megabytes(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// outcome says what changed and what the open pages were told.
func outcome(res *build.Result, e *event) string {
	what := fmt.Sprintf("%d files changed, %d removed", len(res.Changed), len(res.Removed))
	switch {
	case e == nil:
		return what + "; no page to reload"
	case e.Name == "css":
		return what + "; pages swap the stylesheet"
	}
	if d, ok := e.Data.(reloadData); ok && d.Pages != nil {
		return fmt.Sprintf("%s; %d %s reload", what, len(d.Pages), plural(len(d.Pages), "page", "pages"))
	}
	return what + "; every page reloads"
}

// describe names what a build was for: " after content/id/a.md (+2 more)".
func (b *batch) describe() string {
	if b.all || len(b.paths) == 0 {
		return ""
	}
	paths := slices.Sorted(maps.Keys(b.paths))
	if len(paths) == 1 {
		return " after " + paths[0]
	}
	return fmt.Sprintf(" after %s (+%d more)", paths[0], len(paths)-1)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
