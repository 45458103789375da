package digest

import "testing"

// Sums are stored by the build cache and compared by later processes, so
// they must not depend on the process: the same input always gives the
// same sum, here the one the first build with this hash computed.
func TestSumsAreStable(t *testing.T) {
	h := New()
	h.String("lentera")
	h.Int(14)
	h.Bool(true)
	h.Bytes([]byte("ab"))
	if got, want := h.Sum(), uint64(0x94f7b8e6130a81de); got != want {
		t.Errorf("sum %#x, want %#x: sums changed, and every stored build cache with them", got, want)
	}
}

// Writes are framed: moving a byte from one write to the next changes the sum.
func TestFramed(t *testing.T) {
	a, b := New(), New()
	a.String("ab")
	a.String("c")
	b.String("a")
	b.String("bc")
	if a.Sum() == b.Sum() {
		t.Error(`"ab"+"c" and "a"+"bc" hash the same`)
	}
}
