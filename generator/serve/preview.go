package serve

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"lentera/generator/internal/elapsed"
	"lentera/generator/publish"
)

// preview shows a save to one page's text or to what its front matter
// shows of the page itself at once, from the last complete
// build (see build.Builder.Preview), before the build that must follow
// it: that build's cost grows with the site, the preview's does not. It
// returns the files it served, nil when it served none.
func (s *Server) preview(ctx context.Context, b batch) (served map[string][]byte) {
	if s.broken || s.fresh || s.gatherDue || b.all || len(b.paths) != 1 || !s.dirty.empty() {
		return nil
	}
	var file string
	for p := range b.paths {
		file = p
	}
	defer func() {
		// The build that follows reports what went wrong, if anything did.
		if v := recover(); v != nil {
			fmt.Fprintf(s.log, "preview of %s panicked: %v\n%s", file, v, debug.Stack())
			served = nil
		}
	}()
	start := time.Now()
	files, ok := s.builder.Preview(ctx, file)
	if !ok {
		return nil
	}
	next, ok := s.current.Load().with(files)
	if !ok {
		return nil
	}
	served = map[string][]byte{}
	var pages []string
	for _, f := range files {
		served[f.Path] = f.Body
		pages = append(pages, f.Path)
	}
	s.show(next, &event{Name: "reload", Data: reloadData{Pages: pages}})
	fmt.Fprintf(s.log, "previewed %s in %s; building the rest\n", file, elapsed.String(time.Since(start)))
	return served
}

// with is the snapshot with files in place of those of the same path; ok
// is false when one is not in it.
func (s *snapshot) with(files []publish.File) (next *snapshot, ok bool) {
	c := *s
	c.files = slices.Clone(s.files)
	for _, f := range files {
		i, found := s.find(f.Path)
		if !found {
			return nil, false
		}
		c.files[i] = f
	}
	return &c, true
}

// unseen takes out of a reload the pages a preview served as they are in
// next: the reader has them already.
func unseen(e *event, served map[string][]byte, next *snapshot) *event {
	if e == nil || served == nil {
		return e
	}
	d, ok := e.Data.(reloadData)
	if !ok || d.Pages == nil {
		return e
	}
	var pages []string
	for _, p := range d.Pages {
		if body, ok := next.file(p); ok && served[p] != nil && bytes.Equal(body, served[p]) {
			continue
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		return nil
	}
	d.Pages = pages
	e.Data = d
	return e
}
