package render

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/skip2/go-qrcode"
)

// The SVG must scan back to the text. The path is read by a general
// interpreter of SVG path data (not by undoing qrPath's own format), filled
// with SVG's nonzero rule, and handed to a QR decoder we did not write.
func TestQRDecodesBack(t *testing.T) {
	for _, text := range []string{
		"https://example.org/id/worksheets/produksi-video/",
		"https://example.org/trainer/en/worksheets/rencana-8-minggu/",
		"https://kursus.example.co.id/umkm/id/worksheets/data/sub/kepatuhan-layanan-pelanggan/",
		"hello",
	} {
		svg, err := qrSVG(text)
		if err != nil {
			t.Fatalf("qr %q: %v", text, err)
		}
		size, d := parseQRSVG(t, string(svg))
		got := fillPath(t, d, size)
		code, err := qrcode.New(text, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		if want := code.Bitmap(); !sameMatrix(got, want) {
			t.Errorf("%q: the drawn modules differ from the encoder's matrix", text)
		}
		if quiet := quietZone(got); quiet < 4 {
			t.Errorf("%q: quiet zone is %d modules, scanners need 4", text, quiet)
		}
		if decoded := decodeQR(t, got); decoded != text {
			t.Errorf("decoded %q, want %q", decoded, text)
		}
	}
}

func TestQRMarkup(t *testing.T) {
	svg, err := qrSVG(`https://example.org/a?b=1&c="2"`, "Kode QR: buka halaman ini")
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{
		`role="img"`,
		`aria-label="Kode QR: buka halaman ini"`,
		`<title>Kode QR: buka halaman ini</title>`,
		`shape-rendering="crispEdges"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "<path"); n != 1 {
		t.Errorf("SVG has %d paths, want one", n)
	}
	svg, _ = qrSVG(`a"b<c`)
	if !strings.Contains(string(svg), `aria-label="QR code: a&#34;b&lt;c"`) {
		t.Errorf("default label not escaped: %s", svg)
	}
}

func TestQRTooLong(t *testing.T) {
	if _, err := qrSVG(strings.Repeat("x", 5000)); err == nil {
		t.Error("5000 bytes encoded without an error; a QR code holds at most 2953")
	}
}

var (
	viewBoxRe = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathRe    = regexp.MustCompile(`<path[^>]* d="([^"]*)"`)
)

func parseQRSVG(t *testing.T, svg string) (int, string) {
	t.Helper()
	vb := viewBoxRe.FindStringSubmatch(svg)
	p := pathRe.FindStringSubmatch(svg)
	if vb == nil || p == nil || vb[1] != vb[2] {
		t.Fatalf("no square viewBox or no path in %s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	return n, p[1]
}

type point struct{ x, y float64 }

var pathToken = regexp.MustCompile(`[MmLlHhVvZz]|-?[0-9]*\.?[0-9]+`)

// fillPath rasterises path data made of straight segments at module
// centres, with the nonzero winding rule SVG uses by default.
func fillPath(t *testing.T, d string, size int) [][]bool {
	t.Helper()
	polys := polygons(t, d)
	m := make([][]bool, size)
	for y := range m {
		m[y] = make([]bool, size)
		for x := range m[y] {
			c := point{float64(x) + .5, float64(y) + .5}
			winding := 0
			for _, poly := range polys {
				winding += windingNumber(poly, c)
			}
			m[y][x] = winding != 0
		}
	}
	return m
}

// polygons interprets M, L, H, V and Z in absolute and relative forms.
func polygons(t *testing.T, d string) [][]point {
	t.Helper()
	toks := pathToken.FindAllString(d, -1)
	var polys [][]point
	var cur []point
	var at, start point
	cmd := ""
	num := func(i *int) float64 {
		*i++
		if *i >= len(toks) {
			t.Fatalf("path ends inside command %s", cmd)
		}
		f, err := strconv.ParseFloat(toks[*i], 64)
		if err != nil {
			t.Fatalf("path: %q is not a number after %s", toks[*i], cmd)
		}
		return f
	}
	closePoly := func() {
		if len(cur) > 2 {
			polys = append(polys, cur)
		}
		cur = nil
	}
	for i := 0; i < len(toks); i++ {
		if strings.ContainsAny(toks[i], "MmLlHhVvZz") {
			cmd = toks[i]
		} else {
			i-- // a repeated command
		}
		rel := strings.ToLower(cmd) == cmd
		switch strings.ToUpper(cmd) {
		case "M":
			closePoly()
			x, y := num(&i), num(&i)
			if rel {
				x, y = at.x+x, at.y+y
			}
			at, start = point{x, y}, point{x, y}
			cur = []point{at}
		case "L":
			x, y := num(&i), num(&i)
			if rel {
				x, y = at.x+x, at.y+y
			}
			at = point{x, y}
			cur = append(cur, at)
		case "H":
			x := num(&i)
			if rel {
				x += at.x
			}
			at.x = x
			cur = append(cur, at)
		case "V":
			y := num(&i)
			if rel {
				y += at.y
			}
			at.y = y
			cur = append(cur, at)
		case "Z":
			closePoly()
			at = start
			cur = []point{at}
		default:
			t.Fatalf("path command %q is not interpreted here", cmd)
		}
	}
	closePoly()
	return polys
}

// windingNumber counts how often poly winds around c.
func windingNumber(poly []point, c point) int {
	w := 0
	for i := range poly {
		a, b := poly[i], poly[(i+1)%len(poly)]
		cross := (b.x-a.x)*(c.y-a.y) - (c.x-a.x)*(b.y-a.y)
		switch {
		case a.y <= c.y && b.y > c.y && cross > 0:
			w++
		case a.y > c.y && b.y <= c.y && cross < 0:
			w--
		}
	}
	return w
}

func sameMatrix(a, b [][]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for y := range a {
		if len(a[y]) != len(b[y]) {
			return false
		}
		for x := range a[y] {
			if a[y][x] != b[y][x] {
				return false
			}
		}
	}
	return true
}

// quietZone is the number of light rows above the first dark module.
func quietZone(m [][]bool) int {
	for y, row := range m {
		for _, dark := range row {
			if dark {
				return y
			}
		}
	}
	return len(m)
}

// decodeQR draws the matrix at 4 pixels a module and scans it.
func decodeQR(t *testing.T, m [][]bool) string {
	t.Helper()
	const scale = 4
	img := image.NewGray(image.Rect(0, 0, len(m)*scale, len(m)*scale))
	for y := range img.Rect.Dy() {
		for x := range img.Rect.Dx() {
			c := color.Gray{Y: 255}
			if m[y/scale][x/scale] {
				c.Y = 0
			}
			img.SetGray(x, y, c)
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return res.GetText()
}

// A code drawn before is taken again only for the same text and label.
func TestQRDrawnOncePerTextAndLabel(t *testing.T) {
	r := &Renderer{}
	first, err := r.qr("https://example.org/id/a/", "Pindai")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := r.qr("https://example.org/id/a/", "Pindai")
	if unsafe.StringData(string(again)) != unsafe.StringData(string(first)) {
		t.Error("the same code was drawn again, not taken")
	}
	relabelled, _ := r.qr("https://example.org/id/a/", "Scan")
	if !strings.Contains(string(relabelled), `aria-label="Scan"`) {
		t.Errorf("another label gave the first one's code: %.120s", relabelled)
	}
	other, _ := r.qr("https://example.org/id/b/", "Pindai")
	if want, _ := qrSVG("https://example.org/id/b/", "Pindai"); other != want {
		t.Error("another address gave a code other than its own")
	}
}
