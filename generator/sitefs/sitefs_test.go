package sitefs

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// A site without links or special files reads like any file system.
func TestIsAFileSystem(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"site.yaml":            "title: T\n",
		"content/en/a.md":      "---\ntitle: A\n---\n",
		"content/en/fig/x.png": "png",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if err := fstest.TestFS(fsys, "site.yaml", "content/en/a.md", "content/en/fig/x.png"); err != nil {
		t.Fatal(err)
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	write := func(name, body string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/en/a.md", "a")
	write("big.md", strings.Repeat("x", 2048))
	write("big.bin", strings.Repeat("x", 2048))
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"out.txt":         filepath.Join(dir, "secret.txt"),
		"up.txt":          "../secret.txt",
		"in.md":           "content/en/a.md",
		"zero.txt":        "/dev/zero",
		"content/linked":  "en",
		"content/outside": dir,
	} {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	fsys.SetLimits(Limits{Text: 1024, File: 4096})

	for _, tt := range []struct{ name, want string }{
		{"out.txt", "out.txt: is a symbolic link to " + filepath.Join(dir, "secret.txt") + " (outside the site folder)"},
		{"up.txt", "up.txt: is a symbolic link to ../secret.txt (outside the site folder)"},
		{"in.md", "in.md: is a symbolic link to content/en/a.md (inside the site)"},
		{"zero.txt", "zero.txt: is a symbolic link to /dev/zero (outside the site folder)"},
		{"content/linked/a.md", "content/linked: is a symbolic link to en (inside the site)"},
		{"content/outside/secret.txt", "content/outside: is a symbolic link to " + dir + " (outside the site folder)"},
		{"big.md", "big.md: is 2KB, over the limit of 1KB for text files; if it belongs in the site, raise limits.textFile in site.yaml"},
		{"../secret.txt", "invalid argument"},
	} {
		_, err := fs.ReadFile(fsys, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadFile(%s) = %v, want %q", tt.name, err, tt.want)
		}
		if _, err := fsys.Open(tt.name); err == nil {
			t.Errorf("Open(%s) succeeded", tt.name)
		}
	}
	if _, err := fs.ReadDir(fsys, "content/linked"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("ReadDir through a link: %v", err)
	}
	if body, err := fs.ReadFile(fsys, "big.bin"); err != nil || len(body) != 2048 {
		t.Errorf("big.bin under the file limit: %d bytes, %v", len(body), err)
	}
}

// A file that grows after it was opened stops at the limit.
func TestGrowingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("small"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	fsys.SetLimits(Limits{Text: 100})
	f, err := fsys.Open("a.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(f)
	if err == nil || !strings.Contains(err.Error(), "over the limit of 100 bytes") || len(body) > 100 {
		t.Errorf("read %d bytes, %v", len(body), err)
	}
}

func TestFIFO(t *testing.T) {
	fsys := New(fstest.MapFS{"p.md": {Mode: fs.ModeNamedPipe}, "s.md": {Mode: fs.ModeSocket}, "d.md": {Mode: fs.ModeDevice | fs.ModeCharDevice}})
	for name, want := range map[string]string{"p.md": "a named pipe (FIFO)", "s.md": "a socket", "d.md": "a character device"} {
		if _, err := fs.ReadFile(fsys, name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
}

func TestSizes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"16MB", 16 << 20}, {"512 kb", 512 << 10}, {"1GB", 1 << 30}, {"100", 100}, {"100B", 100}} {
		got, err := ParseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
		if back, err := ParseSize(FormatSize(got)); err != nil || back != got {
			t.Errorf("FormatSize(%d) = %q does not read back", got, FormatSize(got))
		}
	}
	for _, bad := range []string{"", "lots", "16.5MB", "-1MB", "0", "2000TB", "16 MiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) succeeded", bad)
		}
	}
}

// Folders are checked once until Refresh: a folder replaced by a link
// after that is refused.
func TestFolderReplacedByLink(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	for _, d := range []string{filepath.Join(site, "content", "en"), filepath.Join(dir, "elsewhere")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "a.md"), []byte("a"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if _, err := fs.ReadFile(fsys, "content/en/a.md"); err != nil {
		t.Fatal(err)
	}
	en := filepath.Join(site, "content", "en")
	if err := os.RemoveAll(en); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), en); err != nil {
		t.Fatal(err)
	}
	fsys.Refresh()
	if _, err := fs.ReadFile(fsys, "content/en/a.md"); err == nil || !strings.Contains(err.Error(), "content/en: is a symbolic link") {
		t.Errorf("read through a folder replaced by a link: %v", err)
	}
}

// Past the folders it holds open, reads go through the site's root and
// still find every file; Refresh lets go of every folder.
func TestManyFolders(t *testing.T) {
	site := t.TempDir()
	n := maxRoots + 50
	for i := range n {
		d := filepath.Join(site, "content", fmt.Sprintf("d%03d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "a.md"), []byte(fmt.Sprint(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	for i := range n {
		b, err := fs.ReadFile(fsys, fmt.Sprintf("content/d%03d/a.md", i))
		if err != nil || string(b) != fmt.Sprint(i) {
			t.Fatalf("folder %d: %q, %v", i, b, err)
		}
	}
	if open := fsys.open.Load(); open != maxRoots {
		t.Errorf("%d folders held open, want %d", open, maxRoots)
	}
	fsys.Refresh()
	if open := fsys.open.Load(); open != 0 {
		t.Errorf("%d folders held open after Refresh", open)
	}
}

// A folder lists its entries in order of name, each with its type as the
// file system says, a link as a link, and with the information of the
// entry itself (never of a file elsewhere of the same name).
func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Join(site, "content", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"content/b.md": "bee", "content/a.md": "a", ".hidden": "x"} {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(site, "content", "c.md")); err != nil {
		t.Skipf("no links here: %v", err)
	}
	// A file of the same path outside the site, where a lookup relative to
	// the working folder would land.
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "b.md"), []byte("elsewhere, longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	entries, err := fsys.ReadDir("content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		got = append(got, fmt.Sprintf("%s %v %d", e.Name(), e.Type(), info.Size()))
		if info.Mode().Type() != e.Type() {
			t.Errorf("%s: listed as %v, its information says %v", e.Name(), e.Type(), info.Mode().Type())
		}
	}
	want := []string{"a.md ---------- 1", "b.md ---------- 3", "c.md L--------- 4", "sub d--------- " + fmt.Sprint(mustSize(t, filepath.Join(site, "content", "sub")))}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("listed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if top, err := fsys.ReadDir("."); err != nil || len(top) != 1 || top[0].Name() != "content" {
		t.Errorf("the site's folder lists %v (%v), want content alone", top, err)
	}
}

func mustSize(t *testing.T, p string) int64 {
	t.Helper()
	info, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}
