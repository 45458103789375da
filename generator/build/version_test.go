package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The build ID read is the one the go command reports for the running
// test binary, which the go command linked as it links lentera.
func TestGoBuildID(t *testing.T) {
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to compare with")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gotool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	f, err := openExecutable()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, ok := goBuildID(f)
	if want := strings.TrimSpace(string(out)); !ok || id != want {
		t.Errorf("build ID %q (found %v), go tool buildid says %q", id, ok, want)
	}
}

// Executables for other systems keep the ID as a marked string near their
// start: the one read from a small program built for each is the one the
// go command reports.
func TestGoBuildIDOtherSystems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program for each system")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"darwin/arm64", "windows/amd64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		exe := filepath.Join(dir, goos+"-"+goarch)
		build := exec.Command(gotool, "build", "-o", exe, src)
		build.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("%s: go build: %v\n%s", target, err, out)
		}
		out, err := exec.Command(gotool, "tool", "buildid", exe).Output()
		if err != nil {
			t.Fatalf("%s: go tool buildid: %v", target, err)
		}
		f, err := os.Open(exe)
		if err != nil {
			t.Fatal(err)
		}
		id, ok := goBuildID(f)
		f.Close()
		if want := strings.TrimSpace(string(out)); !ok || id != want {
			t.Errorf("%s: build ID %q (found %v), go tool buildid says %q", target, id, ok, want)
		}
	}
}

// Outside ELF the ID is a marked string near the start of the file; one
// set by hand, without the go command's hashes, stands for nothing.
func TestGoBuildIDMarked(t *testing.T) {
	id := "AAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBB/CCCCCCCCCCCCCCCCCCCC/DDDDDDDDDDDDDDDDDDDD"
	for _, c := range []struct {
		name string
		file string
		want string
	}{
		{"marked", "MZ\x00\x00text\xff Go build ID: \"" + id + "\"\n \xff more", id},
		{"set by hand", "\xff Go build ID: \"v1.2\"\n \xff", ""},
		{"unmarked", "MZ plain bytes", ""},
		{"not closed", "\xff Go build ID: \"" + id, ""},
		{"beyond 32 KB", strings.Repeat("x", 32<<10) + "\xff Go build ID: \"" + id + "\"\n \xff", ""},
	} {
		got, ok := goBuildID(bytes.NewReader([]byte(c.file)))
		if ok != (c.want != "") || (ok && got != c.want) {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}
