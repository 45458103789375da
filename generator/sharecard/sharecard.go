// Package sharecard draws the image a link preview shows (Open Graph's
// og:image) for a page: 1200 x 630 pixels, the course's name, the page's
// title in large type and the section it is in, in the theme's colours.
//
// The text is set in the Go fonts (golang.org/x/image/font/gofont, under
// the BSD licence of golang.org/x/image), which cover every Latin letter
// of Western, Central and Northern European languages and Indonesian and
// Malay, but not Vietnamese's stacked accents.
package sharecard

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The size link previews ask for (Facebook, WhatsApp, X, LinkedIn).
const (
	Width  = 1200
	Height = 630
)

// Version names the way cards are drawn. Change it whenever the drawing
// changes, so cached cards are drawn again.
const Version = "1"

// Card is what one card shows.
type Card struct {
	Course  string // the course's title, small above
	Title   string // the page's title, large
	Section string // the section the page is in, below; may be empty
	Host    string // where the site lives, bottom right; may be empty
	Colors  Colors
}

// Colors are the theme's colours a card is painted in.
type Colors struct {
	Background color.RGBA // the brand colour
	Text       color.RGBA // text on it
	Muted      color.RGBA // the course name and host
	Accent     color.RGBA // the bar above the section
}

// DefaultColors are the built-in theme's, for a stylesheet that names none.
var DefaultColors = Colors{
	Background: color.RGBA{0x0f, 0x5c, 0x4d, 0xff},
	Text:       color.RGBA{0xff, 0xff, 0xff, 0xff},
	Muted:      color.RGBA{0xf1, 0xf6, 0xf4, 0xff},
	Accent:     color.RGBA{0xff, 0xbf, 0x47, 0xff},
}

var customProperty = regexp.MustCompile(`--([a-z-]+)\s*:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`)

// ColorsFromCSS reads the theme's custom properties --brand, --brand-ink,
// --tint and --focus from a stylesheet: the first value of each, which is
// the light scheme's. Missing ones keep the built-in colours.
func ColorsFromCSS(css []byte) Colors {
	c := DefaultColors
	seen := map[string]bool{}
	for _, m := range customProperty.FindAllSubmatch(css, -1) {
		name := string(m[1])
		if seen[name] {
			continue
		}
		seen[name] = true
		rgb := hexColor(string(m[2]))
		switch name {
		case "brand":
			c.Background = rgb
		case "brand-ink":
			c.Text = rgb
		case "tint":
			c.Muted = rgb
		case "focus":
			c.Accent = rgb
		}
	}
	return c
}

func hexColor(h string) color.RGBA {
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var r, g, b uint8
	fmt.Sscanf(h, "%02x%02x%02x", &r, &g, &b)
	return color.RGBA{r, g, b, 0xff}
}

var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return [2]*opentype.Font{}, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	return [2]*opentype.Font{regular, bold}, err
})

// The layout, in pixels.
const (
	margin     = 80
	textWidth  = Width - 2*margin
	titleTop   = 200 // the top of the title's box
	titleSpace = 260 // the height the title may fill
	maxLines   = 4
)

// titleSizes are tried largest first: the first that fits the title into
// its box is used, and the smallest cuts it short when none does.
var titleSizes = []float64{76, 66, 58, 50}

// drawn keeps the cards this process has drawn, by what they show. A card
// is a pure function of its Card, and a process often wants one again: a
// dev server starting over after a settings change, tests that build a
// site many times. It holds at most maxDrawn cards (some megabytes).
var drawn struct {
	sync.Mutex
	cards map[Card][]byte
}

const maxDrawn = 4096

// Draw paints a card and encodes it as PNG. The bytes may be shared: they
// must not be changed.
func Draw(c Card) ([]byte, error) {
	drawn.Lock()
	png, ok := drawn.cards[c]
	drawn.Unlock()
	if ok {
		return png, nil
	}
	png, err := draw(c)
	if err != nil {
		return nil, err
	}
	drawn.Lock()
	if len(drawn.cards) >= maxDrawn || drawn.cards == nil {
		drawn.cards = map[Card][]byte{}
	}
	drawn.cards[c] = png
	drawn.Unlock()
	return png, nil
}

func draw(c Card) ([]byte, error) {
	f, err := fonts()
	if err != nil {
		return nil, fmt.Errorf("share card font: %w", err)
	}
	regular, bold := f[0], f[1]
	img, inks := canvas(c.Colors)
	defer rasters.Put(img)
	small, err := face(regular, 32)
	if err != nil {
		return nil, err
	}
	course := fit(small, c.Course, textWidth)
	write(img, small, inks.muted, margin, 120, course)

	lines, size, err := titleLines(bold, c.Title)
	if err != nil {
		return nil, err
	}
	big, err := face(bold, size)
	if err != nil {
		return nil, err
	}
	lead := int(size * 1.2)
	// The title sits in the middle of its box.
	y := titleTop + (titleSpace-lead*len(lines))/2 + int(size)
	for _, l := range lines {
		write(img, big, inks.text, margin, y, l)
		y += lead
	}

	fill(img, image.Rect(margin, 498, margin+96, 506), inks.accent[len(inks.accent)-1])
	label, err := face(regular, 34)
	if err != nil {
		return nil, err
	}
	host := fit(small, c.Host, textWidth/2)
	hostWidth := font.MeasureString(small, host).Ceil()
	section := fit(label, c.Section, textWidth-hostWidth-40)
	write(img, label, inks.text, margin, 560, section)
	write(img, small, inks.muted, Width-margin-hostWidth, 560, host)

	var buf bytes.Buffer
	buf.Grow(32 << 10) // a card is 10 to 20 KB
	if err := encoder.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// A card's raster, and the encoder's rows and compressor, are taken from
// pools: made fresh, they are 2 MB a card of new memory to clear, which
// cost more than the drawing. Flat colours compress well even at the
// fastest level, which takes a fifth of the time of the default for a few
// more kilobytes.
var (
	rasters = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, Width, Height), nil) }}
	encoder = &png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &encoderBuffers{}}
)

// encoderBuffers is a png.EncoderBufferPool.
type encoderBuffers struct{ pool sync.Pool }

func (e *encoderBuffers) Get() *png.EncoderBuffer {
	b, _ := e.pool.Get().(*png.EncoderBuffer)
	return b
}

func (e *encoderBuffers) Put(b *png.EncoderBuffer) { e.pool.Put(b) }

func face(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// titleLines wraps the title at the largest size where it fits, or cuts it
// short at the smallest.
func titleLines(f *opentype.Font, title string) ([]string, float64, error) {
	for i, size := range titleSizes {
		fc, err := face(f, size)
		if err != nil {
			return nil, 0, err
		}
		lines := Wrap(fc, title, textWidth)
		room := min(maxLines, titleSpace/int(size*1.2))
		if len(lines) <= room {
			return lines, size, nil
		}
		if i == len(titleSizes)-1 {
			lines = lines[:room]
			lines[room-1] = ellipsis(fc, lines[room-1], textWidth)
			return lines, size, nil
		}
	}
	return nil, 0, nil
}

// Wrap breaks text into lines no wider than width, between words; a word
// wider than a line is broken between letters.
func Wrap(fc font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if font.MeasureString(fc, try).Ceil() <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for font.MeasureString(fc, line).Ceil() > width {
			head := longestPrefix(fc, line, width)
			lines = append(lines, head)
			line = line[len(head):]
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// longestPrefix is the longest start of s, at least one letter, no wider
// than width.
func longestPrefix(fc font.Face, s string, width int) string {
	end := 0
	for i, r := range s {
		next := i + utf8.RuneLen(r)
		if end > 0 && font.MeasureString(fc, s[:next]).Ceil() > width {
			break
		}
		end = next
	}
	return s[:end]
}

// fit cuts text short with an ellipsis when it is wider than width.
func fit(fc font.Face, text string, width int) string {
	if font.MeasureString(fc, text).Ceil() <= width {
		return text
	}
	return ellipsis(fc, text, width)
}

// ellipsis ends text with "…", cutting it as short as width needs.
func ellipsis(fc font.Face, text string, width int) string {
	runes := []rune(text)
	for n := len(runes); n > 0; n-- {
		s := strings.TrimRight(string(runes[:n]), " ") + "…"
		if font.MeasureString(fc, s).Ceil() <= width {
			return s
		}
	}
	return ""
}

// A card has four colours and the shades text's smooth edges need between
// the background and each, so it is drawn on a palette: a PNG of one byte a
// pixel is small, and quick to encode.
const shades = 16

// ink is the palette indexes from the background (0) to a colour (last).
type ink [shades]uint8

type inks struct{ text, muted, accent ink }

// canvas is a card filled with the background, and the inks to write on it.
// The card is the pool's: draw puts it back once encoded.
func canvas(c Colors) (*image.Paletted, inks) {
	pal := color.Palette{c.Background}
	ramp := func(to color.RGBA) ink {
		var k ink
		for i := 1; i < shades; i++ {
			k[i] = uint8(len(pal))
			pal = append(pal, mix(c.Background, to, i, shades-1))
		}
		return k
	}
	in := inks{text: ramp(c.Text), muted: ramp(c.Muted), accent: ramp(c.Accent)}
	img := rasters.Get().(*image.Paletted)
	img.Palette = pal
	clear(img.Pix) // the background is the palette's first colour
	return img, in
}

// mix is the colour i/n of the way from a to b.
func mix(a, b color.RGBA, i, n int) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i + n/2) / n) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

func fill(img *image.Paletted, r image.Rectangle, index uint8) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
		for i := range row {
			row[i] = index
		}
	}
}

// paint sets the pixels a glyph's mask covers, each to the shade of its
// coverage. The masks of the opentype faces are *image.Alpha; another kind
// goes through its At method.
func paint(img *image.Paletted, dr image.Rectangle, mask image.Image, mp image.Point, k ink) {
	clip := dr.Intersect(img.Rect)
	alpha, _ := mask.(*image.Alpha)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			mx, my := mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y
			var a int
			if alpha != nil {
				a = int(alpha.Pix[alpha.PixOffset(mx, my)]) * 0x101
			} else {
				_, _, _, a32 := mask.At(mx, my).RGBA()
				a = int(a32)
			}
			if s := a * (shades - 1) / 0xffff; s > 0 {
				img.Pix[img.PixOffset(x, y)] = k[s]
			}
		}
	}
}

// write sets text with its baseline at y. Text never overlaps other text
// on a card, so each glyph's coverage picks a shade between the background
// and the ink.
func write(img *image.Paletted, fc font.Face, k ink, x, y int, text string) {
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range text {
		if prev >= 0 {
			dot.X += fc.Kern(prev, r)
		}
		dr, mask, mp, advance, ok := fc.Glyph(dot, r)
		if ok {
			paint(img, dr, mask, mp, k)
		}
		dot.X += advance
		prev = r
	}
}

func measure(fc font.Face, s string) int { return font.MeasureString(fc, s).Ceil() }
