//go:build unix

package build

import (
	"io"
	"os"

	"lentera/generator/markup"
)

// openHTML writes the n bytes of the cache's HTML, from at in f, into h,
// and returns a spool that reads them from f when a build uses them. The
// spool keeps f open: a later build's file is renamed over it, and the
// bytes read stay those that were checked.
func openHTML(f *os.File, at, n int64, h io.Writer) (*markup.Spool, error) {
	if err := hashSection(f, at, n, h); err != nil {
		return nil, err
	}
	return markup.OpenSpool(f, at, nil), nil
}
