package build

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
	"lentera/generator/publish"
	"lentera/generator/search"
)

// A streaming build writes, page by page, the very files a build in
// memory makes, and reports the same errors, for every test site; a build
// that fails leaves the output folder as it was.
func TestSitesStreamed(t *testing.T) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c := readSiteCase(t, file)
			out := filepath.Join(t.TempDir(), "public")
			old := map[string]string{publish.Marker: "", "old.html": "the last build"}
			for name, body := range old {
				if err := os.MkdirAll(out, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := testsite.Hashes(t, out)
			res, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate, Out: out, Stream: true})
			if len(c.errors) > 0 {
				checkErrors(t, err, c.errors)
				if after := testsite.Hashes(t, out); !sameHashes(before, after) {
					t.Errorf("a failed streaming build changed the output folder")
				}
				return
			}
			if err != nil {
				t.Fatalf("build failed:\n%s", errorLines(err))
			}
			mem, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != len(mem.Files) {
				t.Errorf("streamed %d files, in memory %d", len(res.Files), len(mem.Files))
			}
			// Each search index is written once made, not held to the
			// end; its entry stays, for the search page.
			for _, f := range res.Files {
				if isIndexFile(f.Path) && path.Base(f.Path) != search.EntryFile && f.Body != nil {
					t.Errorf("%s: the build still holds its body", f.Path)
				}
			}
			for _, f := range mem.Files {
				got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Errorf("%s: %v", f.Path, err)
					continue
				}
				if string(got) != string(f.Body) {
					t.Errorf("%s differs from the build in memory", f.Path)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "old.html")); err == nil {
				t.Errorf("old.html of the last build is still there")
			}
			made := map[string]bool{publish.Marker: true}
			for _, f := range mem.Files {
				made[f.Path] = true
			}
			for p := range testsite.Hashes(t, out) {
				if !made[p] {
					t.Errorf("the output holds %s, which the build in memory does not make", p)
				}
			}
		})
	}
}

// isIndexFile reports whether p is a file of a search index.
func isIndexFile(p string) bool {
	return path.Ext(p) == ".json" && strings.Contains(p, "/search/")
}

func sameHashes(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Pages made from a spool that could not give their HTML back are not
// published: the build fails, and the output folder stays as it was.
func TestFailedSpoolPublishesNothing(t *testing.T) {
	c := readSiteCase(t, "testdata/sites/bilingual.txtar")
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: c.site, BuildDate: testDate, Out: out, Stream: true}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := testsite.Hashes(t, out)
	opts.BuildDate = testDate.AddDate(0, 1, 0) // a build that did publish would change the dates shown
	b := New(opts)
	if err := b.startStream(); err != nil {
		t.Fatal(err)
	}
	defer b.endStream()
	if _, err := b.BuildPages(context.Background()); err != nil {
		t.Fatal(err)
	}
	b.spool.Close() // the workbooks and search indexes read every page from it
	if _, err := b.Gather(context.Background()); err == nil || !strings.Contains(err.Error(), "spool") {
		t.Errorf("got %v, want the spool's error", err)
	}
	if after := testsite.Hashes(t, out); !sameHashes(before, after) {
		t.Error("the output folder changed")
	}
}

// A build whose temporary folder cannot take a spool keeps the converted
// pages in memory, says so, and writes the same site.
func TestBuildWithoutSpool(t *testing.T) {
	c := readSiteCase(t, "testdata/sites/bilingual.txtar")
	var outputs []map[string][32]byte
	for _, tmp := range []string{t.TempDir(), filepath.Join(t.TempDir(), "missing")} {
		t.Setenv("TMPDIR", tmp)
		t.Setenv("TMP", tmp) // Windows
		out := filepath.Join(t.TempDir(), "public")
		res, err := Build(context.Background(), Options{Site: c.site, BuildDate: testDate, Out: out, Stream: true})
		if err != nil {
			t.Fatalf("TMPDIR %s: %v", tmp, err)
		}
		said := strings.Contains(errorLines(errors.Join(res.Warnings...)), "kept in memory")
		if missing := filepath.Base(tmp) == "missing"; said != missing {
			t.Errorf("TMPDIR %s: warned of pages in memory: %v", tmp, said)
		}
		outputs = append(outputs, testsite.Hashes(t, out))
	}
	if !sameHashes(outputs[0], outputs[1]) {
		t.Error("the build without a spool wrote another site")
	}
}
