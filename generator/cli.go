package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// exitStatus is a failure that has already been reported: run only exits
// with its code. Usage mistakes exit with 2, a check that found errors
// with 1.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errHelp is -h: the flag package has printed the usage, and asking for
// it is no failure.
var errHelp = errors.New("help requested")

// newFlags makes a command's flag set, printing to stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("lentera "+name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

// parseFlags parses args into fl, flags and arguments in any order, and
// returns the arguments, which must number from min to max. The flag
// package reports its own mistakes (an unknown flag, a bad value) together
// with the usage; the error returned then only sets the exit status, so
// nothing is said twice.
func parseFlags(fl *flag.FlagSet, args []string, min, max int) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, exitStatus(2)
		}
		args = fl.Args()
		if len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	switch {
	case len(pos) > max && max == 0:
		return nil, usageErr(fl, "unexpected argument %q: this command takes only flags", pos[0])
	case len(pos) > max:
		return nil, usageErr(fl, "unexpected argument %q", pos[max])
	case len(pos) < min:
		return nil, usageErr(fl, "missing argument")
	}
	return pos, nil
}

func usageErr(fl *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(fl.Output(), "%s: %s\n", fl.Name(), fmt.Sprintf(format, args...))
	fl.Usage()
	return exitStatus(2)
}

// underSite puts a default output folder inside the site folder, so that
// "--site ../kursus" writes ../kursus/public and not ./public; a folder
// given with --out is taken as written.
func underSite(fl *flag.FlagSet, name, siteDir, dir string) string {
	if flagGiven(fl, name) || filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(siteDir, dir)
}

// siteOut is the output folder: the one --out gives, or the default one
// in the site folder, which must not be a symbolic link. A link there came
// with the site, and building a stranger's pull request would replace the
// folder it leads to. A folder given with --out is the caller's, link or
// not.
func siteOut(fl *flag.FlagSet, siteDir, dir string) (string, error) {
	out := underSite(fl, "out", siteDir, dir)
	if flagGiven(fl, "out") {
		return out, nil
	}
	if fi, err := os.Lstat(out); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		target, _ := os.Readlink(out)
		return "", fmt.Errorf("the output folder %s is a symbolic link (to %s): the site's own output folder is never a link, so that building a site cannot replace a folder elsewhere; remove the link, or give the folder with --out", out, target)
	}
	return out, nil
}

func flagGiven(fl *flag.FlagSet, name string) bool {
	given := false
	fl.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
