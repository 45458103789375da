package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"lentera/generator/internal/testsite"
)

// kills is how many times TestKilledBuild kills a build.
const kills = 20

// A build killed at any moment leaves the output folder whole, the previous
// build or the new one, never a mix or nothing; the next build leaves no
// temporary folder behind. Builds run as processes of the real command, and
// are killed with SIGKILL at moments spread over a build's duration.
func TestKilledBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	chapters := 150
	if testing.Short() {
		chapters = 40
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "lentera")
	if out, err := exec.Command(goTool(), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site, out := filepath.Join(dir, "kursus"), filepath.Join(dir, "public")
	files := testsite.Course(chapters)
	testsite.Write(t, site, files)
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "--site", site, "--out", out)
	}

	start := time.Now()
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	took := time.Since(start)
	t.Logf("%d chapters per language: a build takes %s", chapters, took.Round(time.Millisecond))

	var sawOld, sawNew, leftovers int
	for i := range kills {
		old := outputManifest(t, out)
		// Each round changes a chapter, so the old and the new build differ.
		chapter := "content/id/s00/c000.md"
		testsite.WriteFile(t, site, chapter, fmt.Appendf(nil, "%s\nRound %d.\n", files[chapter], i))

		// From a fifth of the last build's time to a fifth past it, so
		// the writing, the exchange and the removal of the old build are
		// all hit.
		at := took/5 + took*time.Duration(i)/(kills-1)
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		killed := outputManifest(t, out)
		leftovers += len(beside(t, dir)) - 2

		start := time.Now()
		if b, err := build().CombinedOutput(); err != nil {
			t.Fatalf("round %d: the build after the kill: %v\n%s", i, err, b)
		}
		took = time.Since(start)
		next := outputManifest(t, out)
		if got := beside(t, dir); !slices.Equal(got, []string{"kursus", "public"}) {
			t.Errorf("round %d: after the next build, beside the output: %v", i, got)
		}
		switch {
		case equalManifest(killed, old):
			sawOld++
		case equalManifest(killed, next):
			sawNew++
		default:
			t.Errorf("round %d: killed %s after the start, the output is neither the old build (%d files) nor the new (%d files), but %d files",
				i, at.Round(time.Millisecond), len(old), len(next), len(killed))
		}
	}
	t.Logf("after %d kills the output was the old build %d times and the new one %d times; %d temporary folders were left for the next build to remove", kills, sawOld, sawNew, leftovers)
}

// goTool is the go command that runs this test.
func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// outputManifest maps every path under dir to a hash of its content; a
// folder missing altogether has no paths.
func outputManifest(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return m
	}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatalf("reading the output: %v", err)
	}
	return m
}

func equalManifest(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, sum := range a {
		if s, ok := b[p]; !ok || s != sum {
			return false
		}
	}
	return true
}

// beside lists the names in dir.
func beside(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "lentera" {
			names = append(names, e.Name())
		}
	}
	return names
}
