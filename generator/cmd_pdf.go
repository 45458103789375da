package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"lentera/generator/internal/browser"
	"lentera/generator/site"
)

// runPDF builds the site, then prints each language's workbook page to
// <out>/<lang>/workbook.pdf (and the trainer edition's to
// <out>/trainer/<lang>/workbook.pdf) with headless Chromium, with the page
// each entry of its contents starts on filled in from a first print. Without
// Chromium it says so in one line and succeeds: the PDF is a convenience,
// and every browser can print /<lang>/print/ itself.
func runPDF(args []string, stdout, stderr io.Writer) error {
	fl, opts := buildFlags("pdf", stderr, "the output folder; built again, then the PDFs are added to it")
	if _, err := parseFlags(fl, args, 0, 0); err != nil {
		return err
	}
	out, err := siteOut(fl, opts.SiteDir, opts.Out)
	if err != nil {
		return err
	}
	opts.Out = out
	opts.Stream = true // one build: pages are written as they are made
	if _, err := browser.Path(); err != nil {
		fmt.Fprintf(stdout, "pdf: skipped, %v\n", err)
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := buildSite(ctx, *opts, stderr)
	if err != nil {
		return errors.Join(err, summary{errors.New("pdf: the build failed, so nothing was printed")})
	}
	// Pages link their stylesheet under the base path, so the folder is
	// served there.
	base := site.NewURLs(res.Site.Config.BaseURL).Rel("/")
	jobs := workbookJobs(opts.Out, base, res.Site.Config.Languages)
	pages, err := browser.PrintSite(ctx, opts.Out, jobs, browser.WithBase(base))
	for i, n := range pages {
		fmt.Fprintf(stdout, "wrote %s (%d %s)\n", jobs[i].File, n, plural(n, "page", "pages"))
	}
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// workbookJobs lists the workbook of each language, in each edition the
// build wrote.
func workbookJobs(out, base string, langs []string) []browser.Job {
	var jobs []browser.Job
	for _, edition := range []string{"", "trainer"} {
		for _, lang := range langs {
			dir := filepath.Join(out, edition, lang)
			if _, err := os.Stat(filepath.Join(dir, "print", "index.html")); err != nil {
				continue
			}
			page := base + lang + "/print/"
			if edition != "" {
				page = base + edition + "/" + lang + "/print/"
			}
			jobs = append(jobs, browser.Job{Path: page, File: filepath.Join(dir, "workbook.pdf")})
		}
	}
	return jobs
}
