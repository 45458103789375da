// Command lentera builds bilingual course sites from Markdown and YAML.
//
//	lentera build [--site DIR] [--out DIR] [--drafts]
//	lentera serve [--site DIR] [--port N] [--host ADDR] [--out DIR]
//	lentera pdf   [--site DIR] [--out DIR]
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
	if err != nil {
		report(stderr, err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: lentera <command> [flags]

commands:
  build   build the site into an output folder (default ./public)
  serve   build, serve on 127.0.0.1 and rebuild on every save
  pdf     print each language's workbook to PDF with headless Chromium

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
