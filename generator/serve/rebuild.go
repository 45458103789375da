package serve

import (
	"context"
	"fmt"
	"maps"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"lentera/generator/build"
	"lentera/generator/fileerr"
	"lentera/generator/publish"
)

// rebuild runs a build for a batch of saves and publishes the outcome: a
// new snapshot, one event for the pages, and the files in --out.
func (s *Server) rebuild(ctx context.Context, b batch) {
	s.dirty.add(slices.Collect(maps.Keys(b.paths))...)
	s.dirty.all = s.dirty.all || b.all
	start := time.Now()
	res, err := s.runBuild(ctx)
	took := time.Since(start)
	if ctx.Err() != nil {
		return // stopping: a cancelled build is nothing to show
	}
	if err != nil {
		s.fail(err, took)
		return
	}
	s.succeed(res, took)
}

// runBuild builds with every path changed since the last good build, not
// only the latest batch: a build that failed may have stopped before using
// its paths. A panic in the build becomes an error on the page; the
// Builder, which may be half-updated, is replaced.
func (s *Server) runBuild(ctx context.Context) (res *build.Result, err error) {
	var changed []string
	if !s.dirty.all {
		changed = slices.Sorted(maps.Keys(s.dirty.paths))
	}
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(s.log, "build panicked: %v\n%s", v, debug.Stack())
			err = fmt.Errorf("the build stopped on an internal error, a bug in lentera rather than in the site (the terminal has the details): %v", v)
			s.reset()
			s.dirty.all = true
		}
	}()
	return s.build(ctx, changed...)
}

// succeed publishes a good build and tells the pages how to catch up.
func (s *Server) succeed(res *build.Result, took time.Duration) {
	prev := s.current.Load()
	e := s.pageEvent(res, prev)
	if e != nil {
		s.builds++
	}
	next := newSnapshot(res, s.version())
	s.current.Store(next)
	if e != nil {
		if css, ok := e.Data.(cssData); ok {
			css.Version = next.version
			e.Data = css
		} else {
			e.Data = versionData{next.version}
		}
		s.events.publish(*e)
	}
	s.report(res, took, e)
	s.broken, s.fresh, s.dirty = false, false, batch{}
	if s.opts.Out != "" {
		if err := publish.Write(s.opts.Out, res.Files); err != nil {
			fmt.Fprintf(s.log, "%v\n", err)
		}
	}
}

// pageEvent decides what open pages do after a good build: nothing when no
// output changed, swap the stylesheet when only CSS sources changed, and
// reload otherwise, or when the last build had failed.
func (s *Server) pageEvent(res *build.Result, prev *snapshot) *event {
	switch {
	case s.broken || s.fresh:
		return &event{Name: "reload"}
	case len(res.Changed) == 0 && len(res.Removed) == 0:
		return nil
	case s.cssOnly():
		if swaps := stylesheetSwaps(res, prev.base); len(swaps) > 0 {
			return &event{Name: "css", Data: cssData{Swap: swaps}}
		}
	}
	return &event{Name: "reload"}
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
		took.Round(time.Millisecond), len(problems), plural(len(problems), "problem", "problems"))
	for _, p := range problems {
		fmt.Fprintf(s.log, "  %v\n", p)
	}
}

// report prints one line per build, and the warnings when they change.
func (s *Server) report(res *build.Result, took time.Duration, e *event) {
	what := ""
	switch {
	case s.fresh:
	case e == nil:
		what = ": no output changed"
	default:
		what = fmt.Sprintf(": %d files changed, %d removed; pages: %s", len(res.Changed), len(res.Removed), e.Name)
	}
	rendered := ""
	if !s.fresh {
		rendered = fmt.Sprintf(" (%d rendered again)", res.Rendered)
	}
	fmt.Fprintf(s.log, "built %d pages%s, %d files in %s%s%s\n",
		res.Pages, rendered, len(res.Files), took.Round(time.Millisecond), s.dirty.describe(), what)
	var warnings strings.Builder
	for _, w := range res.Warnings {
		fmt.Fprintf(&warnings, "warning: %v\n", w)
	}
	if warnings.String() != s.warned {
		fmt.Fprint(s.log, warnings.String())
		s.warned = warnings.String()
	}
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
