//go:build unix

package publish

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe where the old output had a file is not the same file, and
// comparing with it does not wait for a writer that never comes.
func TestHoldingRefusesPipe(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "index.html")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan bool)
	go func() {
		_, same := holding(pipe, nil)
		done <- same
	}()
	select {
	case same := <-done:
		if same {
			t.Error("a named pipe holds the empty file")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("comparing with a named pipe waits for a writer")
	}
}
