package main

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// The commands keep their build cache in the user's cache folder; tests
// keep theirs in a folder of their own, never the real one, and so do the
// programs they start (os.UserCacheDir reads these variables).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lentera-test-cache-")
	if err != nil {
		panic(err)
	}
	userCacheDir = func() (string, error) { return dir, nil }
	// The go command, which tests run to build the program, keeps its
	// own cache where it was: in the new folder, it would compile
	// everything again, for a minute.
	if os.Getenv("GOCACHE") == "" {
		if d, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(d, "go-build"))
		}
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("LocalAppData", dir)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		os.Setenv("HOME", dir)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A second build uses what the first left in the cache and writes what a
// build without it writes; --no-cache neither reads nor writes the cache;
// a damaged cache is ignored with one warning, and replaced.
func TestBuildCache(t *testing.T) {
	cacheDir := t.TempDir()
	defer func(was func() (string, error)) { userCacheDir = was }(userCacheDir)
	userCacheDir = func() (string, error) { return cacheDir, nil }
	siteDir := testsite.New(t, testsite.Course(12))
	out, clean := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	build := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runCmd(append([]string{"build", "--site", siteDir}, args...)...)
		if code != 0 {
			t.Fatalf("build %v: exit %d: %s%s", args, code, stdout, stderr)
		}
		return stderr
	}
	noWarning := func(name, stderr string) {
		t.Helper()
		if strings.Contains(stderr, "cache") {
			t.Errorf("%s: %s", name, stderr)
		}
	}

	noWarning("first build", build("--out", out))
	files, _ := filepath.Glob(filepath.Join(cacheDir, "lentera", "*", "build.cache"))
	if len(files) != 1 {
		t.Fatalf("cache files after a build: %v, want one", files)
	}
	cache := files[0]
	chapter := filepath.Join(siteDir, "content", "id", "s00", "c003.md")
	body, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	testsite.WriteFile(t, siteDir, "content/id/s00/c003.md", append(body, "\nKalimat baru.\n"...))
	noWarning("after an edit", build("--out", out))
	noWarning("without the cache", build("--no-cache", "--out", clean))
	if !maps.Equal(testsite.Hashes(t, out), testsite.Hashes(t, clean)) {
		t.Error("the build with the cache wrote other files than the build without it")
	}

	good, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	damaged := good[:len(good)/3]
	os.Remove(cache) // builds replace the file, never change it in place
	testsite.WriteFile(t, filepath.Dir(cache), filepath.Base(cache), damaged)
	noWarning("--no-cache with a damaged cache", build("--no-cache", "--out", clean))
	if now, _ := os.ReadFile(cache); len(now) != len(damaged) {
		t.Error("--no-cache wrote the cache")
	}
	stderr := build("--out", out)
	if n := strings.Count(stderr, "warning: build cache ignored"); n != 1 || strings.Count(stderr, "cache") != 1 {
		t.Errorf("with a damaged cache, stderr says %q; want one warning that it was ignored", stderr)
	}
	if !maps.Equal(testsite.Hashes(t, out), testsite.Hashes(t, clean)) {
		t.Error("the build with a damaged cache wrote other files than the build without it")
	}
	// Replaced: the next build reads it without a word. (Its size is not
	// the first good one's: that also recorded the build kept beside
	// the output, which the build without a cache could not know.)
	noWarning("after the damaged cache was replaced", build("--out", out))
	if now, _ := os.ReadFile(cache); len(now) <= len(damaged) {
		t.Errorf("the damaged cache was not replaced: %d bytes, a good one had %d", len(now), len(good))
	}
}
