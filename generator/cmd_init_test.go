package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"lentera/generator/starter"

	"lentera/generator/internal/testsite"
)

func TestInitRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("init", dir)
	if code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("init into a non-empty folder: exit %d, %s", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("init wrote into a non-empty folder: %d entries", len(entries))
	}
}

func TestInitLanguages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "curso")
	if code, stdout, stderr := runCmd("init", "--lang", "en,id,es", dir); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	for _, p := range []string{"content/en/start/welcome.md", "content/id/start/welcome.md", "content/es/start/first-practice.md", "content/data/preparation.yaml", "README.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("init wrote no %s", p)
		}
	}
	siteYAML, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if !strings.Contains(string(siteYAML), "languages: [en, id, es]") {
		t.Errorf("site.yaml:\n%s", siteYAML)
	}
	if code, _, stderr := runCmd("init", "--lang", "id,Inggris", filepath.Join(t.TempDir(), "x")); code != 1 || !strings.Contains(stderr, `"Inggris" is not a BCP 47 language code`) {
		t.Errorf("bad --lang: exit %d, %s", code, stderr)
	}
}

func TestNewChapter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kursus")
	if code, _, stderr := runCmd("init", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runCmd("new", "chapter", "mulai/harga-jual", "--site", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, lang := range []string{"id", "en"} {
		p := filepath.Join(dir, "content", lang, "mulai", "harga-jual.md")
		if !strings.Contains(stdout, p) {
			t.Errorf("stdout does not name %s:\n%s", p, stdout)
		}
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The starter's two chapters weigh 10 and 20.
		for _, want := range []string{"weight: 30\n", `translationKey: "mulai/harga-jual"`, `title: "Harga jual"`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("%s lacks %q:\n%s", p, want, body)
			}
		}
	}
	if code, _, stderr := runCmd("build", "--site", dir); code != 0 {
		t.Fatalf("the site with a new chapter does not build: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "mulai", "harga-jual", "index.html")); err != nil {
		t.Errorf("the new chapter was not built into the site folder's public/: %v", err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "content", "en", "mulai", "harga-jual.md"))
	os.Remove(filepath.Join(dir, "content", "id", "mulai", "harga-jual.md"))
	if code, _, stderr := runCmd("new", "chapter", "mulai/harga-jual", "--site", dir); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new over an existing chapter: exit %d, %s", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "content", "en", "mulai", "harga-jual.md"))
	if string(before) != string(after) {
		t.Error("new chapter wrote over an existing file")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "id", "mulai", "harga-jual.md")); err == nil {
		t.Error("new chapter wrote the missing language although another one existed")
	}
	for _, bad := range []string{"../luar", "/tmp/luar", "mulai/", "Mulai/x"} {
		if code, _, stderr := runCmd("new", "chapter", bad, "--site", dir); code != 1 || !strings.Contains(stderr, "is not a path") {
			t.Errorf("new chapter %s: exit %d, %s", bad, code, stderr)
		}
	}
	// The starter's section mulai/ has the URL a chapter mulai would.
	if code, _, stderr := runCmd("new", "chapter", "mulai", "--site", dir); code != 1 || !strings.Contains(stderr, "is a section") {
		t.Errorf("new chapter mulai: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "id", "mulai.md")); err == nil {
		t.Error("new chapter wrote a chapter over a section's URL")
	}
	if code, _, _ := runCmd("new", "section", "x", "--site", dir); code != 2 {
		t.Errorf("new section: exit %d, want 2", code)
	}
}

func TestFlagMistakes(t *testing.T) {
	code, _, stderr := runCmd("build", "--bogus")
	if code != 2 || strings.Count(stderr, "-bogus") != 1 {
		t.Errorf("unknown flag: exit %d, reported %d times:\n%s", code, strings.Count(stderr, "-bogus"), stderr)
	}
	code, _, stderr = runCmd("build", "--site", ".", "public2")
	if code != 2 || !strings.Contains(stderr, `unexpected argument "public2"`) {
		t.Errorf("stray argument: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCmd("init"); code != 2 || !strings.Contains(stderr, "missing argument") {
		t.Errorf("init without a folder: exit %d, %s", code, stderr)
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "lentera", Version: "v0.3.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "96a83581ca381660578d897bbab3ba5be9fa7aa0"},
		{Key: "vcs.time", Value: "2026-11-30T12:28:42Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	want := "lentera v0.3.0 (revision 96a83581ca38, 2026-11-30T12:28:42Z, modified) go1.26.8"
	if got := versionLine(info); got != want {
		t.Errorf("versionLine = %q, want %q", got, want)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		if code, stdout, _ := runCmd(args...); code != 0 || !strings.HasPrefix(stdout, "lentera ") {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
}

// A new course builds cleanly and passes check, in every language given.
func TestInitBuildCheck(t *testing.T) {
	root := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", root)
	dir := filepath.Join(root, "kursus")
	if code, stdout, stderr := runCmd("init", dir, "--lang", "id,en"); code != 0 {
		t.Fatalf("init: exit %d: %s%s", code, stdout, stderr)
	}
	// Its address is left for the trainer to fill in, and until then build
	// and check warn about it; with it, they have nothing to say.
	setAddress(t, dir)
	code, stdout, stderr := runCmd("build", "--site", dir)
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr:\n%s", code, stderr)
	}
	trainer := filepath.Join(dir, "public", "trainer", "index.html")
	if !strings.Contains(stdout, trainer) {
		t.Errorf("the build's summary does not say where the trainer edition is:\n%s", stdout)
	}
	for _, p := range []string{"id/mulai/selamat-datang/index.html", "en/mulai/latihan-pertama/index.html", "trainer/id/plan/index.html", "trainer/en/status/index.html", "id/worksheets/persiapan/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p))); err != nil {
			t.Errorf("the starter course has no %s", p)
		}
	}
	code, stdout, stderr = runCmd("check", "--site", dir)
	if code != 0 || !strings.Contains(stdout, "0 errors, 0 warnings") {
		t.Errorf("check: exit %d:\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "not in a Git checkout") {
		t.Errorf("check does not say the course is not in a Git checkout:\n%s", stdout)
	}
}

// The starter course is written in every language it has texts in: each,
// as the default language beside English, builds without a warning, in
// its own words (not a copy of the English), and so does its README.
func TestInitEveryLanguage(t *testing.T) {
	langs := starter.Languages()
	if len(langs) < 8 {
		t.Fatalf("the starter has texts in %v only", langs)
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			if lang == "en" {
				return
			}
			// The English pages beside the language's have the same
			// file names, written in the language: a page equal to its
			// English one is left untranslated.
			texts := initTexts(t, lang+",en")
			prefix := "content/" + lang + "/"
			for p, body := range texts {
				en, ok := strings.CutPrefix(p, prefix)
				if ok && bytes.Equal(body, texts["content/en/"+en]) {
					t.Errorf("%s is the English text", p)
				}
			}
		})
	}
}

// initTexts makes a starter course in langs and builds it, and returns
// its pages, by slash-separated path. (The starter's own test holds each
// language's files against the English ones, README among them.)
func initTexts(t *testing.T, langs string) map[string][]byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kursus")
	if code, stdout, stderr := runCmd("init", dir, "--lang", langs); code != 0 || strings.Contains(stdout, "English text") {
		t.Fatalf("init: exit %d: %s%s", code, stdout, stderr)
	}
	setAddress(t, dir)
	code, _, stderr := runCmd("build", "--site", dir)
	// Search warns of the languages it cannot stem.
	stderr = regexp.MustCompile(`(?m)^warning: search: no stemmer for .*\n`).ReplaceAllString(stderr, "")
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr:\n%s", code, stderr)
	}
	texts := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		body, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		texts[filepath.ToSlash(rel)] = body
		return err
	})
	if err != nil || len(texts) < 8 {
		t.Fatalf("the starter's texts: %d files, %v", len(texts), err)
	}
	return texts
}

// setAddress gives a starter course the address it is published at.
func setAddress(t *testing.T, dir string) {
	t.Helper()
	file := filepath.Join(dir, "site.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "# baseURL:") {
			lines[i], found = "baseURL: https://kursus.lentera.test/", true
		}
	}
	if !found {
		t.Fatalf("the starter site.yaml has no baseURL line to fill in:\n%s", src)
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckExitStatus(t *testing.T) {
	root := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", root)
	dir := filepath.Join(root, "kursus")
	testsite.Write(t, dir, map[string]string{
		"site.yaml":        "title: Uji\nlanguages: [id]\n",
		"content/id/a.md":  "---\ntitle: A\n---\n\n![](k.svg)\n",
		"content/id/k.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	code, stdout, _ := runCmd("check", "--site", dir, "--format", "github")
	want := "::error file=" + filepath.ToSlash(filepath.Join(dir, "content", "id", "a.md")) + ",line=5::image k.svg has no alt text"
	if code != 1 || !strings.HasPrefix(stdout, want) {
		t.Errorf("check: exit %d, want 1 and a line starting %q:\n%s", code, want, stdout)
	}
	if code, _, stderr := runCmd("check", "--format", "xml"); code != 2 || !strings.Contains(stderr, `unknown format "xml"`) {
		t.Errorf("--format xml: exit %d, %s", code, stderr)
	}
}
