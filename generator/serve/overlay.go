package serve

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"lentera/generator/fileerr"
	"lentera/generator/sitefs"
)

// What the overlay shows of a failed build.
const (
	maxProblems  = 10  // the terminal lists every problem; the page the first ones
	contextLines = 3   // source lines shown before and after the one at fault
	maxLineBytes = 240 // a longer source line is cut, so the box stays readable
	maxSourceLen = 4 << 20
)

// builtinPrefix marks error paths in the built-in theme; see build's overlay.
const builtinPrefix = "(built-in theme) "

//go:embed overlay.html
var overlayHTML string

var overlayTemplate = template.Must(template.New("overlay").Parse(overlayHTML))

// A problem is one error of a failed build, as the overlay shows it.
type problem struct {
	Position string // "content/id/a.md:3:7"; "" when the error has none
	Message  string
	Lines    []sourceLine
}

type sourceLine struct {
	N       int
	Text    string
	Current bool
	Caret   string // under the current line: the indentation up to the column, then "^"
}

type overlayData struct {
	Problems []problem
	More     int // problems not shown
}

// sources reads the lines around an error, from the site folder or the
// built-in theme, and from nowhere else.
type sources struct {
	siteDir string
	theme   fs.FS
}

// renderOverlay turns a build error into the overlay HTML (a full-page
// alertdialog) that the page shows instead of its content.
func (src sources) renderOverlay(err error) []byte {
	var data overlayData
	for i, e := range fileerr.Flatten(err) {
		if i == maxProblems {
			data.More = len(fileerr.Flatten(err)) - maxProblems
			break
		}
		data.Problems = append(data.Problems, src.problem(e))
	}
	var buf bytes.Buffer
	if err := overlayTemplate.Execute(&buf, data); err != nil {
		// The template is ours and tested; say so rather than show nothing.
		return []byte(`<div id="lentera-error" role="alertdialog" tabindex="-1">overlay: ` + template.HTMLEscapeString(err.Error()) + `</div>`)
	}
	return buf.Bytes()
}

func (src sources) problem(err error) problem {
	var fe *fileerr.Error
	if !errors.As(err, &fe) {
		return problem{Message: err.Error()}
	}
	return problem{Position: fe.Position(), Message: fe.Err.Error(), Lines: src.around(fe.Path, fe.Line, fe.Col)}
}

// around returns the lines line-3 .. line+3 of the file at p, an error
// path as the build reports it: relative to the working folder, or marked
// as the built-in theme's.
func (src sources) around(p string, line, col int) []sourceLine {
	if line <= 0 {
		return nil
	}
	f, err := src.open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	r := bufio.NewReader(io.LimitReader(f, maxSourceLen))
	var out []sourceLine
	for n := 1; n <= line+contextLines; n++ {
		text, err := r.ReadString('\n')
		if text == "" && err != nil {
			break
		}
		if n < line-contextLines {
			continue
		}
		text = strings.TrimRight(text, "\r\n")
		l := sourceLine{N: n, Text: cut(text), Current: n == line}
		if l.Current && col > 0 {
			l.Caret = caret(text, col)
		}
		out = append(out, l)
	}
	return out
}

// open opens an error's file inside the site folder (through sitefs, as the
// build reads it: no link is followed, no pipe opened) or inside the
// built-in theme.
func (src sources) open(p string) (fs.File, error) {
	if name, ok := strings.CutPrefix(p, builtinPrefix); ok {
		return src.theme.Open(name)
	}
	dir := src.siteDir
	if dir == "" {
		dir = "."
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return nil, err
	}
	fsys, err := sitefs.Open(dir)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	return fsys.Open(filepath.ToSlash(rel))
}

func cut(text string) string {
	if len(text) <= maxLineBytes {
		return text
	}
	i := maxLineBytes
	for i > 0 && !isRuneStart(text[i]) {
		i--
	}
	return text[:i] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// caret points at column col (1-based, in bytes as the parsers count),
// keeping the line's tabs so it lines up under them.
func caret(text string, col int) string {
	var b strings.Builder
	for i := 0; i < col-1 && i < len(text) && i < maxLineBytes; i++ {
		switch {
		case text[i] == '\t':
			b.WriteByte('\t')
		case isRuneStart(text[i]):
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}
