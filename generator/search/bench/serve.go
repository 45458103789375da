package bench

import (
	"bytes"
	"compress/gzip"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Hit is one response the server sent.
type Hit struct {
	Path   string
	Status int
	Raw    int // body bytes before compression
	Sent   int // body bytes sent (gzipped when the type compresses)
}

// Server serves a folder on 127.0.0.1 the way a static host does: text
// types gzipped when the browser accepts it, other files as they are. It
// keeps a log of what it sent.
type Server struct {
	URL     string
	srv     *httptest.Server
	mu      sync.Mutex
	hits    []Hit
	offline bool
}

// SetOffline makes the server drop every connection, as a phone without
// signal would, or serve again.
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

// Serve starts a server for dir; Close stops it.
func Serve(dir string) *Server {
	s := &Server{}
	files := http.FileServer(http.Dir(dir))
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.isOffline() {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		rec := httptest.NewRecorder()
		files.ServeHTTP(rec, r)
		s.send(w, r, rec)
	}))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	s.srv.Listener = l
	s.srv.Start()
	s.URL = s.srv.URL
	return s
}

func (s *Server) Close() { s.srv.Close() }

// send copies a recorded response to w, gzipping text bodies.
func (s *Server) send(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) {
	body := rec.Body.Bytes()
	h := w.Header()
	for k, v := range rec.Header() {
		h[k] = v
	}
	raw := len(body)
	if compressible(h.Get("Content-Type")) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && raw > 0 {
		var b bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		gz.Write(body)
		gz.Close()
		body = b.Bytes()
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		h.Add("Vary", "Accept-Encoding")
	}
	// No caching between fresh browser contexts is wanted, and within one a
	// repeated file should come from memory as on a real host.
	h.Set("Cache-Control", "max-age=600")
	w.WriteHeader(rec.Code)
	w.Write(body)
	s.mu.Lock()
	s.hits = append(s.hits, Hit{Path: r.URL.Path, Status: rec.Code, Raw: raw, Sent: len(body)})
	s.mu.Unlock()
}

func compressible(ct string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "image/svg+xml", "application/xml"} {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

// Take returns the log since the last Take and clears it.
func (s *Server) Take() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hits
	s.hits = nil
	return h
}
