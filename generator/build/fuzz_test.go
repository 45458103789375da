package build

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"lentera/generator/fileerr"
)

// FuzzSite builds whole sites written as txtar archives, seeded with every
// site under testdata/sites. Whatever the files hold, a build must end with
// a site or with problems that each name a file: never a panic (which the
// workers turn into an "internal error") and never a bare error.
//
//	go test ./generator/build -run '^$' -fuzz FuzzSite -fuzztime 5m
func FuzzSite(f *testing.F) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range cases {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, archive []byte) {
		fsys := fstest.MapFS{}
		for _, file := range txtar.Parse(archive).Files {
			if name := path.Clean(file.Name); fs.ValidPath(name) && !strings.HasPrefix(name, "want") {
				fsys[name] = &fstest.MapFile{Data: file.Data}
			}
		}
		_, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
		for _, e := range fileerr.Flatten(err) {
			if strings.Contains(e.Error(), "internal error") {
				t.Fatalf("build panicked: %v", e)
			}
			if fe, ok := e.(*fileerr.Error); !ok || fe.Path == "" {
				t.Errorf("a problem names no file: %v", e)
			}
		}
	})
}
