package build

import (
	"fmt"
	"io"
	"sync"
	"time"

	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
	"lentera/generator/publish"
)

// stream is a build that writes its output as it goes (Options.Stream):
// each page goes into the output folder's stage once rendered, and only
// what later phases read stays in memory, so a build's memory does not
// grow with the whole site's HTML.
type stream struct {
	warning error // about the build, for its result
	stage   *publish.Stage
	keep    map[string]bool // pages whose ids the link check reads
	mu      sync.Mutex
	written map[string]publish.Written
}

// startStream opens the output folder's stage for a streaming build.
func (b *Builder) startStream() error {
	if err := publish.CheckOut(b.opts.SiteDir, b.opts.Out); err != nil {
		return err
	}
	st, err := publish.NewStage(b.opts.Out)
	if err != nil {
		return err
	}
	b.stream = &stream{stage: st, written: map[string]publish.Written{}}
	// Without a spool the converted pages stay in memory, as the dev
	// server keeps them: the same site, for more memory.
	spool, err := markup.NewSpool()
	if err != nil {
		b.stream.warning = fmt.Errorf("%w: the converted pages are kept in memory instead; set TMPDIR to a folder that can be written", err)
	}
	// The pages of an earlier build by this Builder read their HTML from
	// that build's spool, which is gone.
	b.spool, b.cache = spool, &cache{}
	return nil
}

// endStream drops a stage that was not committed: the build failed, and
// the output folder stays as it was. The spool goes in any case, after the
// build cache is saved from it.
func (b *Builder) endStream() {
	if b.stream != nil {
		b.stream.stage.Abort()
		b.stream = nil
	}
	if b.spool != nil {
		b.spool.Close() // a file left behind is in the temporary folder, not the output
		b.spool = nil
	}
	// A streaming build builds once: nothing reads the cache file after.
	if b.disk.html != nil {
		b.disk.html.Close()
		b.disk.html = nil
	}
}

// put writes f, and lets go of its body unless the link check needs it.
// Without a stream it does nothing.
func (s *stream) put(f *publish.File) error {
	if s == nil {
		return nil
	}
	w, err := s.stage.Put(*f)
	if err != nil {
		return err
	}
	s.wrote(w)
	if s.drops(f.Path) {
		f.Body = nil
	}
	return nil
}

// putAll writes files but those skip reports (when given); see
// publish.EachFolder.
func (s *stream) putAll(files []publish.File, skip func(publish.File) bool) error {
	return publish.EachFolder(files, func(i int) error {
		if skip != nil && skip(files[i]) {
			return nil
		}
		return s.put(&files[i])
	})
}

// putFrom writes the file at path from what write writes, never whole in
// memory; see publish.Stage.PutFrom.
func (s *stream) putFrom(path string, write func(io.Writer) error) error {
	w, err := s.stage.PutFrom(path, write)
	if err != nil {
		return err
	}
	s.wrote(w)
	return nil
}

// drops reports whether put lets go of the body of the file at path: in a
// stream, unless the link check reads it.
func (s *stream) drops(path string) bool {
	return s != nil && !s.keep[path]
}

// reuse puts the page w in the stage without its body, when the last
// output or the kept build holds it; see publish.Stage.Reuse. A page whose
// ids the link check reads is not reused, since its body is needed; nor is
// any page without a stream.
func (s *stream) reuse(w publish.Written) (bool, error) {
	if s == nil || w.Path == "" || s.keep[w.Path] {
		return false, nil
	}
	ok, err := s.stage.Reuse(w)
	if ok {
		s.wrote(w)
	}
	return ok, err
}

// trust hands the stage the records of the last build (see
// publish.Stage.Trust). A build writes about as many files as the last:
// the map of what it wrote is made that large at once, as growing it a
// table at a time touched twice the memory.
func (s *stream) trust(output, kept publish.Record) {
	s.stage.Trust(output, kept)
	if len(s.written) == 0 {
		s.written = make(map[string]publish.Written, len(output.Files))
	}
}

// wrote notes that w is in the stage; safe for concurrent use.
func (s *stream) wrote(w publish.Written) {
	s.mu.Lock()
	s.written[w.Path] = w
	s.mu.Unlock()
}

// summary is what was written at path; the zero Written without a stream.
func (s *stream) summary(path string) publish.Written {
	if s == nil {
		return publish.Written{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.written[path]
}

// commit writes the files not written yet and puts the build in place.
// Either way the stage is done with: a failure leaves the output folder as
// it was. It returns the record of what it wrote, and of the build it
// replaced when that was kept (see publish.Stage.Commit).
func (s *stream) commit(files []publish.File) (live, kept publish.Record, err error) {
	var rest []publish.File
	for _, f := range files {
		if _, done := s.written[f.Path]; !done {
			rest = append(rest, f)
		}
	}
	err = s.putAll(rest, nil)
	if err != nil {
		s.stage.Abort()
		return live, kept, err
	}
	if kept, err = s.stage.Commit(); err != nil {
		return live, kept, err
	}
	return publish.Record{Dir: s.stage.Dir(), Folder: s.stage.Folder(), At: time.Now(), Files: s.written}, kept, nil
}

// summaries are the path, size and digest of every file, whether its body
// was let go of or not. Between builds of one Builder most bodies are the
// very same slices as last time, whose digests are kept rather than taken
// again.
func (b *Builder) summaries(files []publish.File) []publish.Written {
	out := make([]publish.Written, len(files))
	parallel.Do(len(files), func(i int) error {
		f := files[i]
		if b.stream != nil {
			if w, ok := b.stream.written[f.Path]; ok {
				out[i] = w
				return nil
			}
		}
		if e, ok := b.digests[f.Path]; ok && sameSlice(e.body, f.Body) {
			out[i] = e.Written
			return nil
		}
		out[i] = publish.Summary(f)
		return nil
	})
	if b.stream == nil {
		b.digests = make(map[string]digestEntry, len(files))
		for i, f := range files {
			b.digests[f.Path] = digestEntry{Written: out[i], body: f.Body}
		}
	}
	return out
}

// digestEntry is an output file's summary, and the body it was taken of.
type digestEntry struct {
	publish.Written
	body []byte
}
