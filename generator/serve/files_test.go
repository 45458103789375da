package serve

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lentera/generator/publish"
)

// testSnapshot is a built site under /kursus/ with a trainer edition.
func testSnapshot() *snapshot {
	page := func(name string) []byte {
		return []byte("<!doctype html><html><head><title>" + name + "</title></head><body>" + name + "</body></html>")
	}
	return &snapshot{
		base:    "/kursus/",
		version: "v1",
		files: sortedFiles(map[string][]byte{
			"index.html":               page("root"),
			"404.html":                 page("not-found-root"),
			"id/index.html":            page("id-home"),
			"id/404.html":              page("not-found-id"),
			"id/a/index.html":          page("id-a"),
			"en/404.html":              page("not-found-en"),
			"trainer/id/404.html":      page("not-found-trainer-id"),
			"assets/site.1a2b3c4d.css": []byte("body{color:red}"),
			"assets/logo.png":          []byte("\x89PNG"),
			"id/search/index.json":     []byte(`{"a":1}`),
			"id/kalender.ics":          []byte("BEGIN:VCALENDAR"),
			"sitemap.xml":              []byte("<urlset/>"),
		}),
	}
}

// sortedFiles is files as a build gives them, sorted by path.
func sortedFiles(files map[string][]byte) []publish.File {
	var out []publish.File
	for _, p := range slices.Sorted(maps.Keys(files)) {
		out = append(out, publish.File{Path: p, Body: files[p]})
	}
	return out
}

func TestServeFile(t *testing.T) {
	tests := []struct {
		method, target string
		status         int
		contentType    string
		location       string
		body           string // a part of the body
	}{
		{"GET", "/", 302, "", "/kursus/", ""},
		{"GET", "/?lang=en", 302, "", "/kursus/?lang=en", ""},
		{"GET", "/kursus", 302, "", "/kursus/", ""},
		{"GET", "/kursus/", 200, "text/html; charset=utf-8", "", "root"},
		{"GET", "/kursus/id/a", 302, "", "/kursus/id/a/", ""},
		{"GET", "/kursus/id/a?x=1", 302, "", "/kursus/id/a/?x=1", ""},
		{"GET", "/kursus/id/a/", 200, "text/html; charset=utf-8", "", "id-a"},
		{"GET", "/kursus/id/a/index.html", 200, "text/html; charset=utf-8", "", "id-a"},
		{"HEAD", "/kursus/id/a/", 200, "text/html; charset=utf-8", "", ""},
		{"GET", "/kursus/assets/site.1a2b3c4d.css", 200, "text/css; charset=utf-8", "", "body{color:red}"},
		{"GET", "/kursus/assets/logo.png", 200, "image/png", "", "PNG"},
		{"GET", "/kursus/id/search/index.json", 200, "application/json; charset=utf-8", "", `{"a":1}`},
		{"GET", "/kursus/id/kalender.ics", 200, "text/calendar; charset=utf-8", "", "VCALENDAR"},
		{"GET", "/kursus/sitemap.xml", 200, "", "", "<urlset/>"},
		{"GET", "/kursus/id/nope/", 404, "text/html; charset=utf-8", "", "not-found-id"},
		{"GET", "/kursus/id/a/b/c", 404, "", "", "not-found-id"},
		{"GET", "/kursus/en/nope", 404, "", "", "not-found-en"},
		{"GET", "/kursus/trainer/id/nope", 404, "", "", "not-found-trainer-id"},
		{"GET", "/kursus/nope", 404, "", "", "not-found-root"},
		{"GET", "/kursus/fr/nope", 404, "", "", "not-found-root"},
		{"GET", "/elsewhere/", 404, "", "", "not-found-root"},
		{"POST", "/kursus/", 405, "", "", ""},
		{"GET", "/kursus/../x", 400, "", "", ""},
		{"GET", "/kursus/id/./a/", 400, "", "", ""},
		{"GET", "/kursus/%2e%2e/x", 400, "", "", ""},
		{"GET", `/kursus/id\a`, 400, "", "", ""},
	}
	snap := testSnapshot()
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := httptest.NewRecorder()
			serveFile(w, httptest.NewRequest(tt.method, tt.target, nil), snap)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			h := w.Header()
			if tt.contentType != "" && h.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type %q, want %q", h.Get("Content-Type"), tt.contentType)
			}
			if tt.location != "" && h.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", h.Get("Location"), tt.location)
			}
			if !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("body lacks %q:\n%s", tt.body, w.Body)
			}
			if tt.status == 200 && h.Get("Cache-Control") != "no-cache" {
				t.Errorf("Cache-Control %q", h.Get("Cache-Control"))
			}
			isHTML := strings.HasPrefix(h.Get("Content-Type"), "text/html") && tt.status != 302 && tt.status < 400 || tt.status == 404
			if isHTML && tt.method == "GET" && !strings.Contains(w.Body.String(), `<script src="/_lentera/client.js" data-version="v1" data-files="[`) {
				t.Errorf("HTML without the reload client:\n%s", w.Body)
			}
			if tt.method == "HEAD" && (w.Body.Len() != 0 || h.Get("Content-Length") == "") {
				t.Errorf("HEAD: body %q, Content-Length %q", w.Body, h.Get("Content-Length"))
			}
		})
	}
}

// A page names the files it shows, so that a reload event naming one of
// them reloads it: a 404 page also names the page asked for, which reloads
// it when that page appears.
func TestServedPageNamesItsFiles(t *testing.T) {
	tests := []struct{ target, files string }{
		{"/kursus/id/a/", `[&#34;id/a/index.html&#34;]`},
		{"/kursus/id/baru/", `[&#34;id/baru/index.html&#34;,&#34;id/404.html&#34;]`},
		{"/kursus/trainer/id/x", `[&#34;trainer/id/x&#34;,&#34;trainer/id/404.html&#34;]`},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		serveFile(w, httptest.NewRequest("GET", tt.target, nil), testSnapshot())
		mustContain(t, tt.target, w.Body.String(), `data-files="`+tt.files+`"`)
	}
}

func TestServeFileAtRootWithout404Page(t *testing.T) {
	snap := &snapshot{base: "/", version: "v", files: sortedFiles(map[string][]byte{"id/index.html": []byte("<html><head></head><body>id</body></html>")})}
	w := httptest.NewRecorder()
	serveFile(w, httptest.NewRequest("GET", "/id/", nil), snap)
	if w.Code != 200 || !strings.Contains(w.Body.String(), ">id<") {
		t.Errorf("GET /id/: %d %s", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	serveFile(w, httptest.NewRequest("GET", "/nope", nil), snap)
	if w.Code != 404 || !strings.Contains(w.Body.String(), "Not found") || !strings.Contains(w.Body.String(), clientPath) {
		t.Errorf("GET /nope: %d %s", w.Code, w.Body)
	}
}

func TestInject(t *testing.T) {
	snap := &snapshot{version: `v"1`, overlay: []byte("<div id=o></div>")}
	script := `<script src="/_lentera/client.js" data-version="v&#34;1" data-files="[&#34;a/index.html&#34;]" defer></script>`
	tests := []struct{ page, want string }{
		{"<html><head></head><body>x</body></html>", "<html><head>" + script + "</head><body>x<div id=o></div></body></html>"},
		{"<body>x</body>", "<body>x" + script + "<div id=o></div></body>"},
		{"x", script + "x<div id=o></div>"},
		// Only the last </body> is the page's; one in the head is text.
		{"<head><title></body></title></head><p>", "<head><title></body></title>" + script + "</head><p><div id=o></div>"},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.page), snap, "a/index.html")); got != tt.want {
			t.Errorf("inject(%q)\n got %q\nwant %q", tt.page, got, tt.want)
		}
	}
}

// TestTraversal sends raw request lines, as an attacker would, so that no
// client cleans the path first. Nothing outside the build may come back.
func TestTraversal(t *testing.T) {
	s := start(t, tinySite, Options{})
	outside := filepath.Join(filepath.Dir(s.dir), "outside-"+filepath.Base(s.dir))
	writeFile(t, outside, "secret.txt", "TOP-SECRET")
	t.Cleanup(func() { os.RemoveAll(outside) })
	for _, link := range []struct{ name, target string }{
		{"leak.txt", filepath.Join(outside, "secret.txt")},
		{"leak", outside},
	} {
		if err := os.Symlink(link.target, filepath.Join(s.dir, link.name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	rel := "outside-" + filepath.Base(s.dir) + "/secret.txt"
	targets := []string{
		"/../" + rel,
		"/kursus/../../" + rel,
		"/kursus/id/../../../" + rel,
		"/%2e%2e/" + rel,
		"/kursus/%2e%2e/%2E%2E/" + rel,
		"/kursus/..%2f..%2f" + strings.ReplaceAll(rel, "/", "%2f"),
		"/kursus/%252e%252e/" + rel,
		`/kursus/..\..\` + rel,
		"/kursus/leak.txt",
		"/leak.txt",
		"/kursus/leak/secret.txt",
		"/kursus/site.yaml",
		"/kursus/content/id/a.md",
		"/kursus/id/a.md",
		"//etc/passwd",
		"/kursus//etc/passwd",
		"/kursus/id/%00",
		"/kursus/id/a/%2e%2e/%2e%2e/%2e%2e/site.yaml",
	}
	addr := strings.TrimPrefix(s.root, "http://")
	for _, target := range targets {
		status, body := rawGet(t, addr, target)
		if status != 400 && status != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		for _, secret := range []string{"TOP-SECRET", "languages:", "title: Bab A", "root:x:0"} {
			if strings.Contains(body, secret) {
				t.Errorf("GET %s: the answer holds %q", target, secret)
			}
		}
	}
}

// rawGet sends one request line as written and reads the answer.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}
