package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"lentera/generator/fileerr"
	"lentera/generator/site"
	"lentera/generator/sitefs"
	"lentera/generator/starter"
)

// runInit writes a starter course into a new or empty folder.
func runInit(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("init", stderr)
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: lentera init DIR [--lang id,en]")
		fl.PrintDefaults()
	}
	langs := fl.String("lang", "id,en", "the course's languages, the default first; the starter course is written in "+strings.Join(starter.Languages(), ", ")+", and in English for any other")
	pos, err := parseFlags(fl, args, 1, 1)
	if err != nil {
		return err
	}
	codes := splitList(*langs)
	if err := site.CheckLanguages(codes); err != nil {
		return fmt.Errorf("init: --lang: %w", err)
	}
	dir := pos[0]
	written, err := starter.Write(dir, codes)
	if err != nil {
		return err
	}
	for _, p := range written {
		fmt.Fprintln(stdout, "wrote", p)
	}
	for _, l := range codes {
		if !starter.Written(l) {
			fmt.Fprintf(stdout, "content/%s has the starter's English text, to translate\n", l)
		}
	}
	fmt.Fprintf(stdout, "\nA course in %s is ready. Next:\n  lentera serve --site %s\n", strings.Join(codes, ", "), dir)
	return nil
}

// runNew adds pages to a site; chapters are the one kind so far.
func runNew(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("new", stderr)
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: lentera new chapter SECTION/NAME [--site DIR]")
		fl.PrintDefaults()
	}
	siteDir := fl.String("site", ".", "the site folder (holds site.yaml and content/)")
	pos, err := parseFlags(fl, args, 2, 2)
	if err != nil {
		return err
	}
	if pos[0] != "chapter" {
		return usageErr(fl, "cannot make a new %q; try: lentera new chapter SECTION/NAME", pos[0])
	}
	fsys, err := sitefs.Open(*siteDir)
	if err != nil {
		return fmt.Errorf("new chapter: %w", err)
	}
	defer fsys.Close()
	cfg, err := site.LoadConfig(fsys)
	if err != nil {
		return located(*siteDir, err)
	}
	written, err := starter.NewChapter(*siteDir, cfg.Languages, pos[1])
	for _, p := range written {
		fmt.Fprintln(stdout, "wrote", p)
	}
	return err
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// located puts the site folder before the paths of errors about its files.
func located(siteDir string, err error) error {
	for _, fe := range fileerr.All(err) {
		if !filepath.IsAbs(fe.Path) {
			fe.Path = filepath.Join(siteDir, fe.Path)
		}
	}
	return err
}
