package check

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
	"lentera/generator/vcs/vcstest"
)

// base is a two-language site with nothing to report.
func base() map[string]string {
	return map[string]string{
		"site.yaml":            "title: {id: Uji, en: Test}\nlanguages: [id, en]\nbaseURL: https://kursus.lentera.test/\n",
		"content/id/a.md":      "---\ntitle: A\nweight: 1\n---\nIsi.\n",
		"content/en/a.md":      "---\ntitle: A\nweight: 1\n---\nText.\n",
		"content/data/c.yaml":  "kind: checklist\ntitle: {id: Daftar, en: List}\nitems:\n  - text: {id: Satu, en: One}\n",
		"content/id/fig/k.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`,
	}
}

func run(t *testing.T, dir string, opts Options) *Report {
	t.Helper()
	opts.SiteDir = dir
	r, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// outsideGit is a folder that git will not take for part of a checkout,
// even when the temporary folder is inside one.
func outsideGit(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", dir)
	return filepath.Join(dir, "site")
}

// Each kind of gap, alone on an otherwise clean site, gives its finding,
// and only its finding.
func TestGaps(t *testing.T) {
	cases := []struct {
		name    string
		change  map[string]string
		remove  string
		budget  int64
		sev     Severity
		path    string
		line    int
		message string
	}{
		{name: "build error", change: map[string]string{"content/id/a.md": "---\ntitle: A\nwieght: 1\n---\n"},
			sev: Error, path: "content/id/a.md", line: 3, message: `unknown key "wieght"`},
		{name: "image without alt text", change: map[string]string{"content/id/a.md": "---\ntitle: A\nweight: 1\n---\n\n![](fig/k.svg)\n"},
			sev: Error, path: "content/id/a.md", line: 6, message: "has no alt text"},
		{name: "image over budget", change: map[string]string{"content/id/fig/big.png": strings.Repeat("x", 3<<10)}, budget: 2 << 10,
			sev: Error, path: "content/id/fig/big.png", message: "image is 3 KB, over the budget of 2 KB"},
		{name: "chapter with no translation", remove: "content/en/a.md",
			sev: Warning, path: "content/id/a.md", message: `chapter "A" has no en translation (content/en/a.md)`},
		{name: "chapter only in the other language", change: map[string]string{"content/en/b.md": "---\ntitle: B\n---\n"},
			sev: Warning, path: "content/en/b.md", message: `chapter "B" has no id translation (content/id/b.md)`},
		{name: "data text missing a language", change: map[string]string{"content/data/c.yaml": "kind: checklist\ntitle: {id: Daftar, en: List}\nitems:\n  - text: {id: Satu, en: One}\n  - text: {id: Dua}\n"},
			sev: Warning, path: "content/data/c.yaml", line: 5, message: "items[1].text has no en text"},
		{name: "site text missing a language", change: map[string]string{"site.yaml": "title: {id: Uji, en: Test}\ndescription: {id: Kursus}\nlanguages: [id, en]\nbaseURL: https://kursus.lentera.test/\n"},
			sev: Warning, path: "site.yaml", line: 2, message: "description has no en text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := outsideGit(t)
			testsite.Write(t, dir, base())
			testsite.Write(t, dir, c.change)
			if c.remove != "" {
				os.Remove(filepath.Join(dir, c.remove))
			}
			r := run(t, dir, Options{ImageBudget: c.budget})
			if len(r.Findings) != 1 {
				t.Fatalf("%d findings, want 1: %v", len(r.Findings), r.Findings)
			}
			f := r.Findings[0]
			if f.Severity != c.sev || f.Path != filepath.Join(dir, c.path) || f.Line != c.line || !strings.Contains(f.Message, c.message) {
				t.Errorf("finding %v\nwant %s at %s:%d containing %q", f, c.sev, c.path, c.line, c.message)
			}
		})
	}
}

func TestCleanSiteOutsideGit(t *testing.T) {
	dir := outsideGit(t)
	testsite.Write(t, dir, base())
	r := run(t, dir, Options{})
	if len(r.Findings) != 0 {
		t.Errorf("findings on a clean site: %v", r.Findings)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "not in a Git checkout") {
		t.Errorf("notes %q do not say the site is not in a Git checkout", r.Notes)
	}
}

// A translation goes stale when the default-language chapter gets commits
// after the translation's last one; reviewed in its front matter moves
// the mark.
func TestStaleTranslation(t *testing.T) {
	repo := vcstest.New(t)
	files := base()
	files["content/id/b.md"] = "---\ntitle: B\n---\nIsi.\n"
	files["content/en/b.md"] = "---\ntitle: B\n---\nText.\n"
	prefixed := map[string]string{}
	for k, v := range files {
		prefixed["kursus/"+k] = v
	}
	repo.Commit("first", prefixed)
	repo.Commit("id a edited", map[string]string{"kursus/content/id/a.md": "---\ntitle: A\nweight: 1\n---\nIsi baru.\n"})
	repo.Commit("id a edited again", map[string]string{"kursus/content/id/a.md": "---\ntitle: A\nweight: 1\n---\nIsi lebih baru.\n"})
	repo.Commit("id b edited, en b too", map[string]string{
		"kursus/content/id/b.md": "---\ntitle: B\n---\nIsi baru.\n",
		"kursus/content/en/b.md": "---\ntitle: B\n---\nNew text.\n",
	})
	dir := filepath.Join(repo.Dir, "kursus")
	r := run(t, dir, Options{})
	if len(r.Findings) != 1 || len(r.Notes) != 0 {
		t.Fatalf("findings %v, notes %v; want one stale translation", r.Findings, r.Notes)
	}
	f := r.Findings[0]
	first, second := repo.Hashes["id a edited"][:12], repo.Hashes["id a edited again"][:12]
	if f.Severity != Warning || f.Path != filepath.Join(dir, "content", "en", "a.md") {
		t.Errorf("finding %v is not a warning on content/en/a.md", f)
	}
	want := "content/id/a.md changed in 2 commits since " + repo.Hashes["first"][:12]
	if !strings.Contains(f.Message, want) || strings.Index(f.Message, first) > strings.Index(f.Message, second) || strings.Index(f.Message, first) < 0 {
		t.Errorf("message %q\nwants %q and %s before %s (oldest first)", f.Message, want, first, second)
	}

	// Reviewed at the newest commit of the Indonesian chapter: no longer stale,
	// although the English file itself is not committed again.
	repo.Write(map[string]string{"kursus/content/en/a.md": "---\ntitle: A\nweight: 1\nreviewed: " + second + "\n---\nText.\n"})
	if r := run(t, dir, Options{}); len(r.Findings) != 0 {
		t.Errorf("reviewed translation still reported: %v", r.Findings)
	}
	// Reviewed at the first edit: one commit behind.
	repo.Write(map[string]string{"kursus/content/en/a.md": "---\ntitle: A\nweight: 1\nreviewed: " + first + "\n---\nText.\n"})
	if r := run(t, dir, Options{}); len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, "in 1 commit since "+first) {
		t.Errorf("translation reviewed at an older commit: %v", r.Findings)
	}
	repo.Write(map[string]string{"kursus/content/en/a.md": "---\ntitle: A\nweight: 1\nreviewed: abcdef1\n---\nText.\n"})
	r = run(t, dir, Options{})
	if len(r.Findings) != 2 || !strings.Contains(r.Findings[1].Message, "reviewed: abcdef1 is no commit") {
		t.Errorf("unknown reviewed commit: %v", r.Findings)
	}
}

// The github format, line by line: a command per finding, positions as
// properties, and the characters the runner decodes escaped.
func TestGitHubFormat(t *testing.T) {
	r := &Report{
		Findings: []Finding{
			{Severity: Error, Path: "kursus/content/id/a.md", Line: 6, Col: 2, Message: "image fig/k.svg has no alt text"},
			{Severity: Warning, Path: "kursus/content/id/a,b:c.md", Message: "50% done\nsecond line"},
			{Severity: Error, Message: "two outputs want the same file id/index.html"},
		},
		Notes: []string{"stale translations were not looked for"},
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, "github"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"::error file=kursus/content/id/a.md,line=6,col=2::image fig/k.svg has no alt text",
		"::warning file=kursus/content/id/a%2Cb%3Ac.md::50%25 done%0Asecond line",
		"::error::two outputs want the same file id/index.html",
		"::notice::stale translations were not looked for",
	}
	got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}

func TestJSONFormat(t *testing.T) {
	r := &Report{Findings: []Finding{{Severity: Warning, Path: "a.md", Line: 3, Message: "m"}}}
	var buf bytes.Buffer
	if err := r.Write(&buf, "json"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Errors, Warnings int
		Findings         []map[string]any
		Notes            []string
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors != 0 || got.Warnings != 1 || got.Findings[0]["file"] != "a.md" || got.Findings[0]["line"] != 3.0 || got.Notes == nil {
		t.Errorf("json: %s", buf.String())
	}
}
