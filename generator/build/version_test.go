package build

import (
	"bytes"
	"os"
	"os/exec"
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
