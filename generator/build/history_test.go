package build

import (
	"context"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
	"lentera/generator/vcs/vcstest"
)

// With the site in Git: the sitemap dates each page by its last commit,
// the status page marks the English chapter stale with the commits it is
// behind, and its trainer page says so; the participant page does not.
func TestHistoryPages(t *testing.T) {
	repo := vcstest.New(t) // commits on 2026-03-03, 04, 05, …
	repo.Commit("first", map[string]string{
		"kursus/site.yaml":            "title: Uji\nlanguages: [id, en]\nbaseURL: https://example.org/\n",
		"kursus/content/id/a.md":      "---\ntitle: Bab A\n---\nIsi.\n\n:::trainer\nCatatan.\n:::\n",
		"kursus/content/en/a.md":      "---\ntitle: Chapter A\n---\nText.\n",
		"kursus/content/id/b.md":      "---\ntitle: Bab B\n---\nIsi.\n",
		"kursus/content/en/b.md":      "---\ntitle: Chapter B\n---\nText.\n",
		"kursus/content/id/_index.md": "---\ntitle: Beranda\n---\n",
	})
	repo.Commit("id a", map[string]string{"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi baru.\n\n:::trainer\nCatatan.\n:::\n"})
	repo.Commit("id a again", map[string]string{"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi lebih baru.\n\n:::trainer\nCatatan.\n:::\n"})
	res, err := Build(context.Background(), Options{SiteDir: filepath.Join(repo.Dir, "kursus"), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Body)
	}
	first, again := repo.Hashes["first"][:12], repo.Hashes["id a again"][:12]
	checkLines(t, "sitemap.xml", files["sitemap.xml"], `
<loc>https://example.org/id/a/</loc>
<lastmod>2026-03-05</lastmod>
<loc>https://example.org/en/a/</loc>
<lastmod>2026-03-03</lastmod>
`)
	checkLines(t, "trainer/en/status/index.html", files["trainer/en/status/index.html"], `
<td class="status-stale"><a href="/trainer/en/a/" hreflang="en">stale</a> <time datetime="2026-03-03">3 March 2026</time>
<summary>2 changes since 3 March 2026:</summary>
<li><code>`+repo.Hashes["id a"][:12]+`</code> <time datetime="2026-03-04">4 March 2026</time></li><li><code>`+again+`</code>
<td class="status-done"><a href="/trainer/en/b/" hreflang="en">done</a>
! outside a Git checkout
`)
	checkLines(t, "trainer/en/a/index.html", files["trainer/en/a/index.html"], `
<aside class="notice stale-notice" role="note"><p>This translation may be out of date: the Indonesian chapter has changed 2 times since 3 March 2026.
<code>`+again+`</code>
`)
	checkLines(t, "trainer/en/b/index.html", files["trainer/en/b/index.html"], "! stale-notice")
	checkLines(t, "en/a/index.html", files["en/a/index.html"], "! stale-notice\n! "+first)
	if c := res.Status.Count("en"); c.Stale != 1 || c.Done != 1 {
		t.Errorf("English counts %+v, want 1 stale and 1 done", c)
	}
	if !strings.Contains(files["trainer/index.html"], "1 usang") {
		t.Error("the trainer home does not count the stale translation")
	}
}

// A commit between two builds of one Builder (as in serve) shows in the
// rebuild, which equals a clean build.
func TestRebuildAfterCommit(t *testing.T) {
	repo := vcstest.New(t)
	repo.Commit("first", map[string]string{
		"kursus/site.yaml":       "title: Uji\nlanguages: [id, en]\n",
		"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi.\n\n:::trainer\nCatatan.\n:::\n",
		"kursus/content/en/a.md": "---\ntitle: Chapter A\n---\nText.\n",
	})
	opts := Options{SiteDir: filepath.Join(repo.Dir, "kursus"), BuildDate: testDate}
	b := New(opts)
	ctx := context.Background()
	before, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]string{}
	for _, f := range before.Files {
		old[f.Path] = string(f.Body)
	}
	repo.Commit("id a", map[string]string{"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi baru.\n\n:::trainer\nCatatan.\n:::\n"})
	got, err := b.Build(ctx, "content/id/a.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "commit", got.Files, want.Files)
	if c := got.Status.Count("en"); c.Stale != 1 {
		t.Errorf("after the commit, English counts %+v, want 1 stale", c)
	}
	for _, f := range got.Files {
		switch f.Path {
		case "trainer/en/a/index.html", "trainer/en/status/index.html", "trainer/index.html", "sitemap.xml":
			if old[f.Path] == string(f.Body) {
				t.Errorf("%s did not change with the commit", f.Path)
			}
		case "en/a/index.html":
			if old[f.Path] != string(f.Body) {
				t.Errorf("%s changed with a commit to the Indonesian chapter", f.Path)
			}
		}
	}
}

// A file is touched by a change to itself or to a folder it is in, however
// many paths changed.
func TestTouched(t *testing.T) {
	many := map[string]bool{}
	for i := 0; i < 20; i++ {
		many["content/x"+strconv.Itoa(i)+".md"] = true
	}
	for _, few := range []bool{true, false} {
		changed := map[string]bool{"content/id/a.md": true, "content/en": true}
		if !few {
			maps.Copy(changed, many)
		}
		for file, want := range map[string]bool{
			"content/id/a.md":    true,
			"content/id/ab.md":   false,
			"content/en/b/c.md":  true,
			"content/english.md": false,
			"content/id/b.md":    false,
		} {
			if got := touched(changed, file); got != want {
				t.Errorf("%d changed: touched(%s) = %v, want %v", len(changed), file, got, want)
			}
		}
	}
	if !touched(nil, "content/id/a.md") {
		t.Error("with no list, a file is not touched")
	}
}

// The build cache keeps the site's history: a build in a new process while
// HEAD stays runs no git (here there is none to run) and equals a clean
// build; after a commit it reads the history again.
func TestHistoryFromCache(t *testing.T) {
	repo := vcstest.New(t)
	site := map[string]string{
		"kursus/site.yaml":       "title: Uji\nlanguages: [id, en]\nbaseURL: https://example.org/\n",
		"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi.\n",
		"kursus/content/en/a.md": "---\ntitle: Chapter A\n---\nText.\n",
	}
	repo.Commit("first", site)
	repo.Commit("id a", map[string]string{"kursus/content/id/a.md": "---\ntitle: Bab A\n---\nIsi baru.\n"})
	opts := Options{SiteDir: filepath.Join(repo.Dir, "kursus"), Out: filepath.Join(t.TempDir(), "public"), CacheDir: t.TempDir(), BuildDate: testDate, Stream: true}
	clean := func() map[string][sha256.Size]byte {
		t.Helper()
		o := opts
		o.CacheDir, o.Out = "", filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		return testsite.Hashes(t, o.Out)
	}
	build := func(stale int) {
		t.Helper()
		res, err := Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if c := res.Status.Count("en"); c.Stale != stale {
			t.Errorf("English counts %+v, want %d stale", c, stale)
		}
	}
	want := clean()
	build(1)
	path := os.Getenv("PATH")
	t.Setenv("PATH", t.TempDir()) // no git
	build(1)
	if got := testsite.Hashes(t, opts.Out); !maps.Equal(got, want) {
		t.Error("a build with the history from the cache differs from a clean build")
	}

	t.Setenv("PATH", path)
	repo.Commit("en a", map[string]string{"kursus/content/en/a.md": "---\ntitle: Chapter A\n---\nNew text.\n"})
	want = clean()
	build(0)
	if got := testsite.Hashes(t, opts.Out); !maps.Equal(got, want) {
		t.Error("a build after a commit differs from a clean build")
	}
}
