package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// runVersion prints the module version and the revision the program was
// built from, as the Go toolchain records them in the binary.
func runVersion(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("version", stderr)
	if _, err := parseFlags(fl, args, 0, 0); err != nil {
		return err
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(stdout, "lentera: no build information in this binary")
		return nil
	}
	fmt.Fprintln(stdout, versionLine(info))
	return nil
}

// versionLine is "lentera v0.1.0 (revision 1a2b3c4d5e6f, 2026-11-30T12:00:00Z, modified) go1.26.8".
func versionLine(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var vcs []string
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		vcs = append(vcs, "revision "+shortRevision(rev))
	}
	if t := settings["vcs.time"]; t != "" {
		vcs = append(vcs, t)
	}
	if settings["vcs.modified"] == "true" {
		vcs = append(vcs, "modified")
	}
	if len(vcs) == 0 {
		vcs = append(vcs, "revision unknown")
	}
	return fmt.Sprintf("lentera %s (%s) %s", version, strings.Join(vcs, ", "), info.GoVersion)
}

func shortRevision(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
