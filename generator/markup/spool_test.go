package markup

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"testing"
)

func newSpool(t *testing.T) *Spool {
	t.Helper()
	s, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A Doc whose HTML is in a spool gives back each pass, its length and its
// encoding as one that holds the HTML in memory.
func TestSpooledDocAsHeld(t *testing.T) {
	spool := newSpool(t)
	held := convertedCases(t, Options{})
	spooled := convertedCases(t, Options{Spool: spool})
	for name, doc := range held {
		got := spooled[name]
		for _, p := range allPasses {
			if !bytes.Equal(got.HTML(p), doc.HTML(p)) || got.Len(p) != len(doc.HTML(p)) || got.Sum(p) != doc.Sum(p) {
				t.Errorf("%s: pass %+v differs", name, p)
			}
		}
		want, _ := doc.MarshalBinary()
		if data, _ := got.MarshalBinary(); !bytes.Equal(data, want) {
			t.Errorf("%s: the spooled Doc encodes differently", name)
		}
	}
	if err := spool.Err(); err != nil {
		t.Fatal(err)
	}
}

// HTML that cannot be read back is an error the spool keeps for the
// build to find, and the file is gone from the temporary folder from the
// start where the system allows.
func TestSpoolKeepsItsError(t *testing.T) {
	spool := newSpool(t)
	if _, err := os.Stat(spool.f.Name()); runtime.GOOS != "windows" && !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the spool's file is still there: %v", err)
	}
	docs := convertedCases(t, Options{Spool: spool})
	if err := spool.Err(); err != nil {
		t.Fatal(err)
	}
	spool.Close()
	for _, doc := range docs {
		doc.HTML(Pass{})
	}
	if err := spool.Err(); err == nil {
		t.Error("no error after reading from a closed spool")
	}
}
