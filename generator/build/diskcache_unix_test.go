//go:build unix

package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The cache's entries are read whole and exactly, also past a huge page,
// and into memory that cannot be written: what a build takes from them is
// shared.
func TestReadCacheFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), cacheName)
	want := bytes.Repeat([]byte("lentera "), (5<<20)/8+3)
	if err := os.WriteFile(name, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// From an offset off a page's boundary, as the entries lie after the
	// HTML.
	const at = 5
	got, release, err := readCacheFile(f, at, len(want)-at)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if !bytes.Equal(got, want[at:]) {
		t.Fatalf("read %d bytes, not the file's %d from %d", len(got), len(want)-at, at)
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

// A named pipe where the cache file should be is refused unopened: opened,
// it would wait for a writer, and the build with it.
func TestCacheNamedPipeIgnored(t *testing.T) {
	_, opts := cachedBundle(t)
	file := New(opts).cacheFile()
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(file, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan *Result, 1)
	go func() {
		res, err := New(opts).Build(context.Background())
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	select {
	case res := <-done:
		if res == nil {
			return
		}
		var warned bool
		for _, w := range res.Warnings {
			warned = warned || strings.Contains(w.Error(), "build cache ignored (not a file)")
		}
		if !warned {
			t.Errorf("warnings %q, want one that the cache is not a file", res.Warnings)
		}
	case <-time.After(time.Minute):
		t.Fatal("the build waits on the named pipe")
	}
}
