package sharecard

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

var update = flag.Bool("update", false, "rewrite the golden card")

// The letters of the languages a course is likely written in have glyphs:
// a title in them is drawn, not shown as empty boxes.
func TestFontCoversLatinLanguages(t *testing.T) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	samples := map[string]string{
		"id": "Strategi konten & kalender: produksi video pendek untuk UMKM — “Rp1.500”",
		"en": "Content strategy, calendars and short-video production – “£1,500”…",
		"es": "¿Cómo vender más? Señales, campañas y años de práctica ¡ya!",
		"pt": "Produção, não, ação, você, à, ç, ã, õ, ê, ô",
		"fr": "Élève, garçon, où, çà, Noël, cœur, château",
		"de": "Größe, Übung, Äpfel, Öl, straße",
		"pl": "Zażółć gęślą jaźń Łódź",
		"tr": "Çalışma, öğrenci, İstanbul, şeker, ğ ı",
		"cs": "Příliš žluťoučký kůň úpěl ďábelské ódy",
		"ro": "Școală, țară, încă, până",
	}
	var buf sfnt.Buffer
	for lang, s := range samples {
		for _, r := range s {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%s: no glyph for %q", lang, r)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	f, _ := fonts()
	fc, err := face(f[1], 50)
	if err != nil {
		t.Fatal(err)
	}
	lines := Wrap(fc, "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas", 400)
	if len(lines) < 3 {
		t.Errorf("got %q, want three lines or more", lines)
	}
	for _, l := range Wrap(fc, "Sangatpanjangsekalitanpaspasisamasekalidanmasihterusberlanjut pendek", 400) {
		if got := measure(fc, l); got > 400 {
			t.Errorf("line %q is %d px wide, over 400", l, got)
		}
	}
}

// cards are the ones the tests draw, and that a person can look at in
// testdata/ after go test -update.
var cards = map[string]Card{
	"id":      {Course: "Playbook UMKM di Era Video Pendek", Title: "Produksi video dengan ponsel", Section: "Konten", Host: "playbook-umkm.pages.dev", Colors: DefaultColors},
	"en-long": {Course: "The UMKM Short-Video Playbook", Title: "Live selling as a shop window after the August 2025 suspension: what changed for small sellers and what to do about it this month", Section: "Understanding the market after the suspension of live selling", Host: "playbook-umkm.pages.dev", Colors: DefaultColors},
}

func TestDrawSize(t *testing.T) {
	for name, c := range cards {
		b, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != Width || cfg.Height != Height {
			t.Errorf("%s: %dx%d (%v), want %dx%d PNG", name, cfg.Width, cfg.Height, err, Width, Height)
		}
		if len(b) > 300*1024 {
			t.Errorf("%s: %d bytes; WhatsApp shows no preview for an image over 300 KB", name, len(b))
		}
		if *update {
			if err := os.WriteFile(filepath.Join("testdata", "card-"+name+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The Indonesian card is drawn as it was when a person looked at it
// (testdata/card-id.png): the same pixels, give or take anti-aliasing.
func TestDrawGolden(t *testing.T) {
	got := decode(t, mustDraw(t, cards["id"]))
	want := decode(t, mustRead(t, filepath.Join("testdata", "card-id.png")))
	if d := differing(got, want); d > Width*Height/200 {
		t.Errorf("%d pixels differ from testdata/card-id.png, over 0.5%%", d)
	}
	// The check can fail: another title is a different card.
	other := cards["id"]
	other.Title = "Strategi konten"
	if d := differing(decode(t, mustDraw(t, other)), want); d < Width*Height/200 {
		t.Errorf("a card with another title differs in only %d pixels", d)
	}
}

// A title too long for four lines at the smallest size ends in an
// ellipsis, and no line is wider than the card's text.
func TestDrawCutsLongTitle(t *testing.T) {
	f, _ := fonts()
	long := strings.Repeat("Rencana aksi delapan minggu untuk penjualan ", 8)
	lines, size, err := titleLines(f[1], long)
	if err != nil {
		t.Fatal(err)
	}
	fc, _ := face(f[1], size)
	if len(lines) > maxLines || !strings.HasSuffix(lines[len(lines)-1], "…") {
		t.Errorf("got %d lines ending %q, want at most %d ending in …", len(lines), lines[len(lines)-1], maxLines)
	}
	for _, l := range lines {
		if w := measure(fc, l); w > textWidth {
			t.Errorf("line %q is %d px wide, over %d", l, w, textWidth)
		}
	}
}

// The colours come from the theme's stylesheet: the first --brand is the
// light scheme's background.
func TestColorsFromCSS(t *testing.T) {
	css := []byte(":root{--ink:#111;--brand:#123456;--brand-ink:#fefefe}\n@media (prefers-color-scheme: dark){:root{--brand:#000000}}")
	c := ColorsFromCSS(css)
	if c.Background != (color.RGBA{0x12, 0x34, 0x56, 0xff}) || c.Text != (color.RGBA{0xfe, 0xfe, 0xfe, 0xff}) || c.Accent != DefaultColors.Accent {
		t.Errorf("got %+v", c)
	}
	img := decode(t, mustDraw(t, Card{Title: "x", Colors: c}))
	if r, g, b, _ := img.At(5, 5).RGBA(); r>>8 != 0x12 || g>>8 != 0x34 || b>>8 != 0x56 {
		t.Errorf("the corner is %02x%02x%02x, want the brand colour 123456", r>>8, g>>8, b>>8)
	}
}

func mustDraw(t *testing.T, c Card) []byte {
	t.Helper()
	b, err := Draw(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// differing counts the pixels whose colour is off by more than a shade of
// anti-aliasing in any channel.
func differing(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				n++
			}
		}
	}
	return n
}

func far(x, y uint32) bool {
	d := int(x>>8) - int(y>>8)
	return d > 32 || d < -32
}

// BenchmarkDraw draws cards of different titles, past the cache of drawn
// ones, as a first build of a course does.
func BenchmarkDraw(b *testing.B) {
	c := cards["id"]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Title = cards["id"].Title + " " + strings.Repeat("x", i%7)
		if _, err := draw(c); err != nil {
			b.Fatal(err)
		}
	}
}
