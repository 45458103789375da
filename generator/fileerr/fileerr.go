// Package fileerr gives every error about a user's file the same shape,
// "path:line:col: message", so editors and terminals can jump to it and the
// dev server can show the lines around it.
package fileerr

import (
	"errors"
	"fmt"
	"sort"
)

// Error is a problem at a position in a file. Line and Col are 1-based; zero
// means unknown.
type Error struct {
	Path string
	Line int
	Col  int
	Err  error
}

// New wraps err with a position. An error that already has one, given no
// line, is returned as it is: it names the file more precisely (a link on
// the way to path, say), and a path is not printed twice.
func New(path string, line, col int, err error) *Error {
	if fe, ok := err.(*Error); ok && line == 0 {
		return fe
	}
	return &Error{Path: path, Line: line, Col: col, Err: err}
}

// Errorf is New with a formatted message.
func Errorf(path string, line, col int, format string, args ...any) *Error {
	return New(path, line, col, fmt.Errorf(format, args...))
}

func (e *Error) Error() string {
	return e.Position() + ": " + e.Err.Error()
}

// Position is "path", "path:line" or "path:line:col".
func (e *Error) Position() string {
	switch {
	case e.Line <= 0:
		return e.Path
	case e.Col <= 0:
		return fmt.Sprintf("%s:%d", e.Path, e.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// Flatten lists the separate problems in err, which may be a tree of
// joined and wrapped errors: each positioned error, and each other error
// that joins nothing, in the order they were joined.
func Flatten(err error) []error {
	var out []error
	var walk func(e, outer error)
	walk = func(e, outer error) {
		switch e := e.(type) {
		case nil:
		case *Error:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner, inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap(), outer)
		default:
			out = append(out, outer)
		}
	}
	walk(err, err)
	return out
}

// All returns the positioned errors in err.
func All(err error) []*Error {
	var out []*Error
	for _, e := range Flatten(err) {
		if fe, ok := e.(*Error); ok {
			out = append(out, fe)
		}
	}
	return out
}

// Sorted joins the problems in err ordered by file, line and column, the
// order a writer fixes them in; problems without a file come first. A
// problem met twice (a folder seen from two walks) is told once.
func Sorted(err error) error {
	if err == nil {
		return nil
	}
	all := Flatten(err)
	Sort(all)
	seen := map[string]bool{}
	once := all[:0]
	for _, e := range all {
		if msg := e.Error(); !seen[msg] {
			seen[msg] = true
			once = append(once, e)
		}
	}
	return errors.Join(once...)
}

// Sort orders problems as Sorted does, in place, keeping each one; the
// order of those at one place stays as it was.
func Sort(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool { return less(errs[i], errs[j]) })
}

func less(a, b error) bool {
	fa, okA := a.(*Error)
	fb, okB := b.(*Error)
	switch {
	case !okA || !okB:
		return !okA && okB
	case fa.Path != fb.Path:
		return fa.Path < fb.Path
	case fa.Line != fb.Line:
		return fa.Line < fb.Line
	default:
		return fa.Col < fb.Col
	}
}
