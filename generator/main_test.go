package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// The command's contract for bad input: every problem as path:line on its
// own line, exit status 1, and the previous output left as it was.
func TestBuildCommandErrors(t *testing.T) {
	dir := t.TempDir()
	siteDir, out := filepath.Join(dir, "kursus"), filepath.Join(dir, "public")
	testsite.Write(t, siteDir, map[string]string{
		"site.yaml":          "title: Uji\nlanguages: [id]\n",
		"content/id/a.md":    "---\ntitle: A\n---\nIsi.\n",
		"content/data/c.yml": "kind: checklist\ntitle: C\nitems: [{text: x}]\n",
	})
	if code, stdout, stderr := runCmd("build", "--site", siteDir, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "id", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	testsite.Write(t, siteDir, map[string]string{
		"content/id/a.md": "---\ntitle: A\nwieght: 2\n---\nIsi.\n\n::checklist{src=\"hilang\"}\n",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.md"), filepath.Join(siteDir, "content", "id", "b.md")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("build", "--site", siteDir, "--out", out)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{
		filepath.Join(siteDir, "content", "id", "a.md") + `:3:1: unknown key "wieght" in front matter`,
		filepath.Join(siteDir, "content", "id", "b.md") + ": is a symbolic link",
		"build failed with 2 errors; " + out + " was left as it was",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after, err := os.ReadFile(filepath.Join(out, "id", "a", "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("a failed build changed %s", out)
	}
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runCmd("frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %s", code, stderr)
	}
	if code, stdout, _ := runCmd("help"); code != 0 || !strings.Contains(stdout, "build") {
		t.Errorf("help: exit %d, %s", code, stdout)
	}
	if code, _, _ := runCmd("build", "-h"); code != 0 {
		t.Errorf("build -h: exit %d", code)
	}
}
