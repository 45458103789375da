// Package wire is a compact binary encoding for what the build cache
// stores: numbers as varints, strings and byte slices with their length
// first. A Reader never trusts what it reads: a length that runs past the
// end, or any read after the first problem, leaves it failed with an
// error instead of panicking or allocating what the input claims.
package wire

import (
	"encoding/binary"
	"errors"
	"io"
	"unsafe"
)

// Writer appends values to a byte slice, or writes them on to an
// io.Writer.
type Writer struct {
	buf []byte
	out io.Writer // where the bytes go; they stay in buf when nil
	err error
}

// NewWriter returns a Writer that writes to out, a few kilobytes at a
// time. Flush writes what is left.
func NewWriter(out io.Writer) *Writer {
	return &Writer{out: out, buf: make([]byte, 0, flushAt+1024)}
}

// flushAt is how much a Writer with an io.Writer keeps before writing.
const flushAt = 64 << 10

// Bytes is everything written so far, by a Writer without an io.Writer.
func (w *Writer) Bytes() []byte { return w.buf }

// Flush writes what is kept to the io.Writer, and returns the first
// error it gave.
func (w *Writer) Flush() error {
	if w.out != nil && w.err == nil && len(w.buf) > 0 {
		_, w.err = w.out.Write(w.buf)
	}
	if w.out != nil {
		w.buf = w.buf[:0]
	}
	return w.err
}

func (w *Writer) spill() {
	if w.out != nil && len(w.buf) >= flushAt {
		w.Flush()
	}
}

// Uint writes n.
func (w *Writer) Uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }

// Int writes n.
func (w *Writer) Int(n int) { w.buf = binary.AppendVarint(w.buf, int64(n)) }

// Fixed writes n in eight bytes, for hashes, which varints would not
// shorten.
func (w *Writer) Fixed(n uint64) { w.buf = binary.LittleEndian.AppendUint64(w.buf, n) }

// Bool writes v.
func (w *Writer) Bool(v bool) {
	if v {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// Blob writes b with its length.
func (w *Writer) Blob(b []byte) {
	w.Uint(uint64(len(b)))
	if w.out != nil && len(b) >= flushAt {
		// Straight through, not copied.
		if w.Flush() == nil {
			_, w.err = w.out.Write(b)
		}
		return
	}
	w.buf = append(w.buf, b...)
	w.spill()
}

// String writes s with its length.
func (w *Writer) String(s string) {
	w.Uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
	w.spill()
}

// Strings writes a list of strings.
func (w *Writer) Strings(list []string) {
	w.Uint(uint64(len(list)))
	for _, s := range list {
		w.String(s)
	}
}

// ErrCorrupt is the error of a Reader whose input does not hold what it
// was asked for.
var ErrCorrupt = errors.New("corrupt data")

// Reader reads values written by a Writer, in the same order.
type Reader struct {
	buf []byte
	err error
}

// NewReader reads buf. Blobs it returns are parts of buf, not copies.
func NewReader(buf []byte) *Reader { return &Reader{buf: buf} }

// Err is the first problem met, or nil.
func (r *Reader) Err() error { return r.err }

// Done is Err, or an error when input is left over.
func (r *Reader) Done() error {
	if r.err == nil && len(r.buf) > 0 {
		r.fail()
	}
	return r.err
}

func (r *Reader) fail() {
	if r.err == nil {
		r.err = ErrCorrupt
	}
	r.buf = nil
}

// Uint reads a number written by Writer.Uint.
func (r *Reader) Uint() uint64 {
	n, size := binary.Uvarint(r.buf)
	if size <= 0 {
		r.fail()
		return 0
	}
	r.buf = r.buf[size:]
	return n
}

// Int reads a number written by Writer.Int.
func (r *Reader) Int() int {
	n, size := binary.Varint(r.buf)
	if size <= 0 || int64(int(n)) != n {
		r.fail()
		return 0
	}
	r.buf = r.buf[size:]
	return int(n)
}

// Int32 reads a number written by Writer.Int that must fit in 32 bits.
func (r *Reader) Int32() int32 {
	n := r.Int()
	if int(int32(n)) != n {
		r.fail()
		return 0
	}
	return int32(n)
}

// Fixed reads a number written by Writer.Fixed.
func (r *Reader) Fixed() uint64 {
	if len(r.buf) < 8 {
		r.fail()
		return 0
	}
	n := binary.LittleEndian.Uint64(r.buf)
	r.buf = r.buf[8:]
	return n
}

// Bool reads a value written by Writer.Bool.
func (r *Reader) Bool() bool {
	if len(r.buf) < 1 || r.buf[0] > 1 {
		r.fail()
		return false
	}
	v := r.buf[0] == 1
	r.buf = r.buf[1:]
	return v
}

// Len reads a count of items that each take at least one byte, so it is
// never more than the bytes left.
func (r *Reader) Len() int {
	n := r.Uint()
	if n > uint64(len(r.buf)) {
		r.fail()
		return 0
	}
	return int(n)
}

// Blob reads a byte slice written by Writer.Blob. It is part of the
// Reader's input: a caller that changes it must copy it first.
func (r *Reader) Blob() []byte {
	n := r.Len()
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

// String reads a string written by Writer.String.
func (r *Reader) String() string { return string(r.Blob()) }

// View reads a string written by Writer.String without copying it: the
// string shares the Reader's input, which must never change after.
func (r *Reader) View() string {
	b := r.Blob()
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Views reads a list written by Writer.Strings as View reads each string;
// nil when it was empty.
func (r *Reader) Views() []string {
	n := r.Len() // each takes a byte at least: the list is bounded by the input
	if n == 0 {
		return nil
	}
	list := make([]string, 0, n)
	for ; n > 0 && r.err == nil; n-- {
		list = append(list, r.View())
	}
	return list
}

// Strings reads a list written by Writer.Strings; nil when it was empty.
func (r *Reader) Strings() []string {
	var list []string
	for n := r.Len(); n > 0 && r.err == nil; n-- {
		list = append(list, r.String())
	}
	return list
}

// Fail makes err the Reader's problem, for a caller that finds what it
// read makes no sense; the first problem stays.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.buf = nil
}
