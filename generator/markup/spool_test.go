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

// What goes into a spool comes back, whether it has been written to the
// file yet or not, and whatever its size.
func TestSpoolGivesBackWhatWasPut(t *testing.T) {
	spool := newSpool(t)
	var put [][]byte
	var spans []span
	for i := 0; i < 300; i++ {
		n := i * 997 % 9000
		if i == 150 {
			n = 3 * spoolWrite // more than the spool gathers at once
		}
		b := bytes.Repeat([]byte{byte(i)}, n)
		put, spans = append(put, b), append(spans, spool.put(b))
	}
	if spool.at == 0 || len(spool.buf) == 0 {
		t.Fatalf("written %d bytes, %d waiting: the test reads from only one of the file and the buffer", spool.at, len(spool.buf))
	}
	for i, sp := range spans {
		if got := spool.read(sp); !bytes.Equal(got, put[i]) {
			t.Fatalf("put %d came back different", i)
		}
	}
	if err := spool.Err(); err != nil {
		t.Fatal(err)
	}
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
		wantEntry, wantHTML := encoded(t, doc)
		if entry, html := encoded(t, got); !bytes.Equal(entry, wantEntry) || !bytes.Equal(html, wantHTML) {
			t.Errorf("%s: the spooled Doc encodes differently", name)
		}
	}
	if err := spool.Err(); err != nil {
		t.Fatal(err)
	}
}

// HTML that cannot be written or read back is an error the spool keeps
// for the build to find, and the file is gone from the temporary folder
// from the start where the system allows.
func TestSpoolKeepsItsError(t *testing.T) {
	for _, c := range []struct {
		name string
		fail func(s *Spool)
	}{
		{"read after close", func(s *Spool) {
			sp := s.put([]byte("<p>a</p>"))
			s.Close()
			s.read(sp)
		}},
		{"write to a closed file", func(s *Spool) {
			s.f.Close()
			s.put(make([]byte, spoolWrite))
			s.put([]byte("<p>a</p>"))
		}},
		{"read from a closed file", func(s *Spool) {
			sp := s.put(make([]byte, spoolWrite))
			s.put([]byte("<p>a</p>"))
			s.f.Close()
			s.read(sp)
		}},
	} {
		spool := newSpool(t)
		if _, err := os.Stat(spool.f.Name()); runtime.GOOS != "windows" && !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the spool's file is still there: %v", err)
		}
		c.fail(spool)
		if err := spool.Err(); !errors.Is(err, os.ErrClosed) {
			t.Errorf("%s: got %v, want the closed file's error", c.name, err)
		}
	}
}

// A run of pages is copied out whole, from the file, from what is not
// written yet, or from both.
func TestSpoolCopiesRuns(t *testing.T) {
	spool := newSpool(t)
	var all []byte
	for i := 0; i < 40; i++ {
		b := bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i*97)
		spool.put(b)
		all = append(all, b...)
	}
	if spool.at == 0 || len(spool.buf) == 0 {
		t.Fatalf("written %d bytes, %d waiting: no run crosses from the file to the buffer", spool.at, len(spool.buf))
	}
	for _, r := range [][2]int64{{0, int64(len(all))}, {10, spool.at - 5}, {spool.at - 3, 10}, {spool.at + 1, 7}, {5, 0}} {
		var got bytes.Buffer
		if err := spool.copyTo(&got, r[0], r[1], make([]byte, 3)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), all[r[0]:r[0]+r[1]]) {
			t.Errorf("bytes %d to %d came back different", r[0], r[0]+r[1])
		}
	}
}
