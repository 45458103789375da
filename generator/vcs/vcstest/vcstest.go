// Package vcstest makes Git repositories with real commits for tests.
package vcstest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Repo is a Git repository in a temporary folder.
type Repo struct {
	t      *testing.T
	Dir    string
	Hashes map[string]string // commit message to hash
	when   time.Time
}

// New makes an empty repository, skipping the test when git is not
// installed. Commits get dates a minute apart, so their order never
// hangs on the clock.
func New(t *testing.T) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	r := &Repo{t: t, Dir: t.TempDir(), Hashes: map[string]string{}, when: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	r.Git("init", "-q")
	return r
}

// Write writes files without committing them.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, body := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files and commits everything, one day after the previous
// commit, and returns the commit's hash.
func (r *Repo) Commit(msg string, files map[string]string) string {
	r.t.Helper()
	r.Write(files)
	r.when = r.when.Add(24 * time.Hour)
	r.Git("add", "-A")
	r.Git("commit", "-q", "-m", msg)
	r.Hashes[msg] = strings.TrimSpace(r.Git("rev-parse", "HEAD"))
	return r.Hashes[msg]
}

// Git runs git in the repository, with the author, committer and dates of
// its commits and no settings but the repository's own, and returns its
// output.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.Dir}, args...)...)
	date := r.when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=Uji", "GIT_AUTHOR_EMAIL=uji@example.org", "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME=Uji", "GIT_COMMITTER_EMAIL=uji@example.org", "GIT_COMMITTER_DATE="+date,
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}
