package build

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// failingFS is a site whose file at path cannot be read, as a file without
// read permission (which root, who runs CI, would read anyway).
type failingFS struct {
	fstest.MapFS
	path string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.path {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return f.MapFS.Open(name)
}

// ReadFile hides MapFS's own, which would read past Open.
func (f failingFS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(file)
}

func TestUnreadableFiles(t *testing.T) {
	for _, path := range []string{"content/id/a.md", "content/data/c.yaml", "content/id/fig.svg", "site.yaml"} {
		t.Run(path, func(t *testing.T) {
			site := fstest.MapFS{
				"site.yaml":           {Data: []byte("title: Uji\nlanguages: [id]\n")},
				"content/id/a.md":     {Data: []byte("---\ntitle: A\n---\n")},
				"content/id/fig.svg":  {Data: []byte("<svg/>")},
				"content/data/c.yaml": {Data: []byte("kind: checklist\ntitle: C\nitems: [{text: x}]\n")},
			}
			_, err := Build(context.Background(), Options{Site: failingFS{site, path}, BuildDate: testDate})
			if err == nil || !strings.Contains(errorLines(err), path+": ") || !strings.Contains(err.Error(), "permission denied") {
				t.Errorf("want an error naming %s; got %v", path, err)
			}
		})
	}
}
