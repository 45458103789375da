package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/testsite"
)

// Every command that writes an output folder refuses one that would replace
// the site, a part of it, or someone else's files: exit status 1, a message
// naming the folder and saying what to do, and not a byte changed.
func TestOutputFolderGuard(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "kursus")
	testsite.Write(t, dir, map[string]string{
		"kursus/site.yaml":        "title: Uji\nlanguages: [id]\n",
		"kursus/content/id/a.md":  "---\ntitle: A\n---\nIsi.\n",
		"kursus/assets/css/x.css": "p{}",
		"tesis/bab1.tex":          "years of work",
	})
	if err := os.Symlink(site, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{{"build"}, {"serve", "--port", "0"}}
	if _, err := browser.Path(); err == nil {
		commands = append(commands, []string{"pdf"})
	}
	for _, c := range []struct{ out, want string }{
		{site, "is the site folder"},
		{filepath.Join(dir, "link"), "is the site folder"},
		{site + string(filepath.Separator) + "content" + string(filepath.Separator) + "..", "is the site folder"},
		{dir, "holds the site folder"},
		{filepath.Join(site, "content", "id", "out"), "is inside the site's content/ folder"},
		{filepath.Join(site, "assets"), "is inside the site's assets/ folder"},
		{filepath.Join(dir, "tesis"), "is not empty and was not made by lentera"},
	} {
		for _, cmd := range commands {
			before := outputTree(t, dir)
			args := append(append([]string{}, cmd...), "--site", site, "--out", c.out)
			code, _, stderr := runCmd(args...)
			if code != 1 {
				t.Errorf("%s: exit status %d, want 1", strings.Join(args, " "), code)
			}
			if want := "the output folder " + c.out + " " + c.want; !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", strings.Join(args, " "), want, stderr)
			}
			if !strings.Contains(stderr, "choose") {
				t.Errorf("%s: the message does not say what to do:\n%s", strings.Join(args, " "), stderr)
			}
			if after := outputTree(t, dir); !bytes.Equal(before, after) {
				t.Errorf("%s changed files", strings.Join(args, " "))
			}
		}
	}
}

// A folder the build made, or an empty one, is replaced; so is one that an
// earlier build made after files were added to it, which the marker file
// explains.
func TestOutputFolderReplacedWhenOurs(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "kursus")
	testsite.Write(t, site, map[string]string{
		"site.yaml":       "title: Uji\nlanguages: [id]\n",
		"content/id/a.md": "---\ntitle: A\n---\nIsi.\n",
	})
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(dir, "empty")} {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if code, _, stderr := runCmd("build", "--site", site, "--out", out); code != 0 {
				t.Fatalf("--out %s: exit %d: %s", out, code, stderr)
			}
		}
		testsite.WriteFile(t, out, "added.txt", []byte("lost at the next build"))
		if code, _, stderr := runCmd("build", "--site", site, "--out", out); code != 0 {
			t.Fatalf("--out %s: exit %d: %s", out, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "added.txt")); err == nil {
			t.Errorf("%s/added.txt survived the build", out)
		}
		if _, err := os.Stat(filepath.Join(out, ".lentera-output")); err != nil {
			t.Errorf("no marker: %v", err)
		}
	}
}

// A site that comes with its output folder as a symbolic link is not
// built into the folder the link leads to: a stranger's pull request could
// point it at another site's output, which the build would replace. Given
// with --out, the same path is the caller's to choose.
func TestDefaultOutputLinkRefused(t *testing.T) {
	dir := t.TempDir()
	site, victim := filepath.Join(dir, "kursus"), filepath.Join(dir, "other", "public")
	testsite.Write(t, site, goodSite)
	if code, _, stderr := runCmd("build", "--site", site, "--out", victim); code != 0 {
		t.Fatalf("the good site fails: %s", stderr)
	}
	symlink(t, victim, filepath.Join(site, "public"))
	before := testsite.Hashes(t, filepath.Join(dir, "other"))
	code, _, stderr := runCmd("build", "--site", site)
	if want := "public is a symbolic link (to " + victim + ")"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 1 and %q:\n%s", code, want, stderr)
	}
	if !maps.Equal(before, testsite.Hashes(t, filepath.Join(dir, "other"))) {
		t.Error("the build changed the folder the link leads to")
	}
	if code, _, stderr := runCmd("build", "--site", site, "--out", filepath.Join(site, "public")); code != 0 {
		t.Errorf("with --out, the link is the caller's: exit %d\n%s", code, stderr)
	}
}
