package counted

import (
	"bytes"
	"errors"
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
