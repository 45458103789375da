//go:build linux

package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lentera/generator/sitefs"
)

// A loader given the stamps of an earlier run takes a page file whose
// stamp is unchanged without reading it, and reads it when asked. A file
// written since is read again, even at the same size with its
// modification time set back; a file written just before it was read
// gets no stamp, since a second write in the same tick would not show.
func TestStampedFilesNotRead(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the files to settle")
	}
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":            "title: Kursus\nlanguages: [id]\n",
		"content/id/_index.md": "---\ntitle: Beranda\n---\nSelamat datang.\n",
		"content/id/satu.md":   "---\ntitle: Satu\n---\nTeks satu.\n",
		"content/id/dua.md":    "---\ntitle: Dua\n---\nTeks dua.\n",
	}
	for name, text := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Each page a modification time of its own, which its page carries,
	// read or not: the page's date is taken from it.
	written := map[string]time.Time{}
	for i, name := range []string{"content/id/_index.md", "content/id/satu.md", "content/id/dua.md"} {
		written[name] = time.Date(2025, 7, 1+i, 9, 0, 0, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), written[name], written[name]); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(SettleTime + 100*time.Millisecond)
	fsys, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()

	var first Loader
	first.Stamp(nil)
	loaded, err := first.Load(fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range written {
		if got := loaded.PageOf(name).Modified; !got.Equal(want) {
			t.Errorf("%s read: modified %v, want %v", name, got, want)
		}
	}
	stamps := first.Stamps()
	if len(stamps) != 3 {
		t.Fatalf("%d files stamped, want the 3 pages: %v", len(stamps), stamps)
	}

	// dua.md is written again: same length, same modification time.
	dua := filepath.Join(dir, "content", "id", "dua.md")
	info, err := os.Stat(dua)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dua, []byte("---\ntitle: Dua\n---\nTeks DUA.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dua, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	var next Loader
	next.Remember(first.FrontMatters())
	next.Stamp(stamps)
	s, err := next.Load(fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"content/id/_index.md", "content/id/satu.md"} {
		p := s.PageOf(file)
		if !p.Unread || p.Source != nil || p.Meta.Title == "" {
			t.Errorf("%s: unread %v, %d bytes, title %q; want it taken unread with its front matter", file, p.Unread, len(p.Source), p.Meta.Title)
		}
		if !p.Modified.Equal(written[file]) {
			t.Errorf("%s taken unread: modified %v, want %v", file, p.Modified, written[file])
		}
		if err := next.ReadSource(fsys, p); err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(p.Source)) != strings.TrimSpace(files[file][strings.LastIndex(files[file], "---\n")+4:]) || p.Unread {
			t.Errorf("%s: read %q after ReadSource", file, p.Source)
		}
	}
	if p := s.PageOf("content/id/dua.md"); p.Unread || !strings.Contains(string(p.Source), "Teks DUA.") {
		t.Errorf("dua.md, written since it was stamped, was not read again: %q", p.Source)
	}
	if _, ok := next.Stamps()["content/id/dua.md"]; ok {
		t.Errorf("dua.md, read right after it was written, has a stamp")
	}
	if len(next.Stamps()) != 2 {
		t.Errorf("%d stamps kept, want the 2 settled pages", len(next.Stamps()))
	}
}
