// Command bench measures the dev server on generated corpora: the time
// from saving a chapter to the server answering with the new page, against
// the time of a full build.
//
//	go run ./generator/serve/bench [-n 200,1000,5000] [-edits 20] [-full 3] [-cpuprofile cpu.out]
//
// For each N it writes a corpus of N chapters per language with
// gen_corpus.py (and a site.yaml), then measures:
//
//   - full build: a new Builder builds the whole site in memory, as `build`
//     does without writing; the median of -full runs;
//   - edit to served: the server runs on a free port with a page's event
//     stream open. Each edit appends a line to a chapter and saves it; the
//     clock stops when the server has sent the reload event naming the
//     chapter's page and a GET of that page returns the new line. It
//     includes the debounce wait, the pages phase of the build, the event
//     and the HTTP round trip. The next edit waits until the server has
//     also run the gather phase (search indexes, workbooks), as a writer
//     reading the page does;
//   - the server's own pages and gather phase times, from its log;
//   - BuildPages and Gather: the same kind of edits straight through a
//     Builder, to show how much of the above is the build.
//
// It prints a table of medians and the ratio of edit-to-served to the full
// build.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"lentera/generator/build"
	"lentera/generator/internal/elapsed"
	"lentera/generator/serve"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type config struct {
	sizes   []int
	edits   int
	full    int
	script  string
	work    string
	timeout time.Duration
	profile string
}

func run() error {
	var cfg config
	sizes := flag.String("n", "200,1000,5000", "corpus sizes, chapters per language, comma-separated")
	flag.IntVar(&cfg.edits, "edits", 20, "chapter edits per corpus")
	flag.IntVar(&cfg.full, "full", 3, "full builds per corpus (the median is reported)")
	flag.StringVar(&cfg.script, "corpus", "../shared/bench/gen_corpus.py", "the corpus generator")
	flag.StringVar(&cfg.work, "work", "", "where corpora are written; a temporary folder when empty")
	flag.DurationVar(&cfg.timeout, "timeout", 10*time.Minute, "the longest wait for one edit to be served")
	flag.StringVar(&cfg.profile, "cpuprofile", "", "write a CPU profile of the edits (not the full builds) to this file, one per size")
	flag.Parse()
	for f := range strings.SplitSeq(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("-n: %q is not a size", f)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.work == "" {
		dir, err := os.MkdirTemp("", "lentera-serve-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.work = dir
	}
	var rows []row
	for _, n := range cfg.sizes {
		r, err := measure(cfg, n)
		if err != nil {
			return fmt.Errorf("2 x %d: %w", n, err)
		}
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "2 x %d done\n", n)
	}
	printTable(os.Stdout, rows, cfg.edits)
	return nil
}

type row struct {
	n      int
	pages  int
	full   time.Duration   // median full build
	served []time.Duration // edit to served, one per edit

	serverPages, serverGather []time.Duration // the server's phases during the edits, from its log
	buildPages, gather        []time.Duration // a Builder's phases for the same kind of edits
}

func measure(cfg config, n int) (row, error) {
	dir := filepath.Join(cfg.work, fmt.Sprintf("corpus-%d", n))
	if err := corpus(cfg.script, n, dir); err != nil {
		return row{}, err
	}
	chapters, err := pickChapters(dir, cfg.edits)
	if err != nil {
		return row{}, err
	}
	r := row{n: n}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var fulls []time.Duration
	for range max(cfg.full, 1) {
		start := time.Now()
		res, err := build.Build(ctx, build.Options{SiteDir: dir})
		if err != nil {
			return r, fmt.Errorf("full build: %w", err)
		}
		fulls = append(fulls, time.Since(start))
		r.pages = res.Pages
	}
	r.full = median(fulls)

	// The server and the Builder make their first, full build here, before
	// the clock and the profile start.
	srv, err := startServer(ctx, dir)
	if err != nil {
		return r, err
	}
	defer srv.stop()
	b := build.New(build.Options{SiteDir: dir})
	if _, err := b.Build(ctx); err != nil {
		return r, err
	}
	stop, err := startProfile(cfg.profile, n)
	if err != nil {
		return r, err
	}
	defer stop()
	if r.served, err = editToServed(srv, dir, chapters, cfg.timeout); err != nil {
		return r, err
	}
	srv.stop() // or it would build on the edits below too
	r.serverPages, r.serverGather = srv.log.times()
	r.buildPages, r.gather, err = builderPhases(ctx, b, dir, chapters)
	return r, err
}

// startProfile profiles the edits of one corpus into file-N when file is
// set: "cpu.out" becomes "cpu-1000.out".
func startProfile(file string, n int) (func(), error) {
	if file == "" {
		return func() {}, nil
	}
	ext := filepath.Ext(file)
	f, err := os.Create(fmt.Sprintf("%s-%d%s", strings.TrimSuffix(file, ext), n, ext))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// corpus writes a generated site with the site.yaml the generator needs.
func corpus(script string, n int, dir string) error {
	cmd := exec.Command("python3", script, strconv.Itoa(n), "--out", dir, "--force")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", script, err)
	}
	yaml := "title: {id: Korpus, en: Corpus}\nlanguages: [id, en]\n"
	return os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644)
}

// pickChapters spreads the edits over the corpus, both languages.
func pickChapters(dir string, edits int) ([]string, error) {
	var all []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			rel, _ := filepath.Rel(dir, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil || len(all) == 0 {
		return nil, errors.Join(err, errors.New("no chapters"))
	}
	var out []string
	for i := range edits {
		out = append(out, all[(i*len(all)/edits+i)%len(all)])
	}
	return out, nil
}

// outputPath is the page file of content/<lang>/<rel>.md: <lang>/<rel>/index.html.
func outputPath(chapter string) string {
	return strings.TrimSuffix(strings.TrimPrefix(chapter, "content/"), ".md") + "/index.html"
}

// edit appends a line that no page holds yet and saves the chapter.
func edit(dir, chapter string, i int) (string, error) {
	p := filepath.Join(dir, filepath.FromSlash(chapter))
	body, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	marker := fmt.Sprintf("benchmark-edit-%d-%d", i, time.Now().UnixNano())
	body = append(body, "\n\nThe line "+marker+" was added.\n"...)
	return marker, os.WriteFile(p, body, 0o644)
}

// A server is the dev server on a free port with a page's event stream open.
type server struct {
	root   string // http://127.0.0.1:PORT
	events <-chan sseEvent
	log    *buildLog
	stop   func()
}

type sseEvent struct{ name, data string }

func startServer(ctx context.Context, dir string) (*server, error) {
	ctx, cancel := context.WithCancel(ctx)
	log := &buildLog{}
	srv, err := serve.New(ctx, serve.Options{SiteDir: dir, Log: log})
	if err != nil {
		cancel()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	var once sync.Once
	stop := func() { once.Do(func() { cancel(); <-done }) }
	root := "http://" + ln.Addr().String()
	events, err := listen(ctx, root)
	if err != nil {
		stop()
		return nil, err
	}
	return &server{root: root, events: events, log: log, stop: stop}, nil
}

// buildLog keeps the phase times the server logs ("built ... in 34ms",
// "gathered ... in 1.2s"), to split edit-to-served into its parts.
type buildLog struct {
	mu             sync.Mutex
	pages, gathers []time.Duration
}

var (
	// The server writes times as elapsed.String does: "22 ms", "14.2 s".
	builtIn    = regexp.MustCompile(`^built .* in (under 1 ms|[0-9.]+ m?s)\b`)
	gatheredIn = regexp.MustCompile(`^gathered .* in (under 1 ms|[0-9.]+ m?s)\b`)
)

func (l *buildLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for line := range strings.Lines(string(p)) {
		if m := builtIn.FindStringSubmatch(line); m != nil {
			l.pages = appendDuration(l.pages, m[1])
		}
		if m := gatheredIn.FindStringSubmatch(line); m != nil {
			l.gathers = appendDuration(l.gathers, m[1])
		}
	}
	return len(p), nil
}

func appendDuration(ds []time.Duration, s string) []time.Duration {
	if d, err := elapsed.Parse(s); err == nil {
		ds = append(ds, d)
	}
	return ds
}

// times returns the phase times logged, less the first build's.
func (l *buildLog) times() (pages, gathers []time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.pages[min(1, len(l.pages)):]), slices.Clone(l.gathers[min(1, len(l.gathers)):])
}

func (l *buildLog) gathered() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.gathers)
}

func editToServed(srv *server, dir string, chapters []string, timeout time.Duration) ([]time.Duration, error) {
	var times []time.Duration
	for i, ch := range chapters {
		gathered := srv.log.gathered()
		start := time.Now()
		marker, err := edit(dir, ch, i)
		if err != nil {
			return nil, err
		}
		if err := waitReload(srv.events, outputPath(ch), timeout); err != nil {
			return nil, fmt.Errorf("edit %s: %w", ch, err)
		}
		body, err := get(srv.root + "/" + strings.TrimSuffix(outputPath(ch), "index.html"))
		if err != nil {
			return nil, err
		}
		took := time.Since(start)
		if !strings.Contains(body, marker) {
			return nil, fmt.Errorf("edit %s: the page after reload lacks the edit", ch)
		}
		times = append(times, took)
		if err := waitGathered(srv.log, gathered+1, timeout); err != nil {
			return nil, fmt.Errorf("edit %s: %w", ch, err)
		}
	}
	return times, nil
}

// listen opens the event stream a page would.
func listen(ctx context.Context, root string) (<-chan sseEvent, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", root+"/_lentera/events", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	out := make(chan sseEvent, 16)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && e.name != "":
				out <- e
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				e.data = line[len("data: "):]
			}
		}
	}()
	if e := <-out; e.name != "hello" {
		return nil, fmt.Errorf("first event %q", e.name)
	}
	return out, nil
}

// waitReload waits for the reload event that reloads the page of file.
func waitReload(events <-chan sseEvent, file string, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		select {
		case e, ok := <-events:
			switch {
			case !ok:
				return errors.New("the event stream ended")
			case e.name == "error":
				return errors.New("the build failed")
			case e.name != "reload":
				continue
			}
			var d struct{ Pages []string }
			if err := json.Unmarshal([]byte(e.data), &d); err != nil {
				return err
			}
			if d.Pages == nil || slices.Contains(d.Pages, file) {
				return nil
			}
		case <-deadline:
			return fmt.Errorf("not served within %s", timeout)
		}
	}
}

// waitGathered waits until the server has logged n gather phases.
func waitGathered(log *buildLog, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for log.gathered() < n {
		if time.Now().After(deadline) {
			return fmt.Errorf("no gather phase within %s", timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(body), err
}

// builderPhases times edits through a Builder's two phases alone.
func builderPhases(ctx context.Context, b *build.Builder, dir string, chapters []string) (pages, gather []time.Duration, err error) {
	for i, ch := range chapters {
		if _, err := edit(dir, ch, i+len(chapters)); err != nil {
			return nil, nil, err
		}
		start := time.Now()
		if _, err := b.BuildPages(ctx, ch); err != nil {
			return nil, nil, err
		}
		mid := time.Now()
		if _, err := b.Gather(ctx); err != nil {
			return nil, nil, err
		}
		pages = append(pages, mid.Sub(start))
		gather = append(gather, time.Since(mid))
	}
	return pages, gather, nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(ds))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func printTable(w io.Writer, rows []row, edits int) {
	fmt.Fprintf(w, "\nmedians of %d chapter edits; full build: median of the full builds, in memory like `build` without writing\n\n", edits)
	fmt.Fprintln(w, "| chapters | pages | full build | edit to served | min .. max | server: pages / gather | BuildPages / Gather | served / full | <= 50 ms | <= full/10 |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		served := median(r.served)
		fmt.Fprintf(w, "| 2 x %d | %d | %s | %s | %s .. %s | %s / %s | %s / %s | %.4f | %s | %s |\n",
			r.n, r.pages, ms(r.full), ms(served), ms(slices.Min(r.served)), ms(slices.Max(r.served)),
			ms(median(r.serverPages)), ms(median(r.serverGather)), ms(median(r.buildPages)), ms(median(r.gather)),
			float64(served)/float64(r.full), yes(served <= 50*time.Millisecond), yes(served*10 <= r.full))
	}
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}
