// Package check finds what a course's authors should fix before they
// publish: everything a build reports, and what a build lets through but
// readers pay for — images without alt text, heavy images — plus what goes
// missing over time: chapters with no translation, data texts missing a
// language, and translations left behind by changes to the
// default-language chapter.
package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"lentera/generator/build"
	"lentera/generator/fileerr"
	"lentera/generator/markup"
	"lentera/generator/site"
	"lentera/generator/sitefs"
	"lentera/generator/translation"
	"lentera/generator/vcs"
)

// DefaultImageBudget is the largest image that passes: readers on
// prepaid data pay for every kilobyte.
const DefaultImageBudget = 200 << 10

// Severity says whether a finding fails the check.
type Severity int

// The severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string { return [...]string{"error", "warning"}[s] }

// Finding is one problem, at a place in a file when it has one.
type Finding struct {
	Severity Severity
	Path     string // as given to the command: the site folder, then the file's path in it
	Line     int    // 0 when the whole file is meant
	Col      int
	Message  string
}

func (f Finding) String() string {
	pos := (&fileerr.Error{Path: f.Path, Line: f.Line, Col: f.Col}).Position()
	if pos == "" {
		return f.Severity.String() + ": " + f.Message
	}
	return pos + ": " + f.Severity.String() + ": " + f.Message
}

// Options say what to check.
type Options struct {
	SiteDir     string
	ImageBudget int64 // bytes; DefaultImageBudget when 0
}

// Report is the outcome of a check.
type Report struct {
	Findings []Finding // errors first, then warnings, each by path and line
	Notes    []string  // what could not be checked, and why
}

// Errors counts the findings that fail the check.
func (r *Report) Errors() int { return r.count(Error) }

// Warnings counts the others.
func (r *Report) Warnings() int { return r.count(Warning) }

func (r *Report) count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Run checks the site in opts.SiteDir.
func Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.SiteDir == "" {
		opts.SiteDir = "."
	}
	if opts.ImageBudget == 0 {
		opts.ImageBudget = DefaultImageBudget
	}
	c := &checker{opts: opts, report: &Report{}}
	c.build(ctx)
	fsys, err := sitefs.Open(opts.SiteDir)
	if err != nil {
		return c.done(), nil // the build has reported it
	}
	defer fsys.Close()
	c.fsys = fsys
	cfg, err := site.LoadConfig(c.fsys)
	if err != nil {
		// The build has reported it; nothing below can run without the
		// languages.
		return c.done(), nil
	}
	c.dataTexts(cfg)
	s, err := (&site.Loader{}).Load(c.fsys, site.Options{}, nil)
	if err != nil {
		c.note("translations and images were not checked, since the site does not load")
		return c.done(), nil
	}
	c.images(s)
	c.translations(ctx, s)
	return c.done(), nil
}

type checker struct {
	opts   Options
	fsys   fs.FS
	report *Report
}

func (c *checker) add(sev Severity, rel string, line, col int, format string, args ...any) {
	p := rel
	if rel != "" {
		p = c.located(rel)
	}
	c.report.Findings = append(c.report.Findings, Finding{Severity: sev, Path: p, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) note(format string, args ...any) {
	c.report.Notes = append(c.report.Notes, fmt.Sprintf(format, args...))
}

// located is a site path as the command's user reaches it.
func (c *checker) located(rel string) string {
	if c.opts.SiteDir == "." {
		return filepath.FromSlash(rel)
	}
	return filepath.Join(c.opts.SiteDir, filepath.FromSlash(rel))
}

func (c *checker) done() *Report {
	sort.SliceStable(c.report.Findings, func(i, j int) bool {
		a, b := c.report.Findings[i], c.report.Findings[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Line < b.Line
	})
	return c.report
}

// build runs a whole build without writing it: its errors are errors, and
// so are its warnings about images without alt text.
func (c *checker) build(ctx context.Context) {
	res, err := build.Build(ctx, build.Options{SiteDir: c.opts.SiteDir})
	for _, e := range fileerr.Flatten(err) {
		c.fromBuild(Error, e)
	}
	if res == nil {
		return
	}
	for _, w := range res.Warnings {
		sev := Warning
		if errors.Is(w, markup.ErrNoAltText) {
			sev = Error
		}
		c.fromBuild(sev, w)
	}
}

// fromBuild adds a build's problem; its path already starts with the site
// folder.
func (c *checker) fromBuild(sev Severity, err error) {
	var fe *fileerr.Error
	if !errors.As(err, &fe) {
		c.report.Findings = append(c.report.Findings, Finding{Severity: sev, Message: err.Error()})
		return
	}
	c.report.Findings = append(c.report.Findings, Finding{Severity: sev, Path: fe.Path, Line: fe.Line, Col: fe.Col, Message: fe.Err.Error()})
}

// imageExts are the files readers download as pictures.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true}

// images reports every published image over the budget.
func (c *checker) images(s *site.Site) {
	for _, f := range s.Files {
		if !imageExts[strings.ToLower(path.Ext(f.Src))] {
			continue
		}
		info, err := fs.Stat(c.fsys, f.Src)
		if err != nil || info.Size() <= c.opts.ImageBudget {
			continue
		}
		c.add(Error, f.Src, 0, 0, "image is %s, over the budget of %s: readers pay for data; make it smaller (resize it, or save it as WebP or JPEG)",
			kb(info.Size()), kb(c.opts.ImageBudget))
	}
}

func kb(n int64) string { return fmt.Sprintf("%d KB", (n+512)>>10) }

// translations warns about chapters with no translation and translations
// left behind.
func (c *checker) translations(ctx context.Context, s *site.Site) {
	hist, err := vcs.Load(ctx, c.opts.SiteDir)
	reason := ""
	if err != nil {
		reason = err.Error()
		c.note("stale translations were not looked for: %s (staleness is measured with the Git history)", reason)
	}
	status := translation.Compute(s, hist, reason, func(string) time.Time { return time.Time{} })
	def := s.Config.DefaultLang()
	for _, row := range status.Rows {
		for _, e := range row.Entries {
			switch {
			case e.State == translation.Missing:
				c.add(Warning, row.Source.File, 0, 0, "chapter %q has no %s translation (content/%s/%s.md)", row.Source.Meta.Title, e.Lang, e.Lang, row.Source.Rel)
			case e.State == translation.Stale:
				c.add(Warning, e.Page.File, 0, 0, "translation may be stale: %s changed in %d %s since %s (%s): %s",
					row.Source.Translation(def).File, len(e.Behind), plural(len(e.Behind), "commit", "commits"),
					e.Since.Short(), e.Since.Time.Format(time.DateOnly), commits(e.Behind))
			}
			if e.BadReview != "" {
				c.add(Warning, e.Page.File, 0, 0, "reviewed: %s is no commit that changed this site; staleness is counted from the file's own last commit", e.BadReview)
			}
		}
	}
}

// commits lists commits oldest first: "1a2b3c4d5e6f (2026-03-02), …".
func commits(cs []vcs.Commit) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Short() + " (" + c.Time.Format(time.DateOnly) + ")"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
