package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lentera/generator/build"
	"lentera/generator/internal/testsite"
	"lentera/generator/publish"
)

// These tests start the server on a free port over a small site in a
// temporary folder, change files the way an editor does, and watch what a
// page would see: the events on its stream and the pages over HTTP. They
// wait on events with a deadline; none of them sleeps to assert.

// wait is how long a test waits for one event. It is generous because a
// -race build on a busy machine is slow; a passing run takes far less.
const wait = 20 * time.Second

// tinySite is a bilingual site with a baseURL path, so every test also
// checks that the server serves under /kursus/.
var tinySite = map[string]string{
	"site.yaml":            "title: {id: Kursus, en: Course}\nlanguages: [id, en]\nbaseURL: https://example.org/kursus/\n",
	"content/id/_index.md": "---\ntitle: Beranda\n---\nSelamat datang.\n",
	"content/en/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
	"content/id/a.md":      chapterA("Teks pertama."),
	"content/en/a.md":      "---\ntitle: Chapter A\nweight: 1\n---\n\nFirst text.\n",
}

func chapterA(body string) string {
	return "---\ntitle: Bab A\nweight: 1\n---\n\n" + body + "\n"
}

type testServer struct {
	t    *testing.T
	dir  string // the site folder
	root string // http://127.0.0.1:PORT
	srv  *Server
}

// start builds the site in files and serves it until the test ends.
// configure, when given, changes the Server before it serves.
func start(t *testing.T, files map[string]string, opts Options, configure ...func(*Server)) *testServer {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		writeFile(t, dir, name, body)
	}
	if opts.SiteDir == "" {
		opts.SiteDir = dir
	}
	opts.Log = testLog{t}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(ctx, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	for _, c := range configure {
		c(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		awaitServe(t, done)
	})
	return &testServer{t: t, dir: dir, root: "http://" + ln.Addr().String(), srv: srv}
}

// testLog sends the server's terminal output to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	testsite.WriteFile(t, dir, name, []byte(body))
}

// save writes a file the way vim and many editors do: into a temporary
// file beside it, which is then renamed over the old one.
func save(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp")
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (s *testServer) get(path string) response {
	s.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.root + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// A stream is a page's connection to the events.
type stream struct {
	t      *testing.T
	events chan sseEvent
	seen   []string
}

type sseEvent struct{ name, data string }

func (s *testServer) connect() *stream {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", s.root+eventsPath, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		s.t.Fatalf("events: Content-Type %q", ct)
	}
	st := &stream{t: s.t, events: make(chan sseEvent, 64)}
	var wg sync.WaitGroup
	wg.Go(func() { readEvents(resp.Body, st.events) })
	s.t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		wg.Wait()
	})
	st.expect("hello")
	return st
}

// readEvents parses a text/event-stream until it ends.
func readEvents(r io.Reader, out chan<- sseEvent) {
	defer close(out)
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var e sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if e.name != "" {
				out <- e
			}
			e = sseEvent{}
		case strings.HasPrefix(line, "event: "):
			e.name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			e.data += line[len("data: "):]
		}
	}
}

// expect waits for the event named want. Events of other names are
// passed over, except the forbidden ones, which fail the test: an edit
// that should swap the stylesheet must not reload the page first.
func (st *stream) expect(want string, forbidden ...string) sseEvent {
	st.t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case e, ok := <-st.events:
			if !ok {
				st.t.Fatalf("the event stream ended while waiting for %q (seen: %v)", want, st.seen)
			}
			st.seen = append(st.seen, e.name)
			if e.name == want {
				return e
			}
			for _, f := range forbidden {
				if e.name == f {
					st.t.Fatalf("got %q %s while waiting for %q", e.name, e.data, want)
				}
			}
		case <-deadline:
			st.t.Fatalf("no %q event within %s (seen: %v)", want, wait, st.seen)
		}
	}
}

// reloadOf waits for a reload event that reloads the page of file, passing
// over those for other pages (such as the workbook after the gather phase).
func (st *stream) reloadOf(file string, forbidden ...string) reloadData {
	st.t.Helper()
	for {
		d := decode[reloadData](st.t, st.expect("reload", forbidden...))
		if d.Pages == nil || slices.Contains(d.Pages, file) {
			return d
		}
	}
}

func decode[T any](t *testing.T, e sseEvent) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(e.data), &v); err != nil {
		t.Fatalf("%s event data %q: %v", e.name, e.data, err)
	}
	return v
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}

func mustNotContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("%s has %q:\n%s", what, sub, s)
		}
	}
}

func TestEditReloadsWithNewText(t *testing.T) {
	s := start(t, tinySite, Options{})
	page := s.get("/kursus/id/a/")
	if page.status != 200 {
		t.Fatalf("GET /kursus/id/a/: %d", page.status)
	}
	mustContain(t, "page", page.body, "Teks pertama.", `<script src="/_lentera/client.js"`)
	st := s.connect()

	save(t, s.dir, "content/id/a.md", chapterA("Teks kedua yang baru."))
	e := st.expect("reload", "error")
	reload := decode[reloadData](t, e)
	if reload.Version == "" {
		t.Errorf("reload without a version: %s", e.data)
	}
	// The edited chapter reloads; its translation shows nothing new.
	if !slices.Contains(reload.Pages, "id/a/index.html") || slices.Contains(reload.Pages, "en/a/index.html") {
		t.Errorf("reload names pages %q", reload.Pages)
	}
	// The page carries the version it comes from: this reload's, or the
	// gather phase's when that has run already.
	page = s.get("/kursus/id/a/")
	mustContain(t, "page after the edit", page.body, "Teks kedua yang baru.", `data-files="[&#34;id/a/index.html&#34;]"`)
	if !strings.Contains(page.body, `data-version="`+reload.Version+`"`) && !strings.Contains(page.body, `data-version="`+s.srv.current.Load().version+`"`) {
		t.Errorf("page after the edit is from another version than %s", reload.Version)
	}
	mustNotContain(t, "page after the edit", page.body, "Teks pertama.")

	// The gather phase follows: the workbook, which shows every chapter,
	// reloads then, and the search page, which carries the entry of the
	// index that now holds the new words.
	e = st.expect("reload", "error")
	if pages := decode[reloadData](t, e).Pages; !slices.Equal(pages, []string{"id/print/index.html", "id/search/index.html"}) {
		t.Errorf("after the gather phase, reload names pages %q", pages)
	}
	mustContain(t, "workbook", s.get("/kursus/id/print/").body, "Teks kedua yang baru.")
}

func TestCSSChangeSwapsStylesheet(t *testing.T) {
	s := start(t, tinySite, Options{})
	before := s.get("/kursus/id/a/").body
	st := s.connect()

	// The site has no assets/ folder yet: the new folder must be watched.
	writeFile(t, s.dir, "assets/css/20-brand.css", ".brand { color: #123456 }\n")
	e := st.expect("css", "reload", "error")
	swap := decode[cssData](t, e)
	if len(swap.Swap) != 1 {
		t.Fatalf("css event: want one swap, got %s", e.data)
	}
	old, next := swap.Swap[0].Old, swap.Swap[0].New
	mustContain(t, "page before", before, `href="`+old+`"`)
	if !strings.HasPrefix(next, "/kursus/assets/site.") || next == old {
		t.Errorf("css swap %q -> %q", old, next)
	}
	css := s.get(next)
	if css.status != 200 || css.header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("GET %s: %d %s", next, css.status, css.header.Get("Content-Type"))
	}
	mustContain(t, "new stylesheet", css.body, ".brand{color:#123456}")
	mustContain(t, "page after", s.get("/kursus/id/a/").body, `href="`+next+`"`)

	// A change to anything else is a reload.
	save(t, s.dir, "content/id/a.md", chapterA("Teks lain."))
	st.reloadOf("id/a/index.html", "css", "error")
}

func TestErrorOverlayAndRecovery(t *testing.T) {
	s := start(t, tinySite, Options{})
	st := s.connect()

	// Bad YAML in the front matter, line 2.
	save(t, s.dir, "content/id/a.md", "---\ntitle: [Bab A\nweight: 1\n---\n\nTeks rusak.\n")
	e := st.expect("error", "reload")
	overlay := decode[errorData](t, e).HTML
	mustContain(t, "overlay", overlay, `role="alertdialog"`, `tabindex="-1"`,
		filepath.ToSlash(filepath.Join(s.dir, "content/id/a.md"))+":2", "title: [Bab A")

	// A page loaded now is the last good one, under the overlay.
	page := s.get("/kursus/id/a/")
	if page.status != 200 {
		t.Errorf("GET while broken: %d", page.status)
	}
	mustContain(t, "page while broken", page.body, "Teks pertama.", `id="lentera-error"`, "content/id/a.md:2")

	// An unknown directive, line 8, with markup in the line: it is escaped.
	save(t, s.dir, "content/id/a.md", chapterA("Teks <b>tebal</b>.\n\n::nope"))
	e = st.expect("error", "reload")
	overlay = decode[errorData](t, e).HTML
	mustContain(t, "overlay", overlay, "content/id/a.md:8", "nope", "Teks &lt;b&gt;tebal&lt;/b&gt;.")
	mustNotContain(t, "overlay", overlay, "<b>tebal")

	// The next good save brings the page back.
	save(t, s.dir, "content/id/a.md", chapterA("Teks yang benar."))
	st.reloadOf("id/a/index.html", "error")
	page = s.get("/kursus/id/a/")
	mustContain(t, "page after the fix", page.body, "Teks yang benar.")
	mustNotContain(t, "page after the fix", page.body, "lentera-error")
}

func TestBrokenFirstBuild(t *testing.T) {
	files := map[string]string{}
	for k, v := range tinySite {
		files[k] = v
	}
	files["site.yaml"] = "title: {id: Kursus\n"
	s := start(t, files, Options{})
	page := s.get("/")
	if page.status != 404 {
		t.Errorf("GET / with no good build yet: %d, want 404", page.status)
	}
	mustContain(t, "page", page.body, `role="alertdialog"`, "site.yaml:", `<script src="/_lentera/client.js"`)
	st := s.connect()
	st.expect("error")

	save(t, s.dir, "site.yaml", tinySite["site.yaml"])
	st.reloadOf("id/a/index.html", "error")
	if r := s.get("/kursus/id/a/"); r.status != 200 {
		t.Errorf("GET after the fix: %d", r.status)
	}
}

func TestNewFolderIsServed(t *testing.T) {
	s := start(t, tinySite, Options{})
	st := s.connect()
	if r := s.get("/kursus/id/baru/bab/"); r.status != 404 {
		t.Fatalf("GET before the chapter exists: %d", r.status)
	}
	writeFile(t, s.dir, "content/id/baru/dalam/bab.md", "---\ntitle: Bab baru\n---\n\nIsi bab baru.\n")
	st.reloadOf("id/baru/dalam/bab/index.html", "error")
	page := s.get("/kursus/id/baru/dalam/bab/")
	if page.status != 200 {
		t.Fatalf("GET the new chapter: %d", page.status)
	}
	mustContain(t, "new chapter", page.body, "Isi bab baru.")

	// The new folder is watched: an edit in it is seen too.
	save(t, s.dir, "content/id/baru/dalam/bab.md", "---\ntitle: Bab baru\n---\n\nIsi kedua.\n")
	st.reloadOf("id/baru/dalam/bab/index.html", "error")
	mustContain(t, "edited chapter", s.get("/kursus/id/baru/dalam/bab/").body, "Isi kedua.")

	// Removing the folder removes its pages.
	if err := os.RemoveAll(filepath.Join(s.dir, "content/id/baru")); err != nil {
		t.Fatal(err)
	}
	st.reloadOf("id/baru/dalam/bab/index.html", "error")
	if r := s.get("/kursus/id/baru/dalam/bab/"); r.status != 404 {
		t.Errorf("GET a removed chapter: %d", r.status)
	}
}

func TestOutWritesEachGoodBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s := start(t, tinySite, Options{Out: out})
	st := s.connect()
	readOut := func() string {
		b, err := os.ReadFile(filepath.Join(out, "id/a/index.html"))
		if err != nil {
			return ""
		}
		return string(b)
	}
	mustContain(t, "written page", readOut(), "Teks pertama.")
	mustNotContain(t, "written page", readOut(), "_lentera")

	save(t, s.dir, "content/id/a.md", chapterA("Teks keluaran."))
	st.reloadOf("id/a/index.html", "error")
	// The files are written after the pages are told; wait for them.
	deadline := time.Now().Add(wait)
	for !strings.Contains(readOut(), "Teks keluaran.") {
		if time.Now().After(deadline) {
			t.Fatalf("%s never got the edit", out)
		}
		time.Sleep(10 * time.Millisecond)
	}
	mustNotContain(t, "written page", readOut(), "_lentera")
}

func TestOutMustNotReplaceTheSite(t *testing.T) {
	dir := t.TempDir()
	for _, out := range []string{dir, filepath.Dir(dir)} {
		if _, err := New(context.Background(), Options{SiteDir: dir, Out: out}); err == nil {
			t.Errorf("--out %s over the site %s: no error", out, dir)
		}
	}
}

func TestPanicInBuildIsAnError(t *testing.T) {
	// The first build has run; the next one panics. After the panic the
	// server builds with a new Builder, and so without this function.
	s := start(t, tinySite, Options{}, func(srv *Server) { srv.builder = panicking{} })
	st := s.connect()
	save(t, s.dir, "content/id/a.md", chapterA("Teks A."))
	e := st.expect("error", "reload")
	mustContain(t, "overlay", decode[errorData](t, e).HTML, "internal error", "boom")
	// The server replaced its Builder and goes on.
	save(t, s.dir, "content/id/a.md", chapterA("Teks B."))
	st.reloadOf("id/a/index.html", "error")
	mustContain(t, "page", s.get("/kursus/id/a/").body, "Teks B.")
}

type panicking struct{}

func (panicking) Preview(context.Context, string) ([]publish.File, bool)       { panic("boom") }
func (panicking) BuildPages(context.Context, ...string) (*build.Result, error) { panic("boom") }
func (panicking) Gather(context.Context) (*build.Result, error)                { panic("boom") }

func TestShutdownEndsStreams(t *testing.T) {
	dir := t.TempDir()
	for name, body := range tinySite {
		writeFile(t, dir, name, body)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := New(ctx, Options{SiteDir: dir, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan sseEvent, 8)
	go readEvents(resp.Body, events)
	if e := <-events; e.name != "hello" {
		t.Fatalf("first event %q", e.name)
	}
	cancel()
	awaitServe(t, done)
	select {
	case _, ok := <-events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(wait):
		t.Error("the event stream stayed open after shutdown")
	}
}

// awaitServe waits for Serve to return after its context ended, cleanly.
func awaitServe(t *testing.T, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(wait):
		t.Error("Serve did not return after its context ended")
	}
}

// The log says how much the server holds after each gather phase: the
// output it serves from memory, counted, and the memory in use.
func TestMemoryNote(t *testing.T) {
	files := []publish.File{{Path: "a", Body: make([]byte, 3<<20)}, {Path: "b", Body: make([]byte, 1<<19)}}
	note := memoryNote(files)
	if !regexp.MustCompile(`^holding 3\.5 MB of output, \d+\.\d MB of memory in use$`).MatchString(note) {
		t.Errorf("memory note %q", note)
	}
}

// A save to a chapter's text is served before the build that follows it
// has run: that build may take long on a large site. The build, once
// done, does not reload the page a second time when it made the same.
func TestEditShownBeforeTheBuild(t *testing.T) {
	held := &heldBuilder{release: make(chan struct{})}
	s := start(t, tinySite, Options{}, func(srv *Server) {
		held.Builder = srv.builder.(*build.Builder)
		srv.builder = held
	})
	t.Cleanup(held.let) // before the server's own, which waits for the build
	st := s.connect()
	save(t, s.dir, "content/id/a.md", chapterA("Teks kedua yang baru."))
	st.reloadOf("id/a/index.html", "error")
	mustContain(t, "page while the build waits", s.get("/kursus/id/a/").body, "Teks kedua yang baru.")
	held.let()
	if pages := decode[reloadData](t, st.expect("reload", "error")).Pages; !slices.Equal(pages, []string{"id/print/index.html", "id/search/index.html"}) {
		t.Errorf("after the build, reload names pages %q; want only the gather phase's", pages)
	}
}

// heldBuilder's pages phase waits until the test lets it go.
type heldBuilder struct {
	*build.Builder
	release chan struct{}
	once    sync.Once
}

func (h *heldBuilder) let() { h.once.Do(func() { close(h.release) }) }

func (h *heldBuilder) BuildPages(ctx context.Context, changed ...string) (*build.Result, error) {
	<-h.release
	return h.Builder.BuildPages(ctx, changed...)
}

// A build that fails while files change under it (a folder removed as it
// reads it) shows no error: the build of those changes comes next and has
// the last word.
func TestFailureOfABuildOvertakenIsNotShown(t *testing.T) {
	held := &failingBuilder{release: make(chan struct{})}
	var srv *Server
	s := start(t, tinySite, Options{}, func(s *Server) {
		srv = s
		held.Builder = s.builder.(*build.Builder)
		s.builder = held
	})
	t.Cleanup(held.let)
	st := s.connect()
	save(t, s.dir, "content/id/a.md", chapterA("Teks kedua."))
	st.reloadOf("id/a/index.html", "error") // the preview; the build waits
	saves := srv.watch.saves.Load()
	save(t, s.dir, "content/id/a.md", chapterA("Teks ketiga."))
	for deadline := time.Now().Add(wait); srv.watch.saves.Load() == saves; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not see the second save")
		}
	}
	held.let() // the held build fails
	st.reloadOf("id/a/index.html", "error")
	mustContain(t, "page after the next build", s.get("/kursus/id/a/").body, "Teks ketiga.")
}

// failingBuilder's first pages phase waits until the test lets it go, then
// fails as a build does when a file it listed is gone.
type failingBuilder struct {
	*build.Builder
	release chan struct{}
	once    sync.Once
	failed  atomic.Bool
}

func (f *failingBuilder) let() { f.once.Do(func() { close(f.release) }) }

func (f *failingBuilder) BuildPages(ctx context.Context, changed ...string) (*build.Result, error) {
	if f.failed.CompareAndSwap(false, true) {
		<-f.release
		return nil, fmt.Errorf("content/id/a.md: %w", fs.ErrNotExist)
	}
	return f.Builder.BuildPages(ctx, changed...)
}
