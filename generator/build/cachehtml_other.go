//go:build !unix

package build

import (
	"os"

	"lentera/generator/markup"
)

// openHTML reads the n bytes of the cache's HTML, from at in f, into
// memory, and closes f: where an open file cannot be renamed over, the
// next build could not replace the cache file.
func openHTML(f *os.File, at, n int64) (*markup.Spool, error) {
	html := make([]byte, n)
	if _, err := f.ReadAt(html, at); err != nil {
		return nil, err
	}
	f.Close()
	return markup.OpenSpool(nil, 0, html), nil
}
