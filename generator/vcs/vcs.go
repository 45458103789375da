// Package vcs reads the Git history of a site's files: which commits
// changed each file, newest first. One git log run reads the whole history
// of the site folder; nothing runs per file.
package vcs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNoHistory is returned, wrapped with the reason, when the site folder
// is not in a Git checkout or git is not installed: history-based checks
// are then skipped, and dates come from the files' modification times.
var ErrNoHistory = errors.New("no Git history")

// Commit is one commit that changed files of the site.
type Commit struct {
	Hash string
	Time time.Time // the committer's date
	Seq  int       // place in the history: 0 is the newest
}

// Short is the abbreviated hash people copy: 12 hex digits.
func (c Commit) Short() string {
	if len(c.Hash) > 12 {
		return c.Hash[:12]
	}
	return c.Hash
}

// History is the commits of a folder and, for each file in it, the ones
// that changed it. A nil *History has no commits, so callers need not
// check for one.
type History struct {
	commits []Commit
	files   map[string][]int // path relative to the folder: indexes into commits, newest first
	gitDir  string           // the checkout's Git folder
	stamps  checkoutStamps   // of gitDir when the history was read
}

// checkoutStamps are the size and modification time of the files that
// change when the history does: the reflog of HEAD, which every commit,
// checkout and reset appends to, and the list of shallow commits, which a
// deepening fetch rewrites without moving HEAD.
type checkoutStamps struct {
	headLog, shallow fileStamp
}

type fileStamp struct {
	size    int64
	modTime int64 // Unix nanoseconds
}

func stampOf(path string) (fileStamp, bool) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	return fileStamp{info.Size(), info.ModTime().UnixNano()}, true
}

// stampsOf stamps the Git folder dir; ok is false without a reflog of
// HEAD, where a move of HEAD cannot be seen.
func stampsOf(dir string) (st checkoutStamps, ok bool) {
	st.headLog, ok = stampOf(filepath.Join(dir, "logs", "HEAD"))
	st.shallow, _ = stampOf(filepath.Join(dir, "shallow"))
	return st, ok
}

// Current reports whether the history is still the checkout's: HEAD has
// not moved since it was read. A rebuild then skips running git again, and
// so does a build that finds it in the build cache.
func (h *History) Current() bool {
	if h == nil || h.gitDir == "" {
		return false
	}
	now, ok := stampsOf(h.gitDir)
	return ok && now == h.stamps
}

// Load reads the history of everything under dir. The paths it knows are
// relative to dir, with forward slashes. It runs git twice: once to find
// the checkout (for Current), once for the whole log.
func Load(ctx context.Context, dir string) (*History, error) {
	if dir == "" {
		dir = "."
	}
	gitDir, stamps := findGitDir(ctx, dir)
	cmd := gitCommand(ctx, dir, "log", "--relative", "--name-only", "-z",
		"--no-renames", "--no-show-signature", "--no-ext-diff", "--no-textconv", "--format=%x1e%H%x1f%ct", "--", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		switch {
		case errors.Is(err, exec.ErrNotFound):
			return nil, fmt.Errorf("%w: git is not installed", ErrNoHistory)
		case errors.As(err, &exit) && strings.Contains(stderr.String(), "not a git repository"):
			return nil, fmt.Errorf("%w: %s is not in a Git checkout", ErrNoHistory, dir)
		case errors.As(err, &exit) && strings.Contains(stderr.String(), "does not have any commits"):
			return &History{files: map[string][]int{}}, nil
		}
		return nil, fmt.Errorf("%w: git log in %s: %v: %s", ErrNoHistory, dir, err, strings.TrimSpace(stderr.String()))
	}
	h, err := parse(out)
	if err != nil {
		return nil, err
	}
	h.gitDir, h.stamps = gitDir, stamps
	return h, nil
}

// gitCommand runs git in dir, whose settings may be anyone's: a course
// is shared as a folder, .git and all, and built where it lands. The
// repository's settings can name programs that git runs: gpg.program
// for every signed commit git log shows with log.showSignature, a file
// system monitor, external diff and text conversion programs, and any
// command as the transport of a fetch, which a partial clone makes when
// git log needs what it lacks. Settings on the command line come before
// the repository's, and GIT_ALLOW_PROTOCOL, set to no protocol, before
// every protocol setting; the flags of git log keep the rest off.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	safe := []string{"-C", dir, "-c", "log.showSignature=false", "-c", "core.fsmonitor=false"}
	cmd := exec.CommandContext(ctx, "git", append(safe, args...)...)
	cmd.Env = append(os.Environ(), "GIT_ALLOW_PROTOCOL=none", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	return cmd
}

// findGitDir finds the checkout's Git folder, for Current, and stamps it
// before git log runs: a commit made meanwhile then makes the next build
// read the history again rather than go unseen. It is "" where HEAD's
// moves cannot be seen.
func findGitDir(ctx context.Context, dir string) (string, checkoutStamps) {
	out, err := gitCommand(ctx, dir, "rev-parse", "--absolute-git-dir").Output()
	if err != nil {
		return "", checkoutStamps{}
	}
	gitDir := strings.TrimSpace(string(out))
	st, ok := stampsOf(gitDir)
	if !ok {
		return "", checkoutStamps{}
	}
	return gitDir, st
}

// parse reads git log's output: per commit, "\x1e<hash>\x1f<unix time>",
// then the paths it changed, each ended by NUL.
func parse(out []byte) (*History, error) {
	h := &History{files: map[string][]int{}}
	for _, rec := range bytes.Split(out, []byte{0x1e}) {
		if len(rec) == 0 {
			continue
		}
		head, paths, _ := bytes.Cut(rec, []byte{0})
		hash, unix, ok := strings.Cut(string(head), "\x1f")
		secs, err := strconv.ParseInt(strings.TrimSpace(unix), 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("%w: cannot read git log's line %q", ErrNoHistory, head)
		}
		i := len(h.commits)
		h.commits = append(h.commits, Commit{Hash: hash, Time: time.Unix(secs, 0).UTC(), Seq: i})
		for _, p := range bytes.Split(paths, []byte{0}) {
			// The first path follows the header's line break.
			if p := strings.TrimPrefix(string(p), "\n"); p != "" {
				h.files[p] = append(h.files[p], i)
			}
		}
	}
	return h, nil
}

// Log lists the commits that changed path, newest first.
func (h *History) Log(path string) []Commit {
	if h == nil {
		return nil
	}
	idx := h.files[path]
	out := make([]Commit, len(idx))
	for i, c := range idx {
		out[i] = h.commits[c]
	}
	return out
}

// Last is the newest commit that changed path.
func (h *History) Last(path string) (Commit, bool) {
	if h == nil || len(h.files[path]) == 0 {
		return Commit{}, false
	}
	return h.commits[h.files[path][0]], true
}

// Find looks a commit up by its hash or a prefix of at least 7 hex digits,
// among the commits that changed the folder.
func (h *History) Find(prefix string) (Commit, bool) {
	if h == nil || len(prefix) < 7 {
		return Commit{}, false
	}
	for _, c := range h.commits {
		if strings.HasPrefix(c.Hash, strings.ToLower(prefix)) {
			return c, true
		}
	}
	return Commit{}, false
}

// Since lists the commits that changed path after commit base, oldest
// first.
func (h *History) Since(path string, base Commit) []Commit {
	var out []Commit
	for _, c := range h.Log(path) {
		if c.Seq < base.Seq {
			out = append([]Commit{c}, out...)
		}
	}
	return out
}
