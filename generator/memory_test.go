package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// A layout that keeps what it makes, each call within its bounds, would
// take the machine's memory: here, 64 MB more at each of 10,000 turns. The
// build stops it at limits.memory and says which layout. It runs as a
// process of its own, whose memory the system caps at 3 GB, so that a
// build that fails to stop it fails the test, not the machine.
func TestLayoutThatKeepsMemoryStops(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memory cap is set with the shell's ulimit")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "lentera")
	if out, err := exec.Command(goTool(), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "kursus")
	testsite.Write(t, site, map[string]string{
		"site.yaml":       "title: Uji\nlanguages: [id]\nlimits: {memory: 512MB}\n",
		"content/id/a.md": "---\ntitle: A\n---\nTeks.\n",
		"layouts/chapter.html": `{{define "main"}}{{$s := "xxxxxxxx"}}{{range seq 23}}{{$s = print $s $s}}{{end}}` +
			`{{$d := dict}}{{range seq 10000}}{{$d = dict "s" (print $s) "n" $d}}{{end}}{{end}}`,
	})
	cmd := exec.Command("sh", "-c", `ulimit -v 3000000 && exec "$0" build --site "$1" --out "$2"`, bin, site, filepath.Join(dir, "public"))
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit status %d (%v), want 1:\n%.2000s", code, err, out)
	}
	want := filepath.Join(site, "layouts", "chapter.html") + ": /id/a/: the program's memory passed 512MB as the page's layouts ran: a layout keeps what it makes without end"
	if !strings.Contains(string(out), want) {
		t.Errorf("output\n%s\nlacks %q", out, want)
	}
}
