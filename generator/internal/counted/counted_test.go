package counted

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// failing takes the first n bytes of a write, then fails.
type failing struct{ n int }

func (f failing) Write(b []byte) (int, error) {
	if len(b) > f.n {
		return f.n, errors.New("full")
	}
	return len(b), nil
}

// A Writer counts what its writer took, not what it was asked to write.
func TestWriterCountsWhatWasWritten(t *testing.T) {
	var buf bytes.Buffer
	w := &Writer{W: &buf}
	w.Write([]byte("abc"))
	w.Write([]byte("de"))
	if w.N != 5 || buf.String() != "abcde" {
		t.Errorf("counted %d bytes of %q", w.N, buf.String())
	}
	short := &Writer{W: failing{n: 2}}
	if _, err := short.Write([]byte("abcd")); err == nil || short.N != 2 {
		t.Errorf("a short write counted %d bytes, error %v", short.N, err)
	}
}

// A copy into a Writer goes through its writer's own ReadFrom where it
// has one (a file's, which copies from a file within the system), and is
// counted either way.
func TestWriterReadFrom(t *testing.T) {
	to := &readerFrom{}
	w := &Writer{W: to}
	if n, err := io.Copy(w, struct{ io.Reader }{strings.NewReader("abcdef")}); err != nil || n != 6 || w.N != 6 || to.String() != "abcdef" || !to.used {
		t.Errorf("copied %d bytes (%v), counted %d, %q, its ReadFrom used: %v", n, err, w.N, to.String(), to.used)
	}
	var plain bytes.Buffer
	w = &Writer{W: struct{ io.Writer }{&plain}}
	if n, err := io.Copy(w, struct{ io.Reader }{strings.NewReader("abc")}); err != nil || n != 3 || w.N != 3 || plain.String() != "abc" {
		t.Errorf("copied %d bytes (%v) into a writer without ReadFrom, counted %d, %q", n, err, w.N, plain.String())
	}
}

// readerFrom is a buffer that notes when its ReadFrom is used.
type readerFrom struct {
	bytes.Buffer
	used bool
}

func (r *readerFrom) ReadFrom(from io.Reader) (int64, error) {
	r.used = true
	return r.Buffer.ReadFrom(from)
}
