package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"lentera/generator/build"
	"lentera/generator/fileerr"
	"lentera/generator/internal/elapsed"
	"lentera/generator/internal/gcfloor"
	"lentera/generator/internal/hugepage"
	"lentera/generator/site"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fl, opts := buildFlags("build", stderr, "the output folder; replaced as a whole when the build succeeds")
	noMinify := fl.Bool("no-minify", false, "write HTML, CSS and JS as rendered, for reading layouts")
	prof := profileFlags(fl)
	if _, err := parseFlags(fl, args, 0, 0); err != nil {
		return err
	}
	out, err := siteOut(fl, opts.SiteDir, opts.Out)
	if err != nil {
		return err
	}
	opts.Out = out
	opts.NoMinify = *noMinify
	// One build, then the process ends: write pages as they are made.
	opts.Stream = true
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := prof.start(); err != nil {
		return err
	}
	start := time.Now()
	res, err := buildSite(ctx, *opts, stderr)
	if perr := prof.stop(); err == nil && perr != nil {
		return perr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d pages, %d files into %s in %s\n", res.Pages, len(res.Files), opts.Out, elapsed.String(time.Since(start)))
	if hasEdition(res, "trainer") {
		fmt.Fprintf(stdout, "the trainer edition, with the session plan and translation status: %s\n", filepath.Join(opts.Out, "trainer", "index.html"))
	}
	return nil
}

// heapReserve is the heap a build asks for in huge pages (see
// hugepage.ReserveHeap): about what a build of 2 x 5,000 chapters uses at
// its peak. A smaller site leaves most of it unmapped, but its memory is
// taken 2 MB at a time, so its build peaks a few megabytes higher.
const heapReserve = 512 << 20

// gcFloor is the heap a build reaches before its first garbage
// collection (see gcfloor.Set). A build of 2 x 1,000 chapters after an
// edit collected six times without it and once with it (0.26 s for 0.28,
// medians of 11). A higher floor spares more (none at 96 MB, 0.25 s), but
// a build without the cache then peaks higher: 126 MB at 96 MB, 108 MB at
// 64 MB as without the floor.
const gcFloor = 64 << 20

// buildFlags declares the flags of the commands that build a site into an
// output folder.
func buildFlags(name string, stderr io.Writer, outHelp string) (*flag.FlagSet, *build.Options) {
	fl := newFlags(name, stderr)
	opts := &build.Options{}
	fl.StringVar(&opts.SiteDir, "site", ".", "the site folder (holds site.yaml and content/)")
	fl.StringVar(&opts.Out, "out", "public", outHelp+" (relative to --site unless given)")
	fl.BoolVar(&opts.Drafts, "drafts", false, "publish pages marked draft: true")
	fl.Func("base-url", "the address the site is published at, such as https://you.github.io/course/; replaces site.yaml's baseURL", func(v string) (err error) {
		opts.BaseURL, err = site.CheckBaseURL(v)
		return err
	})
	opts.CacheDir = buildCacheDir()
	fl.BoolFunc("no-cache", "build everything, without the build cache that earlier builds left, and leave none", func(string) error {
		opts.CacheDir = ""
		return nil
	})
	return fl, opts
}

// userCacheDir is os.UserCacheDir; tests put the cache somewhere else.
var userCacheDir = os.UserCacheDir

// buildCacheDir is where builds keep their cache for the next build: in
// the user's cache folder, so that it is never part of the site or its
// output. "" when there is none, and then every build builds everything.
func buildCacheDir() string {
	dir, err := userCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "lentera")
}

// buildSite builds and writes a site, printing warnings; a failure says how
// many problems there were and that the output folder was left alone.
func buildSite(ctx context.Context, opts build.Options, stderr io.Writer) (*build.Result, error) {
	hugepage.ReserveHeap(heapReserve)
	gcfloor.Set(gcFloor) // after the reserve, whose collection would end it at once
	res, err := build.Build(ctx, opts)
	if err != nil {
		n := len(fileerr.Flatten(err))
		return nil, errors.Join(err, summary{fmt.Errorf("build failed with %d %s; %s was left as it was", n, plural(n, "error", "errors"), opts.Out)})
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	return res, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// hasEdition reports whether a build wrote an edition, such as the trainer
// edition, which exists only when some page has trainer notes.
func hasEdition(res *build.Result, edition string) bool {
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, edition+"/") {
			return true
		}
	}
	return false
}
