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

// Parse reads back what String writes, to the unit String shows.
func TestParse(t *testing.T) {
	for _, d := range []time.Duration{300 * time.Microsecond, 12 * time.Millisecond, 1400 * time.Millisecond, 14200 * time.Millisecond} {
		got, err := Parse(String(d))
		if err != nil {
			t.Fatalf("Parse(%q): %v", String(d), err)
		}
		if want := d.Truncate(time.Millisecond); d >= 10*time.Second {
			want = d.Truncate(100 * time.Millisecond)
			if got != want {
				t.Errorf("Parse(%q) = %v, want %v", String(d), got, want)
			}
		} else if d < time.Millisecond && got != 0 || d >= time.Millisecond && got != want {
			t.Errorf("Parse(%q) = %v, want %v", String(d), got, want)
		}
	}
	if _, err := Parse("soon"); err == nil {
		t.Error(`Parse("soon") gave no error`)
	}
}
