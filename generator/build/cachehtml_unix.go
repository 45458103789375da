//go:build unix

package build

import (
	"os"

	"lentera/generator/markup"
)

// openHTML returns a spool that reads the n bytes of the cache's HTML,
// from at in f, when a build uses them. The spool keeps f open: a later
// build's file is renamed over it, and the bytes read stay those that were
// checked.
func openHTML(f *os.File, at, n int64) (*markup.Spool, error) {
	return markup.OpenSpool(f, at, nil), nil
}
