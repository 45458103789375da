package browser

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestServe(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"index.html":                 "root",
		"404.html":                   "root 404",
		"en/index.html":              "en home",
		"en/404.html":                "en 404",
		"en/a/index.html":            "chapter a",
		"trainer/en/404.html":        "trainer en 404",
		"assets/site.css":            strings.Repeat("body{color:red}", 50),
		"assets/pic.png":             "\x89PNG\r\n\x1a\n",
		"id/worksheets/x/index.html": "worksheet",
		"nohome/file.txt":            "text",
	})
	s, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		path, status, body, location string
	}{
		{path: "/", status: "200", body: "root"},
		{path: "/en/a/", status: "200", body: "chapter a"},
		{path: "/en/a", status: "301", location: "/en/a/"},
		{path: "/en/a?q=1", status: "301", location: "/en/a/?q=1"},
		{path: "/id/worksheets/x/", status: "200", body: "worksheet"},
		{path: "/en/missing/", status: "404", body: "en 404"},
		{path: "/trainer/en/missing/", status: "404", body: "trainer en 404"},
		{path: "/trainer/id/missing/", status: "404", body: "root 404"},
		{path: "/xx/missing", status: "404", body: "root 404"},
		{path: "/nohome/", status: "404", body: "root 404"},
		{path: "/../../etc/passwd", status: "404", body: "root 404"},
	} {
		resp, err := client.Get(s.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Status[:3]; got != tc.status {
			t.Errorf("GET %s: status %s, want %s", tc.path, got, tc.status)
		}
		if tc.body != "" && string(body) != tc.body {
			t.Errorf("GET %s: body %q, want %q", tc.path, body, tc.body)
		}
		if loc := resp.Header.Get("Location"); loc != tc.location {
			t.Errorf("GET %s: Location %q, want %q", tc.path, loc, tc.location)
		}
	}
}

func TestServeGzip(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"site.css": strings.Repeat("body{color:red}", 50),
		"pic.png":  "\x89PNG\r\n\x1a\nxxxxxxxx",
	})
	s, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(p string) *http.Response {
		req, _ := http.NewRequest("GET", s.URL+p, nil)
		req.Header.Set("Accept-Encoding", "gzip") // set by hand: Go then leaves the body as sent
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	css := get("/site.css")
	if css.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("CSS sent as %q, %q; want gzipped text/css", css.Header.Get("Content-Type"), css.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(css.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); len(b) != 50*len("body{color:red}") {
		t.Errorf("CSS unzipped to %d bytes", len(b))
	}
	if png := get("/pic.png"); png.Header.Get("Content-Encoding") != "" {
		t.Errorf("PNG sent with Content-Encoding %q; images are already compressed", png.Header.Get("Content-Encoding"))
	}
}
