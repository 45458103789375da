package build

import (
	"bytes"
	"debug/elf"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// programVersion identifies the running program, for the build cache: the
// VCS revision it was built from when that is known and clean, else the
// build ID the Go toolchain gave its executable, else the hash of the
// executable. `go run` and builds with -buildvcs=false record no revision;
// hashing their 30 MB took 10 ms of every warm build, where the build ID
// is a few kilobytes' read.
var programVersion = sync.OnceValues(func() (string, error) {
	if info, ok := debug.ReadBuildInfo(); ok {
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if settings["vcs.revision"] != "" && settings["vcs.modified"] == "false" {
			// The whole build information: revision, Go version,
			// dependencies and build settings.
			return "vcs " + strconv.FormatUint(xxhash.Sum64String(info.String()), 16), nil
		}
	}
	f, err := openExecutable()
	if err != nil {
		return "", err
	}
	defer f.Close()
	if id, ok := goBuildID(f); ok {
		return "go " + id, nil
	}
	h := xxhash.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "exe " + strconv.FormatUint(h.Sum64(), 16), nil
})

// openExecutable opens the running program's file: on Linux the one it
// runs from even when a new one has been installed over it since, which
// must not lend its version to this one's cache.
func openExecutable() (*os.File, error) {
	if f, err := os.Open("/proc/self/exe"); err == nil {
		return f, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return os.Open(exe)
}

// goBuildID reads the build ID the go command wrote into an executable:
// in ELF, a note; in Mach-O and Windows executables, a marked string at
// the start of the text, within the file's first 32 KB (where `go tool
// buildid` looks first). The go command ends the ID with a hash of the
// executable's content, which is why it can stand for the file; an ID set
// by hand with -buildid, which lacks that shape, is not taken.
func goBuildID(f io.ReaderAt) (string, bool) {
	if e, err := elf.NewFile(f); err == nil {
		return fromELFNote(e)
	}
	head, _ := io.ReadAll(io.NewSectionReader(f, 0, 32<<10))
	return markedID(head)
}

// markedID finds the build ID in the string the linker puts at the start
// of the text.
func markedID(head []byte) (string, bool) {
	_, rest, ok := bytes.Cut(head, []byte("\xff Go build ID: \""))
	if !ok {
		return "", false
	}
	id, _, ok := bytes.Cut(rest, []byte("\"\n \xff"))
	return string(id), ok && wellFormedID(string(id))
}

// fromELFNote reads the Go build ID note: name size, description size and
// type (4 for the build ID), four bytes each, then the name "Go" padded to
// four bytes, then the ID.
func fromELFNote(e *elf.File) (string, bool) {
	s := e.Section(".note.go.buildid")
	if s == nil {
		return "", false
	}
	note, err := s.Data()
	if err != nil || len(note) < 16 {
		return "", false
	}
	order := e.ByteOrder
	idSize, kind := order.Uint32(note[4:]), order.Uint32(note[8:])
	if order.Uint32(note) != 4 || kind != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(idSize) > uint64(len(note)-16) {
		return "", false
	}
	id := string(note[16 : 16+idSize])
	return id, wellFormedID(id)
}

// wellFormedID reports whether id has the go command's shape: hashes in
// URL-safe base64, separated by slashes, the last the content's.
func wellFormedID(id string) bool {
	parts := strings.Split(id, "/")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) < 20 || strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false
		}
	}
	return true
}
