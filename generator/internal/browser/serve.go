package browser

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Server serves a built site folder on 127.0.0.1 the way a static host
// does: a folder's index.html, /dir redirected to /dir/, the nearest
// 404.html (the language's own) for a missing path, text types gzipped
// when the browser accepts it, and an entity tag to revalidate with.
type Server struct {
	URL    string // http://127.0.0.1:port, without a trailing slash
	dir    string
	srv    *http.Server
	ln     net.Listener
	maxAge time.Duration
	keep   bool   // keep a log of the responses
	base   string // the path the site is published under: "" or "/kursus"

	mu      sync.Mutex
	log     []Hit
	offline bool
}

// Hit is one response the server sent.
type Hit struct {
	Path   string // the path asked for, without the query
	Status int
	Raw    int // body bytes before compression
	Sent   int // body bytes sent: gzipped when the type compresses and the browser accepts it
}

// A ServeOption changes how Serve serves.
type ServeOption func(*Server)

// WithMaxAge lets the browser keep every file for d without asking again,
// as a host with caching headers does: a file a page asks for twice comes
// the second time from the browser's cache. Without it every response says
// no-cache, so a reload sees the file as it is on disk now.
func WithMaxAge(d time.Duration) ServeOption {
	return func(s *Server) { s.maxAge = d }
}

// WithBase serves the site under a path, as a host does that publishes it
// at https://host/kursus/: base is "/kursus/", or "/" for the root.
func WithBase(base string) ServeOption {
	return func(s *Server) { s.base = strings.TrimSuffix(base, "/") }
}

// WithLog makes the server log every response it sends, with its size
// before and after compression; Take reads the log. It is for measuring
// what a page downloads.
func WithLog() ServeOption {
	return func(s *Server) { s.keep = true }
}

// Serve starts serving dir on a free port. Close stops it.
func Serve(dir string, opts ...ServeOption) (*Server, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("serve %s: not a folder", dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", dir, err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), dir: dir, ln: ln}
	for _, o := range opts {
		o(s)
	}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Take returns the responses sent since the last Take, or since Serve, and
// clears the log. It is empty unless the server was started WithLog.
func (s *Server) Take() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.log
	s.log = nil
	return log
}

// SetOffline makes the server drop every connection without an answer, as
// a phone without signal sees it, or (false) serve again.
func (s *Server) SetOffline(off bool) {
	s.mu.Lock()
	s.offline = off
	s.mu.Unlock()
}

func (s *Server) isOffline() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.offline
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.isOffline() {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	if s.keep {
		lw := &logWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if !lw.noted { // a redirect or an error, not a file: a short body sent when the handler returns
				s.note(Hit{Path: r.URL.Path, Status: lw.status, Raw: lw.sent, Sent: lw.sent})
			}
		}()
		w = lw
	}
	s.answer(w, r)
}

func (s *Server) note(h Hit) {
	s.mu.Lock()
	s.log = append(s.log, h)
	s.mu.Unlock()
}

// answer serves the file a request asks for.
func (s *Server) answer(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	site := path.Clean("/" + r.URL.Path) // no way out of dir
	if s.base != "" {
		rest, ok := strings.CutPrefix(site, s.base)
		if !ok || (rest != "" && rest[0] != '/') {
			http.NotFound(w, r)
			return
		}
		site = path.Clean("/" + rest)
	}
	file := filepath.Join(s.dir, filepath.FromSlash(site))
	fi, err := os.Stat(file)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			to := s.base + strings.TrimSuffix(site, "/") + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		file = filepath.Join(file, "index.html")
		fi, err = os.Stat(file)
	}
	if err != nil || fi.IsDir() {
		s.notFound(w, r, site)
		return
	}
	s.send(w, r, file, http.StatusOK)
}

// notFound sends the 404.html nearest to the missing path: /en/x/ gets
// /en/404.html, /trainer/en/x/ gets /trainer/en/404.html when it exists.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, site string) {
	for dir := path.Dir(site); ; dir = path.Dir(dir) {
		page := filepath.Join(s.dir, filepath.FromSlash(dir), "404.html")
		if fi, err := os.Stat(page); err == nil && !fi.IsDir() {
			s.send(w, r, page, http.StatusNotFound)
			return
		}
		if dir == "/" {
			break
		}
	}
	http.NotFound(w, r)
}

// send writes a file, gzipped when it is text and the browser accepts it.
func (s *Server) send(w http.ResponseWriter, r *http.Request, file string, status int) {
	body, err := os.ReadFile(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	ctype := mime.TypeByExtension(filepath.Ext(file))
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	h.Set("Content-Type", ctype)
	if s.maxAge > 0 {
		h.Set("Cache-Control", fmt.Sprintf("max-age=%d", int(s.maxAge.Seconds())))
	} else {
		h.Set("Cache-Control", "no-cache") // a reload in a test sees the file as it is now
	}
	raw := len(body)
	// An entity tag, as static hosts send: a browser revalidating a file
	// it has gets "not modified" and no body.
	tag := fmt.Sprintf(`"%x`, sha256.Sum256(body))[:17]
	if compressible(ctype) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = gzipped(body)
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
		tag += "-gz"
	}
	tag += `"`
	h.Set("ETag", tag)
	if status == http.StatusOK && r.Header.Get("If-None-Match") == tag {
		status, body = http.StatusNotModified, nil
	}
	if status != http.StatusNotModified {
		h.Set("Content-Length", fmt.Sprint(len(body)))
	}
	if r.Method == http.MethodHead {
		body = nil
	}
	if lw, ok := w.(*logWriter); ok {
		// Noted before the body goes out, so whoever has the response
		// finds it in the log.
		lw.noted = true
		s.note(Hit{Path: r.URL.Path, Status: status, Raw: raw, Sent: len(body)})
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead && len(body) > 0 {
		w.Write(body) //nolint:errcheck // the browser went away; nothing to do
	}
}

func compressible(ctype string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/manifest+json"} {
		if strings.HasPrefix(ctype, p) {
			return true
		}
	}
	return false
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b) //nolint:errcheck // writes to memory
	zw.Close()  //nolint:errcheck // writes to memory
	return buf.Bytes()
}

// logWriter notes the status and the body size of a response.
type logWriter struct {
	http.ResponseWriter
	status int
	sent   int
	noted  bool // send logged the response itself
}

func (w *logWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func (w *logWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.sent += n
	return n, err
}

func (w *logWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
