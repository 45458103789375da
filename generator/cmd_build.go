package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"lentera/generator/build"
	"lentera/generator/fileerr"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	siteDir := fl.String("site", ".", "the site folder (holds site.yaml and content/)")
	out := fl.String("out", "public", "the output folder; replaced as a whole when the build succeeds")
	drafts := fl.Bool("drafts", false, "publish pages marked draft: true")
	noMinify := fl.Bool("no-minify", false, "write HTML, CSS and JS as rendered, for reading layouts")
	if err := fl.Parse(args); err != nil {
		return errUsage(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	res, err := build.Build(ctx, build.Options{SiteDir: *siteDir, Out: *out, Drafts: *drafts, NoMinify: *noMinify})
	if err != nil {
		n := len(fileerr.Flatten(err))
		return errors.Join(err, fmt.Errorf("build failed with %d %s; %s was left as it was", n, plural(n, "error", "errors"), *out))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	fmt.Fprintf(stdout, "built %d pages, %d files into %s in %s\n", res.Pages, len(res.Files), *out, time.Since(start).Round(time.Millisecond))
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// errUsage keeps -h from counting as a failure message twice: the flag
// package has already printed the usage.
func errUsage(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
