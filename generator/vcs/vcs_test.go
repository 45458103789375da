package vcs

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"lentera/generator/vcs/vcstest"
)

func TestHistory(t *testing.T) {
	repo := vcstest.New(t)
	site := filepath.Join(repo.Dir, "kursus")
	repo.Commit("one", map[string]string{"kursus/content/id/a.md": "a1", "kursus/content/en/a.md": "a1", "elsewhere.txt": "x"})
	repo.Commit("two", map[string]string{"kursus/content/id/a.md": "a2"})
	repo.Commit("three", map[string]string{"kursus/content/id/a b.md": "spaced", "kursus/content/id/ c.md": "leading space", "elsewhere.txt": "y"})
	repo.Commit("four", map[string]string{"kursus/content/id/a.md": "a3"})
	h, err := Load(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(h.Log("content/id/a.md")); got != 3 {
		t.Errorf("a.md has %d commits, want 3", got)
	}
	if _, ok := h.Last("elsewhere.txt"); ok {
		t.Error("a file outside the site folder is in its history")
	}
	for _, p := range []string{"content/id/a b.md", "content/id/ c.md"} {
		if _, ok := h.Last(p); !ok {
			t.Errorf("path %q is missing", p)
		}
	}
	base, _ := h.Last("content/en/a.md")
	since := h.Since("content/id/a.md", base)
	if len(since) != 2 || since[0].Hash != repo.Hashes["two"] || since[1].Hash != repo.Hashes["four"] {
		t.Errorf("Since = %v, want the commits two then four (%v)", since, repo.Hashes)
	}
	if !h.Current() {
		t.Error("a history just read is not current")
	}
	if c, ok := h.Find(repo.Hashes["two"][:9]); !ok || c.Hash != repo.Hashes["two"] {
		t.Errorf("Find by prefix: %v %v", c, ok)
	}
	if _, ok := h.Find(repo.Hashes["two"][:4]); ok {
		t.Error("Find accepts a 4-digit prefix")
	}
	repo.Write(map[string]string{"kursus/content/id/a.md": "a4"})
	if !h.Current() {
		t.Error("an edit without a commit made the history out of date")
	}
	repo.Commit("five", nil)
	if h.Current() {
		t.Error("the history is current after a commit")
	}
}

func TestNotACheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := Load(context.Background(), dir)
	if !errors.Is(err, ErrNoHistory) || h != nil {
		t.Fatalf("Load outside Git = %v, %v; want ErrNoHistory", h, err)
	}
	var none *History
	if _, ok := none.Last("x"); ok || none.Log("x") != nil {
		t.Error("a nil History has commits")
	}
}

// A site folder may be anyone's (a course shared as a zip, .git and
// all): its Git settings must not make a build run a program. With
// log.showSignature set, git log runs gpg.program for a signed commit.
func TestRepositorySettingsRunNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in programs are shell scripts")
	}
	repo := vcstest.New(t)
	dir := t.TempDir()
	program := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	marker := filepath.Join(dir, "ran")
	signer := program("sign", `cat >/dev/null; echo "[GNUPG:] SIG_CREATED D 1 8 00 1 X" >&2; printf -- '-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n'`)
	evil := program("evil", "echo ran >> "+marker)
	repo.Commit("one", map[string]string{"content/id/a.md": "a1"})
	repo.Write(map[string]string{"content/id/a.md": "a2"})
	repo.Git("add", "-A")
	repo.Git("-c", "gpg.program="+signer, "-c", "user.signingkey=X", "commit", "-q", "-S", "-m", "signed")
	for key, value := range map[string]string{"log.showSignature": "true", "gpg.program": evil, "core.fsmonitor": evil, "diff.external": evil, "core.pager": evil} {
		repo.Git("config", key, value)
	}
	h, err := Load(context.Background(), repo.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(h.Log("content/id/a.md")); got != 2 {
		t.Errorf("%d commits of a.md, want 2", got)
	}
	if ran, err := os.ReadFile(marker); err == nil {
		t.Errorf("the repository's settings ran a program %d times", strings.Count(string(ran), "ran"))
	}
}

// A partial clone fetches what git log needs and lacks from its remote,
// whose address the repository's settings give: ext:: runs any command.
// The history is then unknown; nothing runs.
func TestPartialCloneFetchesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sh runs the command")
	}
	src := vcstest.New(t)
	src.Commit("one", map[string]string{"content/id/a.md": "a1"})
	src.Commit("two", map[string]string{"content/id/a.md": "a2"})
	src.Git("config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "clone")
	src.Git("clone", "-q", "--no-local", "--filter=tree:0", "file://"+filepath.ToSlash(src.Dir), clone)
	marker := filepath.Join(t.TempDir(), "ran")
	for key, value := range map[string]string{"remote.origin.url": "ext::sh -c touch% " + marker, "protocol.ext.allow": "always"} {
		src.Git("-C", clone, "config", key, value)
	}
	if _, err := Load(context.Background(), clone); !errors.Is(err, ErrNoHistory) {
		t.Errorf("got %v, want no history", err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the remote's command ran")
	}
}
