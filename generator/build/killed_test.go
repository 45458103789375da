package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"lentera/generator/internal/testsite"
)

// A build killed after it put its output in place, but before it saved
// the records of what it wrote, leaves the records of the build before.
// The next build must not take the output's files for what those records
// say: files the killed build kept from two builds back are older than
// the records and may be the same size as the files recorded, with
// other bytes.
func TestRecordsOfAnotherOutputNotTrusted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a course five times")
	}
	site := testsite.New(t, testsite.Course(10))
	chapter := filepath.Join(site, "content", "id", "s00", "c000.md")
	body, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	versions := [2]string{string(body) + "\nVersi A.\n", string(body) + "\nVersi B.\n"}
	opts := Options{SiteDir: site, Out: filepath.Join(t.TempDir(), "public"), CacheDir: t.TempDir(), BuildDate: testDate, Stream: true}
	build := func(v int, o Options) {
		t.Helper()
		if err := os.WriteFile(chapter, []byte(versions[v]), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Build(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	build(0, opts)
	build(1, opts) // the build of version A is kept beside it
	cache := New(opts).cacheFile()
	records, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	build(0, opts) // starts from the kept build, and keeps what it can
	if err := os.WriteFile(cache, records, 0o644); err != nil {
		t.Fatal(err) // as if killed before it saved its own
	}
	build(1, opts)

	clean := opts
	clean.CacheDir, clean.Out = "", filepath.Join(t.TempDir(), "public")
	build(1, clean)
	got, want := testsite.Hashes(t, opts.Out), testsite.Hashes(t, clean.Out)
	if !maps.Equal(got, want) {
		for p := range want {
			if got[p] != want[p] {
				t.Errorf("%s is not what a clean build writes", p)
			}
		}
	}
}
