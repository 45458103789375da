//go:build unix

package serve

import (
	"os"
	"path/filepath"
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
	st.reloadOf("id/a/index.html", "error")
	mustContain(t, "page after the pipe", s.get("/kursus/id/a/").body, "Teks sesudah pipa.")
}
