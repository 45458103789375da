package serve

import (
	"bytes"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"lentera/generator/publish"
)

// serveFile answers from the snapshot alone. It never opens a file, so no
// request path ("..", "%2e%2e", a symlink in the site or the output folder)
// can reach anything the build did not produce.
func serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !cleanPath(p) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if snap.base != "/" && (p == "/" || p == strings.TrimSuffix(snap.base, "/")) {
		redirect(w, r, snap.base)
		return
	}
	rel, ok := strings.CutPrefix(p, snap.base)
	if !ok {
		notFound(w, r, snap, "404.html")
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if body, ok := snap.file(name); ok {
		send(w, r, snap, name, body, http.StatusOK)
		return
	}
	if _, ok := snap.file(rel + "/index.html"); ok {
		redirect(w, r, p+"/")
		return
	}
	notFound(w, r, snap, name)
}

// cleanPath accepts absolute slash paths with no "." or ".." segment, no
// backslash and no NUL. The lookup is by exact path, so this is a second wall:
// it turns traversal attempts into a clear 400 instead of a 404.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// redirect keeps the query string. It is a 302, not a 301: browsers keep
// 301s for good, and a later build may put a file where a folder was.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusFound)
}

// notFound answers 404 for the output path want with the nearest 404.html
// above it: a missing /id/a/b finds /id/404.html (the Indonesian one),
// /trainer/en/x finds /trainer/en/404.html, anything else /404.html. The
// page reloads when want appears.
func notFound(w http.ResponseWriter, r *http.Request, snap *snapshot, want string) {
	for dir := path.Dir(want); ; dir = path.Dir(dir) {
		name := path.Join(dir, "404.html")
		if body, ok := snap.file(name); ok {
			send(w, r, snap, name, body, http.StatusNotFound, want)
			return
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	send(w, r, snap, "404.html", []byte(fallback404), http.StatusNotFound, want)
}

// fallback404 stands in when the site has no 404 page yet, for instance
// while its first build fails; it still loads the reload client.
const fallback404 = `<!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head>` +
	`<body><h1>Not found</h1><p>No page at this address in the current build.</p></body></html>`

// send writes one file. HTML gets the reload client (and the overlay while
// the site is broken); other files go through http.ServeContent for ranges.
// want is the output path asked for, when it is not name.
func send(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, body []byte, status int, want ...string) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("X-Content-Type-Options", "nosniff")
	// Every response is revalidated: a dev server's files change under the
	// same name (copied images, the home page) and must never come stale.
	h.Set("Cache-Control", "no-cache")
	if publish.MediaType(name) == "text/html" {
		body = inject(body, snap, append(want, name)...)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		w.Write(body)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// contentType is the media type of name, with charset=utf-8 for text: the
// generator writes all text as UTF-8.
func contentType(name string) string {
	t := publish.MediaType(name)
	if isText(t) {
		return t + "; charset=utf-8"
	}
	return t
}

func isText(mediaType string) bool {
	return strings.HasPrefix(mediaType, "text/") ||
		strings.HasSuffix(mediaType, "/json") || strings.HasSuffix(mediaType, "+json") ||
		strings.HasSuffix(mediaType, "/xml") || strings.HasSuffix(mediaType, "+xml")
}
