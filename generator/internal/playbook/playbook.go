// Package playbook builds the repository's own course for the browser
// tests, once per test binary: a build takes seconds, and every test reads
// the same output.
package playbook

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lentera/generator/build"
	"lentera/generator/internal/testsite"
	"lentera/generator/site"
)

// Date is "today" in the shared build, so output does not depend on the
// day the tests run.
var Date = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

var built struct {
	once sync.Once
	dir  string
	site *site.Site
	err  error
}

// Built returns the output folder of the shared build, and its model.
func Built(t testing.TB) (string, *site.Site) {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "lentera-playbook-"); built.err != nil {
			return
		}
		built.site, built.err = BuildInto(filepath.Join(built.dir, "public"), Date)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return filepath.Join(built.dir, "public"), built.site
}

// BuildInto builds the playbook into out as on day date.
func BuildInto(out string, date time.Time) (*site.Site, error) {
	root, err := testsite.Root()
	if err != nil {
		return nil, err
	}
	res, err := build.Build(context.Background(), build.Options{SiteDir: root, Out: out, BuildDate: date})
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", root, err)
	}
	return res.Site, nil
}

// Remove deletes the shared build; a package's TestMain calls it last.
func Remove() {
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
}
