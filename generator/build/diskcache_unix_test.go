//go:build unix

package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// The cache is read whole and exactly, also past a huge page, and into
// memory that cannot be written: what a build takes from it is shared.
func TestLoadCacheFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), cacheName)
	want := bytes.Repeat([]byte("lentera "), (5<<20)/8+3)
	if err := os.WriteFile(name, want, 0o600); err != nil {
		t.Fatal(err)
	}
	got, release, err := loadCacheFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(want))
	}
	if !faults(func() { got[len(got)-1] = 'x' }) {
		t.Error("the cache's memory can be written")
	}
}

// faults reports whether f faults on memory it may not touch.
func faults(f func()) (faulted bool) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { faulted = recover() != nil }()
	f()
	return false
}
