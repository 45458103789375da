// Command lentera builds bilingual course sites from Markdown and YAML.
//
//	lentera init DIR [--lang id,en]
//	lentera new chapter SECTION/NAME [--site DIR]
//	lentera build [--site DIR] [--out DIR] [--drafts]
//	lentera serve [--site DIR] [--port N] [--host ADDR] [--out DIR]
//	lentera check [--site DIR] [--format text|json|github] [--image-budget KB]
//	lentera pdf   [--site DIR] [--out DIR]
//	lentera version
//
// Run a command with -h for its flags.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"lentera/generator/fileerr"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "init":
		err = runInit(rest, stdout, stderr)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "check":
		err = runCheck(rest, stdout, stderr)
	case "version", "--version", "-version":
		err = runVersion(rest, stdout, stderr)
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "serve":
		err = runServe(rest, stdout, stderr)
	case "pdf":
		err = runPDF(rest, stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "lentera: unknown command %q\n", cmd)
		usage(stderr)
		return 2
	}
	var status exitStatus
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &status):
		return int(status)
	}
	report(stderr, err)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: lentera <command> [flags]

commands:
  init     start a new course in an empty folder
  new      add a chapter in every language: new chapter SECTION/NAME
  build    build the site into an output folder (default public/ in the site folder)
  serve    build, serve on 127.0.0.1 and rebuild on every save
  check    report errors and warnings: alt text, image sizes, missing and stale translations
  pdf      print each language's workbook to PDF with headless Chromium
  version  print the version and the revision it was built from

Run "lentera <command> -h" for the flags of a command.
`)
}

// maxReported is how many problems report prints: enough to fix a batch,
// few enough that one bad line of thousands of links stays readable.
const maxReported = 100

// report prints each problem on its own line, "path:line:col: message"
// first, so editors and terminals can jump to it: sorted by path and line,
// the first maxReported of them, then how many more there are, then any
// summary.
func report(w io.Writer, err error) {
	var problems, summaries []error
	for _, e := range fileerr.Flatten(err) {
		if _, ok := e.(summary); ok {
			summaries = append(summaries, e)
		} else {
			problems = append(problems, e)
		}
	}
	problems = fileerr.Flatten(fileerr.Sorted(errors.Join(problems...)))
	for i, e := range problems {
		if i == maxReported {
			n := len(problems) - maxReported
			fmt.Fprintf(w, "… and %d more %s\n", n, plural(n, "error", "errors"))
			break
		}
		fmt.Fprintln(w, e)
	}
	for _, e := range summaries {
		fmt.Fprintln(w, e)
	}
}

// summary is the closing line of a failure, printed after its problems.
type summary struct{ error }
