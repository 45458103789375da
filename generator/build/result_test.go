package build

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"lentera/generator/publish"
)

// Files are sorted by path however they come, in the order of the last
// build or another; two files at one path keep the order they came in.
func TestSortFiles(t *testing.T) {
	b := New(Options{})
	for _, order := range [][]string{{"c", "a", "b"}, {"c", "a", "b"}, {"b", "c", "a"}, {"c", "a", "b", "a0"}, {"b", "a", "b", "a"}} {
		var fs []publish.File
		for i, p := range order {
			fs = append(fs, publish.File{Path: p, Body: []byte(p + strconv.Itoa(i))})
		}
		b.sortFiles(fs)
		if len(fs) != len(order) || !slices.IsSortedFunc(fs, func(x, y publish.File) int {
			// Sorted by path, and at one path by where each came from.
			return strings.Compare(x.Path+"\x00"+string(x.Body[len(x.Path):]), y.Path+"\x00"+string(y.Body[len(y.Path):]))
		}) {
			t.Errorf("from %v: %v", order, fs)
		}
		for _, f := range fs {
			if !strings.HasPrefix(string(f.Body), f.Path) {
				t.Errorf("from %v: %s holds %s", order, f.Path, f.Body)
			}
		}
	}
}
