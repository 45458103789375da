package render

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"lentera/generator/sitefs"
)

// The layouts' print, printf and println are Go's, bounded. Go's printf
// pads a number to a million characters on asking ("%01000000d"), so a
// UI string of a few kilobytes, which the built-in layouts hand to printf,
// could ask for gigabytes; and a layout that prints a value twice into
// itself ({{$s = print $s $s}}) doubles it at each line. A width or
// precision is at most maxPad, and no result is longer than a page may
// be, which is refused before it is made where the arguments' text says
// it would be. Like seq and loop, they fail once the renderer is stopped.
const maxPad = 1000

func (b *binding) printf(format string, args ...any) (string, error) {
	if b.r.stopped.Load() {
		return "", ErrStopped
	}
	if err := checkPadding(format, args); err != nil {
		return "", fmt.Errorf("printf %s: %w", quoteStart(format), err)
	}
	if err := b.fits("printf", len(format)+textLen(args)); err != nil {
		return "", err
	}
	s := fmt.Sprintf(format, args...)
	return s, b.fits("printf", len(s))
}

func (b *binding) print(args ...any) (string, error) {
	return b.printed("print", fmt.Sprint, args)
}

func (b *binding) println(args ...any) (string, error) {
	return b.printed("println", fmt.Sprintln, args)
}

func (b *binding) printed(name string, sprint func(...any) string, args []any) (string, error) {
	if b.r.stopped.Load() {
		return "", ErrStopped
	}
	if err := b.fits(name, textLen(args)); err != nil {
		return "", err
	}
	s := sprint(args...)
	return s, b.fits(name, len(s))
}

// fits fails when n bytes of text are more than a page may hold.
func (b *binding) fits(name string, n int) error {
	if limit := b.r.pageLimit(); int64(n) > limit {
		return fmt.Errorf("%s would make %s of text, more than the %s a page may hold (limits.page)", name, sitefs.FormatSize(int64(n)), sitefs.FormatSize(limit))
	}
	return nil
}

// textLen is how long the arguments that are text are.
func textLen(args []any) int {
	n := 0
	for _, a := range args {
		if v := reflect.ValueOf(a); v.Kind() == reflect.String {
			n += v.Len()
		}
	}
	return n
}

// checkPadding refuses a width or precision in format above maxPad, and
// one taken from the arguments (*) where a whole-number argument is above
// it. UI strings, which the layouts use as formats, are checked as they
// are read, so that the error names the string's file and line.
func checkPadding(format string, args []any) error {
	written, star := paddings(format)
	for _, w := range written {
		if n, err := strconv.Atoi(w); err != nil || n > maxPad {
			w = strings.TrimLeft(w, "0") // a 0 before a width is a flag
			return fmt.Errorf("a width or precision of %s, where printf pads to %d at most", w, maxPad)
		}
	}
	if !star {
		return nil
	}
	for _, a := range args {
		if v := reflect.ValueOf(a); v.CanInt() && (v.Int() > maxPad || v.Int() < -maxPad) || v.CanUint() && v.Uint() > maxPad {
			return fmt.Errorf("a width or precision from an argument (*), and an argument of %v, where printf pads to %d at most", a, maxPad)
		}
	}
	return nil
}

// paddings lists the numbers written in the flags, widths, precisions and
// argument indexes after each % of format, and says whether a width or
// precision is taken from the arguments (*). It reads from every %, and
// over every character such a spec may hold, so it sees at least what
// Go's fmt reads, however a bad or unusual verb leaves fmt's reading
// (some numbers it lists fmt would print as text: no more is refused
// than a layout's formats could want).
func paddings(format string) (written []string, star bool) {
	for i := strings.IndexByte(format, '%'); i >= 0; {
		j := i + 1
		for j < len(format) && strings.IndexByte(specChars, format[j]) >= 0 {
			if format[j] == '*' {
				star = true
			}
			if d := digitsAt(format, j); d > j {
				written = append(written, format[j:d])
				j = d
				continue
			}
			j++
		}
		next := strings.IndexByte(format[i+1:], '%')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return written, star
}

// specChars are those a verb's flags, width, precision and argument
// indexes are written with.
const specChars = "+-# .*[]0123456789"

// digitsAt is where the run of digits at format[i] ends.
func digitsAt(format string, i int) int {
	for i < len(format) && format[i] >= '0' && format[i] <= '9' {
		i++
	}
	return i
}

// quoteStart quotes format, or its start when it is long.
func quoteStart(format string) string {
	if len(format) <= 40 {
		return strconv.Quote(format)
	}
	return strconv.Quote(runeCut(format, 40)) + "…"
}
