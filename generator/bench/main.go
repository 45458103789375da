//go:build unix

// Command bench times whole builds of a generated bilingual corpus, and the
// same corpus with Hugo when hugo is installed, as `make bench` runs it:
//
//	go run ./generator/bench -n 200,1000 -runs 5
//
// The two tools take turns, run by run, so that a busy spell on a shared
// machine falls on both. Each figure is the median of the runs after one
// warm-up each, with the range; ratios are ours over Hugo's. CPU is user
// plus system time: on a machine of few cores both tools are bound by it,
// so CPU milliseconds per page is the figure that compares sizes and
// tools best. Peak memory is the largest resident set of the process, as
// the kernel accounts it. Full builds run without the build cache; a
// second table times builds after a one-chapter edit with it. It runs on
// Unix systems, where the kernel reports a process's peak memory.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	sizes      []int
	corpusOnly bool
	runs       int
	gen        string
	work       string
	hugo       string
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	opts, err := parseFlags(args)
	if err != nil {
		return err
	}
	if opts.corpusOnly {
		for _, n := range opts.sizes {
			if err := generate(opts.gen, corpusDir(opts, n), n, "neutral"); err != nil {
				return err
			}
		}
		return nil
	}
	// Built as make install builds it, with its Git revision when the
	// tree is clean: the build cache then keys on that revision, where an
	// unstamped program hashes its own executable on each cached build.
	bin := filepath.Join(opts.work, "lentera")
	if err := command("go", "build", "-buildvcs=auto", "-o", bin, "./generator").Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	fmt.Fprintf(w, "| chapters per language | pages | lentera wall s | CPU s | CPU ms/page | peak MB | hugo wall s | CPU s | CPU ms/page | peak MB | lentera/hugo wall | CPU | memory |\n|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range opts.sizes {
		if err := benchSize(w, opts, bin, n); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nlentera after a one-chapter edit, with the build cache of the build before (warm), beside a build without it (cold):\n\n| chapters per language | cold wall s | CPU s | warm wall s | CPU s | peak MB | warm/cold wall | CPU |\n|---:|---|---:|---|---:|---:|---:|---:|\n")
	for _, n := range opts.sizes {
		if err := benchWarm(w, opts, bin, n); err != nil {
			return err
		}
	}
	return nil
}

// benchWarm times builds that each follow an edit of one chapter, with the
// build cache the build before left and its output folder in place, taking
// turns with full builds without the cache; the warm-up makes the cache.
func benchWarm(w io.Writer, opts options, bin string, n int) error {
	corpus := corpusDir(opts, n)
	chapters, err := filepath.Glob(filepath.Join(corpus, "content", "en", "*", "0*.md"))
	if err != nil || len(chapters) == 0 {
		return fmt.Errorf("no chapter to edit in %s", corpus)
	}
	chapter := chapters[len(chapters)/2]
	original, err := os.ReadFile(chapter)
	if err != nil {
		return err
	}
	defer os.WriteFile(chapter, original, 0o644)
	cold, warm := filepath.Join(opts.work, fmt.Sprintf("out-%d", n)), filepath.Join(opts.work, fmt.Sprintf("warm-out-%d", n))
	edits := 0
	res, err := measure(opts.runs, []func() *exec.Cmd{func() *exec.Cmd {
		os.RemoveAll(cold)
		return command(bin, "build", "--no-cache", "--site", corpus, "--out", cold)
	}, func() *exec.Cmd {
		edits++
		os.WriteFile(chapter, fmt.Appendf(bytes.Clone(original), "\nEdit %d.\n", edits), 0o644)
		return command(bin, "build", "--site", corpus, "--out", warm)
	}})
	if err != nil {
		return fmt.Errorf("%d chapters after an edit: %w", n, err)
	}
	fmt.Fprintf(w, "| %d | %s | %.2f | %s | %.2f | %.0f | %.2f | %.2f |\n", n, res[0].wall(), res[0].medianCPU(), res[1].wall(), res[1].medianCPU(), res[1].peakMB(),
		res[1].medianWall()/res[0].medianWall(), res[1].medianCPU()/res[0].medianCPU())
	return nil
}

func parseFlags(args []string) (options, error) {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := fl.String("n", "200,1000", "chapters per language, comma-separated")
	runs := fl.Int("runs", 5, "timed runs of each build, after one warm-up")
	gen := fl.String("gen", filepath.Join("..", "shared", "bench", "gen_corpus.py"), "the corpus generator")
	work := fl.String("work", filepath.Join("tmp", "bench"), "where corpora and outputs go")
	hugo := fl.String("hugo", "hugo", `the hugo command; "" to leave Hugo out`)
	corpusOnly := fl.Bool("corpus-only", false, "write the corpora, for the Go benchmarks, and time nothing")
	if err := fl.Parse(args); err != nil {
		return options{}, err
	}
	opts := options{runs: *runs, gen: *gen, work: *work, corpusOnly: *corpusOnly}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return opts, fmt.Errorf("-n: %q is not a number of chapters", s)
		}
		opts.sizes = append(opts.sizes, n)
	}
	if *hugo != "" {
		if p, err := exec.LookPath(*hugo); err == nil {
			opts.hugo = p
		}
	}
	if _, err := os.Stat(opts.gen); err != nil {
		return opts, fmt.Errorf("no corpus generator at %s (-gen): %w", opts.gen, err)
	}
	return opts, os.MkdirAll(opts.work, 0o755)
}

func benchSize(w io.Writer, opts options, bin string, n int) error {
	corpus := corpusDir(opts, n)
	if err := generate(opts.gen, corpus, n, "neutral"); err != nil {
		return err
	}
	out := filepath.Join(opts.work, fmt.Sprintf("out-%d", n))
	// Both tools start each run from no output folder, removed before the
	// clock starts: replacing a previous build costs lentera the removal
	// of the old files, which Hugo, writing over them, never does.
	tools := []func() *exec.Cmd{func() *exec.Cmd {
		os.RemoveAll(out)
		return command(bin, "build", "--no-cache", "--site", corpus, "--out", out)
	}}
	if opts.hugo != "" {
		hugoSite := filepath.Join(opts.work, fmt.Sprintf("hugo-%d", n))
		if err := generate(opts.gen, hugoSite, n, "hugo"); err != nil {
			return err
		}
		hugoOut := filepath.Join(opts.work, fmt.Sprintf("hugo-out-%d", n))
		tools = append(tools, func() *exec.Cmd {
			os.RemoveAll(hugoOut)
			return command(opts.hugo, "--quiet", "--source", hugoSite, "--destination", mustAbs(hugoOut))
		})
	}
	res, err := measure(opts.runs, tools)
	if err != nil {
		return fmt.Errorf("%d chapters: %w", n, err)
	}
	pages := 2 * n
	ours := res[0]
	row := fmt.Sprintf("| %d | %d | %s | %.2f | %.2f | %.0f |", n, pages, ours.wall(), ours.medianCPU(), ours.cpuPerPage(pages), ours.peakMB())
	if len(res) == 1 {
		fmt.Fprintf(w, "%s (hugo not installed) | | | | | | |\n", row)
		return nil
	}
	theirs := res[1]
	fmt.Fprintf(w, "%s %s | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f |\n", row, theirs.wall(), theirs.medianCPU(), theirs.cpuPerPage(pages), theirs.peakMB(),
		ours.medianWall()/theirs.medianWall(), ours.medianCPU()/theirs.medianCPU(), ours.peakMB()/theirs.peakMB())
	return nil
}

func corpusDir(opts options, n int) string {
	return filepath.Join(opts.work, fmt.Sprintf("corpus-%d", n))
}

// generate writes a corpus once; a lentera corpus also gets its site.yaml.
func generate(gen, dir string, n int, layout string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	cmd := command("python3", gen, strconv.Itoa(n), "--layout", layout, "--out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if layout != "neutral" {
		return nil
	}
	return os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: {id: Korpus, en: Corpus}\nlanguages: [id, en]\n"), 0o644)
}

type runs struct {
	walls []time.Duration
	cpus  []time.Duration // user and system time
	peaks []int64         // kilobytes
}

// measure runs each tool's command once to warm the file cache, then n
// times, the tools taking turns.
func measure(n int, tools []func() *exec.Cmd) ([]runs, error) {
	rs := make([]runs, len(tools))
	for i := 0; i <= n; i++ {
		for t, next := range tools {
			if err := rs[t].run(next(), i > 0); err != nil {
				return nil, err
			}
		}
	}
	return rs, nil
}

func (r *runs) run(cmd *exec.Cmd, record bool) error {
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if !record {
		return nil
	}
	r.walls = append(r.walls, time.Since(start))
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return errors.New("no resource usage on this system")
	}
	r.peaks = append(r.peaks, usage.Maxrss)
	r.cpus = append(r.cpus, time.Duration(usage.Utime.Nano()+usage.Stime.Nano()))
	return nil
}

func (r runs) medianWall() float64 { return median(r.walls).Seconds() }

// medianCPU is steadier than wall time on a busy machine.
func (r runs) medianCPU() float64 { return median(r.cpus).Seconds() }

// wall is "median [min–max]" in seconds.
func (r runs) wall() string {
	s := append([]time.Duration(nil), r.walls...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return fmt.Sprintf("%.2f [%.2f–%.2f]", median(s).Seconds(), s[0].Seconds(), s[len(s)-1].Seconds())
}

func (r runs) cpuPerPage(pages int) float64 { return r.medianCPU() * 1000 / float64(pages) }

func (r runs) peakMB() float64 {
	s := append([]int64(nil), r.peaks...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[len(s)/2]) / 1024
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Stderr = nil
	return cmd
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}
