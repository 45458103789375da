package render

import (
	"fmt"
	"reflect"
	"strconv"

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
		return "", errStopped
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
		return "", errStopped
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
	star := false
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format); i++ {
			c := format[i]
			if c == '[' { // an argument's index, not a width
				for i < len(format) && format[i] != ']' {
					i++
				}
				continue
			}
			if c == '*' {
				star = true
				continue
			}
			if c < '1' || c > '9' { // a 0 before a width is a flag
				if c == '+' || c == '-' || c == '#' || c == ' ' || c == '.' || c == '0' {
					continue
				}
				break // the verb
			}
			j := i
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
			if n, err := strconv.Atoi(format[i:j]); err != nil || n > maxPad {
				return fmt.Errorf("a width or precision of %s, where printf pads to %d at most", format[i:j], maxPad)
			}
			i = j - 1
		}
	}
	if star {
		for _, a := range args {
			if v := reflect.ValueOf(a); v.CanInt() && (v.Int() > maxPad || v.Int() < -maxPad) || v.CanUint() && v.Uint() > maxPad {
				return fmt.Errorf("a width or precision from an argument (*), and an argument of %v, where printf pads to %d at most", a, maxPad)
			}
		}
	}
	return nil
}

// quoteStart quotes format, or its start when it is long.
func quoteStart(format string) string {
	if len(format) > 40 {
		return strconv.Quote(format[:40]) + "…"
	}
	return strconv.Quote(format)
}
