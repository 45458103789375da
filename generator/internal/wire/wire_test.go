package wire

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"
)

func writeSome(w *Writer) {
	w.Uint(300)
	w.Int(-7)
	w.Fixed(1 << 60)
	w.Bool(true)
	w.String("héllo")
	w.Blob(bytes.Repeat([]byte("x"), 3*flushAt)) // goes straight through
	w.Strings([]string{"a", "", strings.Repeat("y", flushAt)})
}

// What a Writer writes to an io.Writer, a piece at a time, is what it
// gathers in memory, and reads back as it was written.
func TestWriterStreams(t *testing.T) {
	var mem Writer
	writeSome(&mem)
	var out bytes.Buffer
	w := NewWriter(&out)
	writeSome(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), mem.Bytes()) {
		t.Fatalf("streamed %d bytes, in memory %d, and they differ", out.Len(), len(mem.Bytes()))
	}
	r := NewReader(out.Bytes())
	if r.Uint() != 300 || r.Int() != -7 || r.Fixed() != 1<<60 || !r.Bool() || r.String() != "héllo" || len(r.Blob()) != 3*flushAt {
		t.Fatal("values read back differ")
	}
	if list := r.Strings(); len(list) != 3 || list[1] != "" || len(list[2]) != flushAt {
		t.Fatalf("list read back as %d items", len(list))
	}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
}

// Every cut of the input fails without panicking, and a count larger than
// the input is refused before anything is made for it.
func TestReaderRefusesShortInput(t *testing.T) {
	var w Writer
	writeSome(&w)
	data := w.Bytes()
	for _, n := range []int{0, 1, 2, 5, 13, 20, len(data) / 2, len(data) - 1} {
		r := NewReader(data[:n])
		r.Uint()
		r.Int()
		r.Fixed()
		r.Bool()
		_ = r.String()
		r.Blob()
		r.Strings()
		if r.Done() == nil {
			t.Errorf("cut to %d bytes, it reads", n)
		}
	}
	var wide Writer
	wide.Int(-1 << 31)
	wide.Int(1 << 31)
	if r := NewReader(wide.Bytes()); r.Int32() != -1<<31 || r.Err() != nil || r.Int32() != 0 || r.Err() == nil {
		t.Error("Int32 did not take -2^31 and refuse 2^31")
	}
	var big Writer
	big.Uint(1 << 40)
	if r := NewReader(big.Bytes()); r.Len() != 0 || r.Err() == nil {
		t.Error("a count of 2^40 in a few bytes was taken")
	}
}

// View and Views read what String and Strings read, sharing the input
// rather than copying it, and fail on a cut input as they do.
func TestViewsShareTheInput(t *testing.T) {
	var w Writer
	w.String("héllo")
	w.Strings([]string{"a", "", "bc"})
	w.Strings(nil)
	data := w.Bytes()
	r := NewReader(data)
	s := r.View()
	list := r.Views()
	if s != "héllo" || len(list) != 3 || list[0] != "a" || list[1] != "" || list[2] != "bc" || r.Views() != nil {
		t.Fatalf("read %q and %q", s, list)
	}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	if p := unsafe.StringData(s); p != &data[1] {
		t.Error("View copied the string")
	}
	if p := unsafe.StringData(list[2]); p != &data[len(data)-3] {
		t.Error("Views copied the strings")
	}
	for n := range len(data) - 1 {
		r := NewReader(data[:n])
		r.View()
		r.Views()
		r.Views()
		if r.Done() == nil {
			t.Errorf("cut to %d bytes, it reads", n)
		}
	}
}
