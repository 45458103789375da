// Package digest hashes the inputs of a piece of build work, so that a
// rebuild can tell whether the work's result from last time still holds.
package digest

import (
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// Hash is a fast, non-cryptographic hash (XXH64). Its sums are the same in
// every process and on every machine, so the build cache can store them
// and a later build compare with them. Writes are framed with their
// length, so "ab"+"c" and "a"+"bc" hash apart.
type Hash struct{ h xxhash.Digest }

// New returns an empty Hash.
func New() *Hash {
	d := &Hash{}
	d.h.Reset()
	return d
}

// Of is the sum of one byte slice.
func Of(b []byte) uint64 {
	d := New()
	d.Bytes(b)
	return d.Sum()
}

// String adds s.
func (d *Hash) String(s string) {
	d.Int(int64(len(s)))
	d.h.WriteString(s)
}

// Bytes adds b.
func (d *Hash) Bytes(b []byte) {
	d.Int(int64(len(b)))
	d.h.Write(b)
}

// Int adds n.
func (d *Hash) Int(n int64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	d.h.Write(b[:])
}

// Bool adds v.
func (d *Hash) Bool(v bool) {
	if v {
		d.Int(1)
	} else {
		d.Int(0)
	}
}

// Sum is the hash of everything added.
func (d *Hash) Sum() uint64 { return d.h.Sum64() }
