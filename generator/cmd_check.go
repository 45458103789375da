package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"lentera/generator/check"
	"lentera/generator/internal/hugepage"
)

// runCheck reports a site's errors and warnings; errors make it fail.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", stderr)
	siteDir := fl.String("site", ".", "the site folder (holds site.yaml and content/)")
	format := fl.String("format", "text", "how to write the findings: "+strings.Join(check.Formats, ", ")+" (workflow annotations)")
	budget := fl.Int64("image-budget", check.DefaultImageBudget>>10, "the largest image that passes, in KB")
	if _, err := parseFlags(fl, args, 0, 0); err != nil {
		return err
	}
	if !slices.Contains(check.Formats, *format) {
		return usageErr(fl, "unknown format %q: use %s", *format, strings.Join(check.Formats, ", "))
	}
	if *budget <= 0 {
		return usageErr(fl, "--image-budget must be a number of KB above 0")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	hugepage.ReserveHeap(heapReserve) // check builds the whole site
	report, err := check.Run(ctx, check.Options{SiteDir: *siteDir, ImageBudget: *budget << 10})
	if err != nil {
		return err
	}
	if err := report.Write(stdout, *format); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if report.Errors() > 0 {
		return exitStatus(1)
	}
	return nil
}
