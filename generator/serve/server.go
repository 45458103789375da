package serve

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lentera"
	"lentera/generator/build"
	"lentera/generator/publish"
)

// Options configure a dev server.
type Options struct {
	SiteDir  string        // the site folder; "" is the working folder
	Out      string        // also write each good build here, as build does; "" writes nothing
	Drafts   bool          // publish drafts too
	BaseURL  string        // replaces site.yaml's baseURL when set
	Debounce time.Duration // quiet time that ends a burst of saves; DefaultDebounce when 0
	Log      io.Writer     // build reports and errors for the terminal; nothing when nil
	Host     string        // the name or address given to listen on; requests naming it are answered too
	CacheDir string        // the build cache, for the first build; see build.Options
}

// DefaultDebounce is the quiet time that ends a burst of file events.
// Editors save within a millisecond or two (a temporary file, a rename, a
// backup removed), so a short wait gathers a save into one build; every
// millisecond of it is added to the time from save to page, which should
// stay under 50 ms. A burst cut in two costs one more build, not a wrong
// page: each build gets every path changed since the last good one.
const DefaultDebounce = 10 * time.Millisecond

// maxWait bounds how long a burst that never goes quiet delays a build.
const maxWait = 500 * time.Millisecond

// shutdownGrace is how long Ctrl-C waits for requests in flight.
const shutdownGrace = 5 * time.Second

//go:embed client.js
var clientJS []byte

// A Server serves the latest build of a site from memory and rebuilds it on
// every save.
type Server struct {
	opts    Options
	log     io.Writer
	watch   *watcher
	events  *broker
	current atomic.Pointer[snapshot]
	src     sources

	// Owned by the goroutine that builds (New, then the rebuild loop).
	builder   builder
	dirty     batch  // changed since the last complete good build
	gatherDue bool   // the pages phase ran; the gather phase has not
	broken    bool   // the last build failed
	fresh     bool   // the Builder has not built yet: its Changed lists say nothing
	builds    int    // good builds published, for versions
	started   string // distinguishes this process's versions from a previous one's
	warned    string // the warnings last printed, to print them again only when they change
}

// New watches the site and builds it once. A failed first build is not an
// error: the server starts, and the pages show what to fix.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.SiteDir == "" {
		opts.SiteDir = "."
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	if opts.Out != "" {
		if err := publish.CheckOut(opts.SiteDir, opts.Out); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	w, err := newWatcher(opts.SiteDir, outInSite(opts.SiteDir, opts.Out), log)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		log:     log,
		watch:   w,
		events:  newBroker(),
		src:     sources{siteDir: opts.SiteDir, theme: lentera.Theme},
		started: fmt.Sprintf("%x", time.Now().UnixNano()),
	}
	s.current.Store(&snapshot{base: "/", version: s.version()})
	s.reset()
	s.rebuild(ctx, batch{all: true, upTo: s.watch.saves.Load()})
	if s.gatherDue {
		s.gather(ctx)
	}
	return s, nil
}

// reset starts over with a new Builder, whose next build is a full one.
func (s *Server) reset() {
	s.builder = build.New(build.Options{SiteDir: s.opts.SiteDir, Drafts: s.opts.Drafts, BaseURL: s.opts.BaseURL, CacheDir: s.opts.CacheDir})
	s.fresh, s.gatherDue = true, false
}

func (s *Server) version() string { return fmt.Sprintf("%s-%d", s.started, s.builds) }

// URL is where the site is served from when the server listens on addr.
func (s *Server) URL(addr net.Addr) string {
	host := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", fmt.Sprint(tcp.Port))
	}
	return "http://" + host + s.current.Load().base
}

// Serves reports whether the last good build has the output file path,
// such as "trainer/index.html".
func (s *Server) Serves(path string) bool {
	_, ok := s.current.Load().file(path)
	return ok
}

// Serve answers on ln and rebuilds on every save until ctx ends, then
// stops: streams end, requests in flight finish, the watcher closes.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { s.loop(ctx) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}
	cancel()
	s.events.close()
	shutCtx, stop := context.WithTimeout(context.Background(), shutdownGrace)
	defer stop()
	if serr := srv.Shutdown(shutCtx); serr != nil && err == nil {
		err = fmt.Errorf("serve: stopping: %w", serr)
	}
	wg.Wait()
	if werr := s.watch.close(); werr != nil && err == nil {
		err = fmt.Errorf("serve: %w", werr)
	}
	return err
}

// loop builds once per burst of saves: the pages phase, then the gather
// phase unless more saves are already waiting, whose pages come first.
func (s *Server) loop(ctx context.Context) {
	batches := make(chan batch)
	go s.watch.run(ctx, timing{quiet: s.opts.Debounce, maxWait: maxWait}, batches)
	for {
		if s.gatherDue {
			select {
			case <-ctx.Done():
				return
			case b := <-batches:
				s.rebuild(ctx, b)
			default:
				s.gather(ctx)
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case b := <-batches:
			s.rebuild(ctx, b)
		}
	}
}

// ServeHTTP answers the reserved paths of the reload client and the site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.refuseForeignHost(w, r) {
		return
	}
	switch r.URL.Path {
	case clientPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(clientJS)
	case eventsPath:
		s.serveEvents(w, r)
	default:
		serveFile(w, r, s.current.Load())
	}
}

// outInSite is the --out folder relative to the site, when it lies inside
// it: the watcher must not see the server's own writes as saves.
func outInSite(siteDir, out string) string {
	if out == "" {
		return ""
	}
	absSite, err1 := filepath.Abs(siteDir)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return ""
	}
	r, err := filepath.Rel(absSite, absOut)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(r)
}
