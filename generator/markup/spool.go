package markup

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
)

// A Spool keeps converted HTML in a temporary file instead of memory. A
// build converts every page before it renders one, and the workbooks and
// search indexes read every page again at the end: held in memory, that is
// the whole site's HTML, live for the whole build, and the garbage collector
// lets the heap grow to twice what is live. In a file, it is the kernel's
// page cache, which it can write out or drop when memory is short.
//
// It is safe for concurrent use. A failed write or read is kept, not
// returned where it happens (Doc.HTML has no error); Err reports it, and a
// build that uses a spool checks it before it publishes anything.
//
// A spool made by OpenSpool only reads: it gives back what a file already
// holds, such as the HTML of the build cache.
type Spool struct {
	f    *os.File
	base int64  // where the spool starts in f
	name string // still to be removed at Close, where an open file cannot be (Windows)
	mu   sync.Mutex
	// buf is the HTML put since the last write to the file, which goes
	// from offset at: written page by page, the system calls cost more
	// than the copying.
	buf    []byte
	at     int64
	err    error
	closed bool
}

// spoolWrite is how much HTML the spool gathers before it writes.
const spoolWrite = 64 << 10

// span is where one pass's HTML is in a spool.
type span struct {
	at int64
	n  int
}

// NewSpool creates a spool in the system's temporary folder. Where the
// system allows, the file is removed at once and lives on only as long as
// it is open, so that a build killed halfway leaves nothing behind.
func NewSpool() (*Spool, error) {
	f, err := os.CreateTemp("", "lentera-spool-*")
	if err != nil {
		return nil, fmt.Errorf("spool for converted pages: %w", err)
	}
	s := &Spool{f: f}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s, nil
}

// OpenSpool returns a spool that reads f from offset base on, or, with f
// nil, gives back data. Spans into it come from the Docs that DecodeSpooled
// reads.
func OpenSpool(f *os.File, base int64, data []byte) *Spool {
	if f == nil {
		return &Spool{buf: data}
	}
	return &Spool{f: f, base: base, at: math.MaxInt64}
}

// put appends html to the spool.
func (s *Spool) put(html []byte) span {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) > 0 && len(s.buf)+len(html) > spoolWrite {
		s.write()
	}
	sp := span{at: s.at + int64(len(s.buf)), n: len(html)}
	s.buf = append(s.buf, html...)
	return sp
}

// write moves buf to the file; s.mu is held.
func (s *Spool) write() {
	if _, err := s.f.WriteAt(s.buf, s.at); err != nil {
		s.fail(err)
	}
	s.at += int64(len(s.buf))
	s.buf = s.buf[:0]
}

// read returns a copy of the bytes at sp, from buf while they are there.
// The copy has room for one byte more: the search index's HTML lexer ends
// its input with a zero byte, and copies input that has no room for it.
func (s *Spool) read(sp span) []byte {
	b := make([]byte, sp.n, sp.n+1)
	s.mu.Lock()
	switch {
	case s.closed:
		s.fail(os.ErrClosed)
		s.mu.Unlock()
		return b
	case sp.at >= s.at:
		copy(b, s.buf[sp.at-s.at:])
		s.mu.Unlock()
		return b
	}
	s.mu.Unlock()
	if _, err := s.f.ReadAt(b, s.base+sp.at); err != nil {
		s.mu.Lock()
		s.fail(err)
		s.mu.Unlock()
	}
	return b
}

// whole reads the first size bytes of the spool. A build that fails early
// closes the spool while a check of it may still read.
func (s *Spool) whole(size int64) (io.Reader, error) {
	s.mu.Lock()
	data, closed := s.buf, s.closed
	s.mu.Unlock()
	if closed {
		return nil, os.ErrClosed
	}
	if s.f == nil {
		return bytes.NewReader(data), nil
	}
	return io.NewSectionReader(s.f, s.base, size), nil
}

// copyTo writes the n bytes at at to w: from the file a piece at a time,
// through buf, and what is still in s.buf from a copy of it. The caller
// keeps buf from one copy to the next: a cache writes thousands of runs,
// and a new buffer each was most of its time.
func (s *Spool) copyTo(w io.Writer, at, n int64, buf []byte) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return os.ErrClosed
	}
	inFile := max(0, min(n, s.at-at))
	var tail []byte
	if inFile < n {
		from := at + inFile - s.at
		tail = bytes.Clone(s.buf[from : from+n-inFile])
	}
	s.mu.Unlock()
	if inFile > 0 {
		// From the file's own offset rather than a section of it, which
		// a writer to a file copies within the system (see
		// counted.Writer.ReadFrom). Every other read of a spool says
		// where it reads.
		if _, err := s.f.Seek(s.base+at, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.CopyBuffer(w, io.LimitReader(s.f, inFile), buf); err != nil {
			return err
		}
	}
	_, err := w.Write(tail)
	return err
}

// fail keeps the first error; s.mu is held.
func (s *Spool) fail(err error) {
	if s.err == nil {
		s.err = fmt.Errorf("spool for converted pages: %w", err)
	}
}

// Err reports the first write or read that failed. A nil Spool has none.
func (s *Spool) Err() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close closes and removes the file. HTML read from the spool after that
// is wrong, and Err says so.
func (s *Spool) Close() error {
	s.mu.Lock()
	s.closed, s.buf = true, nil
	s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		if rmErr := os.Remove(s.name); err == nil {
			err = rmErr
		}
	}
	return err
}
