package build

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lentera/generator/publish"
)

// headerRule is one rule of a _headers file: a path, and its headers.
type headerRule struct {
	path    string
	headers map[string][]string
}

// parseHeaders reads a _headers file as Netlify and Cloudflare Pages
// document it: a path at the start of a line, its headers indented below
// as "Name: value"; # starts a comment.
func parseHeaders(t *testing.T, body []byte) []headerRule {
	t.Helper()
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(body))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] != ' ' && line[0] != '\t':
			if !strings.HasPrefix(line, "/") {
				t.Fatalf("_headers:%d: %q is not a path", n, line)
			}
			rules = append(rules, headerRule{path: line, headers: map[string][]string{}})
		default:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
			if !ok || len(rules) == 0 {
				t.Fatalf("_headers:%d: %q is not a header of a path", n, line)
			}
			r := rules[len(rules)-1]
			r.headers[strings.ToLower(name)] = append(r.headers[strings.ToLower(name)], strings.TrimSpace(value))
		}
	}
	return rules
}

// matches is a rule's path matching a request path: exactly, or a
// trailing * matching any rest.
func (r headerRule) matches(p string) bool {
	if prefix, ok := strings.CutSuffix(r.path, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return r.path == p
}

// The build writes _headers, and read back it caches fingerprinted assets
// for a year and has every page asked about again; no file gets two
// Cache-Control values from two rules.
func TestHeadersFile(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	rules := parseHeaders(t, []byte(body(res.Files, publish.HeadersFile)))
	if len(rules) < 3 {
		t.Fatalf("%d rules in _headers", len(rules))
	}
	kinds := map[string]int{}
	for _, f := range res.Files {
		if f.Path == publish.HeadersFile {
			continue
		}
		requests := []string{"/" + f.Path}
		if dir, ok := strings.CutSuffix(f.Path, "index.html"); ok {
			requests = append(requests, "/"+dir)
		}
		for _, req := range requests {
			var cache []string
			for _, r := range rules {
				if r.matches(req) {
					cache = append(cache, r.headers["cache-control"]...)
				}
			}
			if len(cache) != 1 {
				t.Errorf("%s gets Cache-Control %q, want one value", req, cache)
				continue
			}
			want := publish.CacheRevalidate
			if strings.HasPrefix(f.Path, AssetsDir+"/") {
				want = publish.CacheImmutable
			}
			if cache[0] != want {
				t.Errorf("%s gets Cache-Control %q, want %q", req, cache[0], want)
			}
			kinds[cache[0]]++
		}
	}
	if kinds[publish.CacheImmutable] < 3 || kinds[publish.CacheRevalidate] < 100 {
		t.Errorf("immutable and revalidated responses: %v", kinds)
	}
}

// An output file that a rebuild leaves byte for byte the same keeps its
// modification time, so rsync and bucket syncs skip it; one that changed
// gets a new time.
func TestUnchangedFilesKeepTheirTimes(t *testing.T) {
	fsys := bundledSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: fsys, BuildDate: testDate, Out: out}
	first, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// Back-date every file, so a new time cannot be mistaken for an old
	// one even on a file system with coarse times.
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	err = filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	appendTo("content/en/konten/produksi-video.md", "\nOne more sentence.\n")(fsys)
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	kept, renewed := 0, 0
	for _, f := range res.Files {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		same := body(first.Files, f.Path) == string(f.Body)
		if fi.ModTime().Equal(old) {
			kept++
			if !same {
				t.Errorf("%s changed but kept its old time", f.Path)
			}
			continue
		}
		renewed++
		if same {
			t.Errorf("%s has a new time, but nothing of it changed", f.Path)
		}
	}
	if body(first.Files, "en/konten/produksi-video/index.html") == body(res.Files, "en/konten/produksi-video/index.html") {
		t.Error("the edited chapter's page did not change")
	}
	if kept < len(res.Files)*3/4 || renewed == 0 {
		t.Errorf("%d files kept their time, %d have a new one, of %d", kept, renewed, len(res.Files))
	}
	t.Logf("%d files kept their time, %d have a new one", kept, renewed)
}
