package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
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
// are killed with SIGKILL at moments spread over a build's duration. The
// site switches between two versions, A and B, whose whole builds are
// known, so each killed build is compared with both.
func TestKilledBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	chapters := 100
	if testing.Short() {
		chapters = 30
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "lentera")
	if out, err := exec.Command(goTool(), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site, out := filepath.Join(dir, "kursus"), filepath.Join(dir, "public")
	files := testsite.Course(chapters)
	testsite.Write(t, site, files)
	chapter := "content/id/s00/c000.md"
	versions := [2]string{files[chapter], files[chapter] + "\nVersion B.\n"}
	use := func(v int) { testsite.WriteFile(t, site, chapter, []byte(versions[v])) }
	build := func() *exec.Cmd { return exec.Command(bin, "build", "--site", site, "--out", out) }

	var whole [2]map[string][32]byte
	var took time.Duration
	for v := range whole {
		use(v)
		start := time.Now()
		if b, err := build().CombinedOutput(); err != nil {
			t.Fatalf("build of version %d: %v\n%s", v, err, b)
		}
		took = max(took, time.Since(start))
		whole[v] = testsite.Hashes(t, out)
	}
	if maps.Equal(whole[0], whole[1]) {
		t.Fatal("versions A and B build the same output")
	}
	t.Logf("%d chapters per language: a build takes %s", chapters, took.Round(time.Millisecond))

	current, inSite := 1, 1 // the versions in the output folder and the site
	var kept, replaced, leftovers int
	for i := range kills {
		next := 1 - current
		use(next)
		inSite = next
		// From a fifth of a build's time to a fifth past it, so the
		// writing, the exchange and the removal of the old build are all
		// hit.
		at := took/5 + took*time.Duration(i)/(kills-1)
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		leftovers += len(withoutKept(beside(t, dir))) - 2
		switch got := testsite.Hashes(t, out); {
		case maps.Equal(got, whole[current]):
			kept++
		case maps.Equal(got, whole[next]):
			replaced++
			current = next
		default:
			t.Fatalf("killed %s after its start, a build left an output that is neither the old build (%d files) nor the new (%d files), but %d files; not as in the old: %v; not as in the new: %v",
				at.Round(time.Millisecond), len(whole[current]), len(whole[next]), len(got), differ(got, whole[current]), differ(got, whole[next]))
		}
	}
	t.Logf("after %d kills the output was the old build %d times and the new one %d times; %d temporary folders were left", kills, kept, replaced, leftovers)

	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills: %v\n%s", err, b)
	}
	// The build before it may stay, kept for the next build to start from.
	if got := beside(t, dir); !slices.Equal(withoutKept(got), []string{"kursus", "public"}) || len(got) > 3 {
		t.Errorf("after the next build, beside the output: %v", got)
	}
	if !maps.Equal(testsite.Hashes(t, out), whole[inSite]) {
		t.Error("the build after the kills is not a whole build")
	}
}

// differ lists, sorted, the paths where got and want differ (a missing
// file counts), at most five: what a failure shows of a mixed output.
func differ(got, want map[string][32]byte) []string {
	var out []string
	for _, m := range []map[string][32]byte{got, want} {
		for p := range m {
			g, inGot := got[p]
			w, inWant := want[p]
			if (inGot != inWant || g != w) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out[:min(len(out), 5)]
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

// withoutKept leaves out of names the folder of the kept build.
func withoutKept(names []string) []string {
	return slices.DeleteFunc(slices.Clone(names), func(n string) bool { return strings.HasPrefix(n, ".public.kept-") })
}
