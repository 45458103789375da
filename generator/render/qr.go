package render

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/skip2/go-qrcode"
)

// qrSVG draws text as a QR code in SVG, for printed pages that lead back to
// the site. label names the code for screen readers; it defaults to
// "QR code: <text>". Medium error correction survives a smudged photocopy
// and still keeps a page URL small enough to scan from a desk.
func qrSVG(text string, label ...string) (template.HTML, error) {
	code, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("qr %q: %w", text, err)
	}
	name := "QR code: " + text
	if len(label) > 0 && label[0] != "" {
		name = label[0]
	}
	// Bitmap includes the four-module quiet zone scanners need.
	return template.HTML(drawQR(code.Bitmap(), name)), nil
}

// qr is qrSVG, drawn once per text and label: a worksheet's code is
// printed on its own page, in its chapter and in the workbook, in every
// edition, and the dev server renders them again on each save.
func (r *Renderer) qr(text string, label ...string) (template.HTML, error) {
	key := [2]string{text}
	if len(label) > 0 {
		key[1] = label[0]
	}
	if svg, ok := r.qrs.Load(key); ok {
		return svg.(template.HTML), nil
	}
	svg, err := qrSVG(text, label...)
	if err == nil {
		r.qrs.Store(key, svg)
	}
	return svg, err
}

// QRCode is a code a renderer drew, for the build cache to keep: drawing
// one takes a millisecond, and a course's printed pages carry dozens.
type QRCode struct {
	Text, Label string
	SVG         string
}

// QRCodes are the codes drawn so far, in order of text and label.
func (r *Renderer) QRCodes() []QRCode {
	var codes []QRCode
	r.qrs.Range(func(k, v any) bool {
		key := k.([2]string)
		codes = append(codes, QRCode{Text: key[0], Label: key[1], SVG: string(v.(template.HTML))})
		return true
	})
	slices.SortFunc(codes, func(a, b QRCode) int {
		return cmp.Or(strings.Compare(a.Text, b.Text), strings.Compare(a.Label, b.Label))
	})
	return codes
}

// drawQR writes a module matrix as one SVG path, inline in HTML (so no
// xmlns), a 1-high rectangle for
// each run of dark modules in a row, so the file stays small and every
// edge falls on a whole module (crisp at any print resolution).
func drawQR(m [][]bool, label string) string {
	n := strconv.Itoa(len(m))
	var b strings.Builder
	b.WriteString(`<svg class="qr" viewBox="0 0 ` + n + " " + n + `"`)
	b.WriteString(` width="` + strconv.Itoa(4*len(m)) + `" height="` + strconv.Itoa(4*len(m)) + `"`)
	b.WriteString(` role="img" aria-label="` + html.EscapeString(label) + `" shape-rendering="crispEdges">`)
	b.WriteString(`<title>` + html.EscapeString(label) + `</title>`)
	b.WriteString(`<rect width="` + n + `" height="` + n + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="` + qrPath(m) + `"/></svg>`)
	return b.String()
}

// qrPath is the path data of the dark modules, row by row. Each run moves
// relative to the start of the one before (where closing a rectangle
// leaves the pen), which keeps the numbers short.
func qrPath(m [][]bool) string {
	var d strings.Builder
	px, py := 0, 0
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&d, "m%d %dh%dv1h-%dz", start-px, y-py, x-start, x-start)
			px, py = start, y
		}
	}
	return d.String()
}
