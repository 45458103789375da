package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile must do what os.WriteFile does: create, replace a longer
// file's bytes whole, write a large body whole, fail on a missing folder
// or an existing file opened exclusively, with errors that name the file.
// (A short write, which rawFile.Write goes on from, does not happen on a
// local disk, so it is not tried here.)
func TestWriteFileAsOSWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.html")
	for _, body := range []string{"a longer first body", "short", ""} {
		if err := writeFile(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != body {
			t.Fatalf("read %q, %v; want %q", got, err, body)
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644&^umask(t) {
			t.Errorf("mode %v", fi.Mode())
		}
	}
	missing := filepath.Join(dir, "no", "b.html")
	err := writeFile(missing, []byte("x"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("into a missing folder: %v", err)
	}
	f, err := createFile(name, os.O_CREATE|os.O_EXCL)
	if err == nil {
		f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("exclusive over an existing file: %v", err)
	}
	big := strings.Repeat("0123456789", 1<<20)
	if err := writeFile(name, []byte(big)); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != big {
		t.Errorf("a 10 MB body came back as %d bytes", len(got))
	}
}

// umask is the process's file creation mask, read from a file made with
// os.WriteFile.
func umask(t *testing.T) fs.FileMode {
	name := filepath.Join(t.TempDir(), "mask")
	if err := os.WriteFile(name, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ fi.Mode().Perm()
}
