// Package elapsed writes how long something took the way people read it in
// a terminal: "12 ms", "1.4 s", never "0s" for a fast step.
package elapsed

import (
	"fmt"
	"strings"
	"time"
)

// String is "under 1 ms", "12 ms" or "14.2 s".
func String(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "under 1 ms"
	case d < 10*time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// Parse reads what String writes, for programs that read a log, such as
// the dev server's benchmark. "under 1 ms" reads as zero.
func Parse(s string) (time.Duration, error) {
	if s == "under 1 ms" {
		return 0, nil
	}
	return time.ParseDuration(strings.ReplaceAll(s, " ", ""))
}
