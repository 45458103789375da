package browser

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Server serves a built site folder on 127.0.0.1 the way a static host
// does: a folder's index.html, /dir redirected to /dir/, the nearest
// 404.html (the language's own) for a missing path, and text types gzipped
// when the browser accepts it.
type Server struct {
	URL string // http://127.0.0.1:port, without a trailing slash
	dir string
	srv *http.Server
	ln  net.Listener
}

// Serve starts serving dir on a free port. Close stops it.
func Serve(dir string) (*Server, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("serve %s: not a folder", dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", dir, err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), dir: dir, ln: ln}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	site := path.Clean("/" + r.URL.Path) // no way out of dir
	file := filepath.Join(s.dir, filepath.FromSlash(site))
	fi, err := os.Stat(file)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			to := strings.TrimSuffix(site, "/") + "/"
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
	h.Set("Cache-Control", "no-cache") // a reload in a test sees the file as it is now
	if compressible(ctype) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = gzipped(body)
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
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
