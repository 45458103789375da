//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe saved as a chapter is an error in the overlay, not a
// rebuild loop that waits for ever; once it is gone, saves build again.
func TestPipeDoesNotStallRebuilds(t *testing.T) {
	s := start(t, tinySite, Options{})
	st := s.connect()
	pipe := filepath.Join(s.dir, "content", "id", "x.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	overlay := decode[errorData](t, st.expect("error", "reload")).HTML
	mustContain(t, "overlay", overlay, "content/id/x.md", "named pipe")

	if err := os.Remove(pipe); err != nil {
		t.Fatal(err)
	}
	save(t, s.dir, "content/id/a.md", chapterA("Teks sesudah pipa."))
	// The pipe's removal may be built on its own first, and reload every
	// page before the save is built: wait for the reload that brings the
	// new text (a build that never does fails in expect's time limit).
	for !strings.Contains(s.get("/kursus/id/a/").body, "Teks sesudah pipa.") {
		st.reloadOf("id/a/index.html", "error")
	}
}
