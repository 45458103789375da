package build

import (
	"slices"
	"strings"
	"testing"

	"lentera/generator/publish"
)

// Files are sorted by path however they come, in the order of the last
// build or another.
func TestSortFiles(t *testing.T) {
	b := New(Options{})
	files := func(paths ...string) []publish.File {
		var out []publish.File
		for _, p := range paths {
			out = append(out, publish.File{Path: p, Body: []byte(p)})
		}
		return out
	}
	for _, order := range [][]string{{"c", "a", "b"}, {"c", "a", "b"}, {"b", "c", "a"}, {"c", "a", "b", "a0"}} {
		fs := files(order...)
		b.sortFiles(fs)
		if !slices.IsSortedFunc(fs, func(x, y publish.File) int { return strings.Compare(x.Path, y.Path) }) || len(fs) != len(order) {
			t.Errorf("from %v: %v", order, fs)
		}
		for _, f := range fs {
			if string(f.Body) != f.Path {
				t.Errorf("from %v: %s holds %s", order, f.Path, f.Body)
			}
		}
	}
}
