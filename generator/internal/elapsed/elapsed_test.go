package elapsed

import (
	"testing"
	"time"
)

func TestString(t *testing.T) {
	for d, want := range map[time.Duration]string{
		300 * time.Microsecond:   "under 1 ms",
		12 * time.Millisecond:    "12 ms",
		1400 * time.Millisecond:  "1400 ms",
		14200 * time.Millisecond: "14.2 s",
	} {
		if got := String(d); got != want {
			t.Errorf("String(%v) = %q, want %q", d, got, want)
		}
	}
}
