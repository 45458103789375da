package browser

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"lentera/generator/internal/testsite"
)

func serve(t *testing.T, dir string, opts ...ServeOption) *Server {
	t.Helper()
	s, err := Serve(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// getGzip asks for url as a browser does, accepting gzip, and reads the
// body as sent.
func getGzip(t *testing.T, url string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: Go then leaves the body as sent
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestServe(t *testing.T) {
	dir := testsite.New(t, map[string]string{
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
	s := serve(t, dir)
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
	dir := testsite.New(t, map[string]string{
		"site.css": strings.Repeat("body{color:red}", 50),
		"pic.png":  "\x89PNG\r\n\x1a\nxxxxxxxx",
	})
	s := serve(t, dir)
	get := func(p string) *http.Response { return getGzip(t, s.URL+p) }
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

// With a log, the server notes each response: the path, the status, the
// body before and after gzip. Take empties the log.
func TestServeLog(t *testing.T) {
	css := strings.Repeat("body{color:red}", 50)
	dir := testsite.New(t, map[string]string{
		"site.css":      css,
		"pic.png":       "\x89PNG\r\n\x1a\nxxxxxxxx",
		"en/404.html":   "en 404",
		"en/index.html": "en",
	})
	s := serve(t, dir, WithLog())
	for _, p := range []string{"/site.css", "/pic.png", "/en/missing/?q=1", "/en"} {
		resp := getGzip(t, s.URL+p)
		io.ReadAll(resp.Body) //nolint:errcheck // only the log matters
	}
	log := s.Take()
	if len(log) != 5 {
		t.Fatalf("log %+v, want 5 responses (the redirect followed)", log)
	}
	if h := log[0]; h.Path != "/site.css" || h.Status != 200 || h.Raw != len(css) || h.Sent <= 0 || h.Sent >= h.Raw {
		t.Errorf("CSS logged as %+v, want %d bytes raw and fewer sent", h, len(css))
	}
	if h := log[1]; h.Status != 200 || h.Raw != 16 || h.Sent != 16 {
		t.Errorf("PNG logged as %+v, want 16 bytes raw and sent", h)
	}
	if h := log[2]; h.Path != "/en/missing/" || h.Status != 404 || h.Raw != len("en 404") {
		t.Errorf("missing page logged as %+v, want its path, 404 and the 404 page's size", h)
	}
	if h := log[3]; h.Path != "/en" || h.Status != 301 || h.Sent == 0 {
		t.Errorf("redirect logged as %+v", h)
	}
	if h := log[4]; h.Path != "/en/" || h.Status != 200 || h.Raw != len("en") {
		t.Errorf("the redirect's target logged as %+v", h)
	}
	if log := s.Take(); len(log) != 0 {
		t.Errorf("a second Take returned %+v, want nothing", log)
	}
	plain := serve(t, dir)
	getGzip(t, plain.URL+"/site.css")
	if log := plain.Take(); len(log) != 0 {
		t.Errorf("a server without WithLog logged %+v", log)
	}
}

func TestServeMaxAge(t *testing.T) {
	dir := testsite.New(t, map[string]string{"index.html": "home"})
	for _, tc := range []struct {
		opts []ServeOption
		want string
	}{
		{nil, "no-cache"},
		{[]ServeOption{WithMaxAge(10 * time.Minute)}, "max-age=600"},
	} {
		s := serve(t, dir, tc.opts...)
		if got := getGzip(t, s.URL+"/").Header.Get("Cache-Control"); got != tc.want {
			t.Errorf("Cache-Control %q, want %q", got, tc.want)
		}
	}
}

// Offline, a request gets no answer at all; back online it does again.
func TestServeOffline(t *testing.T) {
	dir := testsite.New(t, map[string]string{"index.html": "home"})
	s := serve(t, dir, WithLog())
	s.SetOffline(true)
	if resp, err := http.Get(s.URL + "/"); err == nil {
		resp.Body.Close()
		t.Errorf("offline, GET answered %s", resp.Status)
	}
	s.SetOffline(false)
	resp, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatalf("back online: %v", err)
	}
	resp.Body.Close()
	if log := s.Take(); len(log) != 1 {
		t.Errorf("log %+v, want only the answered request", log)
	}
}

// A browser that has a file asks whether it changed with its entity tag
// and gets "not modified", without the body, until it does change.
func TestServeRevalidate(t *testing.T) {
	dir := testsite.New(t, map[string]string{"en/index.html": "one"})
	s := serve(t, dir, WithLog())
	first := getGzip(t, s.URL+"/en/")
	tag := first.Header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag")
	}
	ask := func() *http.Response {
		req, _ := http.NewRequest("GET", s.URL+"/en/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("If-None-Match", tag)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	if resp := ask(); resp.StatusCode != http.StatusNotModified {
		t.Errorf("unchanged: %d, want 304", resp.StatusCode)
	}
	testsite.WriteFile(t, dir, "en/index.html", []byte("two"))
	if resp := ask(); resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tag {
		t.Errorf("changed: %d with tag %s, want 200 and a new tag", resp.StatusCode, resp.Header.Get("ETag"))
	}
	hits := s.Take()
	if len(hits) != 3 || hits[1].Status != http.StatusNotModified || hits[1].Sent != 0 {
		t.Errorf("log %+v; want the revalidation as a 304 with nothing sent", hits)
	}
}
