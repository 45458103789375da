package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/internal/testsite"
	"lentera/generator/publish"
)

// A page shows its images with their width and height, and a page whose
// images weigh more than the budget gets a warning naming its file.
func TestImageSizesAndBudget(t *testing.T) {
	small := grayPNG(t, 640, 360)
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md": {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":      {Data: []byte("---\ntitle: Ringan\n---\n![Layar](layar.png)\n")},
		"content/id/b.md":      {Data: []byte("---\ntitle: Berat\n---\n![Foto satu](satu.jpg)\n\n![Foto dua](dua.jpg)\n")},
		"content/id/layar.png": {Data: small},
		"content/id/satu.jpg":  {Data: make([]byte, 200<<10)},
		"content/id/dua.jpg":   {Data: make([]byte, 150<<10)},
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Path == "id/a/index.html" && !strings.Contains(string(f.Body), `width="640" height="360"`) {
			t.Errorf("the image lacks its size: %s", f.Body)
		}
	}
	var over []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "KB a page should cost") {
			over = append(over, w.Error())
		}
	}
	if len(over) != 1 || !strings.Contains(over[0], "content/id/b.md") || !strings.Contains(over[0], "350 KB on a phone") {
		t.Errorf("budget warnings %q, want one for content/id/b.md at 350 KB", over)
	}
}

// An image wider than the text column gets smaller copies in a srcset,
// in its own format; the original stays, as src and in the srcset. A wide
// image no page shows is published as it is, without copies.
func TestWideImageCopies(t *testing.T) {
	wide := grayPNG(t, 1200, 800)
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: Kursus\nlanguages: [id]\nbaseURL: https://example.org/k/\n")},
		"content/id/_index.md":     {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":          {Data: []byte("---\ntitle: Lebar\n---\n![Panorama](fig/lebar.png)\n")},
		"content/id/fig/lebar.png": {Data: wide},
		"content/id/fig/lama.png":  {Data: wide},
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	files := byPath(res.Files)
	for path, width := range map[string]int{"id/fig/lebar-480w.png": 480, "id/fig/lebar-720w.png": 720, "id/fig/lebar-960w.png": 960, "id/fig/lebar.png": 1200} {
		cfg, err := png.DecodeConfig(bytes.NewReader(files[path]))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if cfg.Width != width || cfg.Height != width*2/3 {
			t.Errorf("%s is %dx%d, want %dx%d", path, cfg.Width, cfg.Height, width, width*2/3)
		}
	}
	if _, ok := files["id/fig/lama.png"]; !ok {
		t.Error("the image no page shows is not published")
	}
	for path := range files {
		if strings.HasPrefix(path, "id/fig/lama-") {
			t.Errorf("the image no page shows has a copy, %s", path)
		}
	}
	page := string(files["id/a/index.html"])
	for _, want := range []string{
		`src="/k/id/fig/lebar.png"`,
		`srcset="/k/id/fig/lebar-480w.png 480w, /k/id/fig/lebar-720w.png 720w, /k/id/fig/lebar-960w.png 960w, /k/id/fig/lebar.png 1200w"`,
		`sizes="(min-width: 46rem) 42rem, calc(100vw - 2rem)"`,
		`width="1200" height="800"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s:\n%s", want, page)
		}
	}
}

// An image of more pixels than the build reads whole is published as it
// is, with a warning, and no copies: its header alone is read. This one's
// header claims 20,000 x 20,000 pixels over the data of one.
func TestImageOfTooManyPixels(t *testing.T) {
	one := grayPNG(t, 1, 1)
	bomb := one
	// The IHDR chunk's data (width, height, ...) is at 16:29, its CRC,
	// over type and data, at 29:33.
	binary.BigEndian.PutUint32(bomb[16:], 20000)
	binary.BigEndian.PutUint32(bomb[20:], 20000)
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29]))
	fsys := fstest.MapFS{
		"site.yaml":              {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md":   {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":        {Data: []byte("---\ntitle: Bom\n---\n![Bom](fig/bom.png)\n")},
		"content/id/fig/bom.png": {Data: bomb},
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w.Error(), "content/id/fig/bom.png: is 20000 x 20000 pixels, over the 64 megapixels")
	}
	if !warned {
		t.Errorf("no warning of the image's size: %q", res.Warnings)
	}
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "id/fig/bom-") {
			t.Errorf("a copy was made: %s", f.Path)
		}
		if f.Path == "id/fig/bom.png" && !bytes.Equal(f.Body, bomb) {
			t.Error("the image was not published as it is")
		}
	}
}

// An SVG's width and height are CSS lengths: drawing programs write them
// in mm or pt, which the page must give in pixels (96 to the inch), or the
// figure shows a few pixels wide. A relative size leaves the viewBox's.
func TestSVGSize(t *testing.T) {
	for _, c := range []struct {
		attrs string
		w, h  int
	}{
		{`width="300" height="150"`, 300, 150},
		{`width="300px" height="150.4px"`, 300, 150},
		{`width="54.999542mm" height="29.271mm" viewBox="0 0 55 29.27"`, 208, 111},
		{`width="2in" height="1in"`, 192, 96},
		{`width="72pt" height="36pt"`, 96, 48},
		{`width="10cm" height="5cm"`, 378, 189},
		{`width="100%" height="100%" viewBox="0 0 640 480"`, 640, 480},
		{`width="20em" height="10em" viewBox="0 0 64 48"`, 64, 48},
		{`viewBox="0,0,800,600"`, 800, 600},
		{`width="-5" height="-1e3"`, 0, 0},
	} {
		w, h := svgSize(strings.NewReader(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" ` + c.attrs + `></svg>`))
		if w != c.w || h != c.h {
			t.Errorf("%s: %d x %d, want %d x %d", c.attrs, w, h, c.w, c.h)
		}
	}
}

// A photo kept as PNG (over a byte a pixel) gets JPEG copies, one as wide
// as itself, which the srcset offers in the PNG's place; the PNG stays the
// src. One with a soft edge, a few pixels clear, gets them too; one
// transparent in more than a few pixels, a cut-out, stays PNG, as do a
// diagram's flat colours. The page's weight is what a phone downloads.
func TestPhotoKeptAsPNG(t *testing.T) {
	flat := grayPNG(t, 900, 500)
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md": {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md": {Data: []byte("---\ntitle: Foto\n---\n![Pasar](foto.png)\n\n![Tepi](tepi.png)\n\n" +
			"![Potongan](potong.png)\n\n![Bagan](bagan.png)\n\n![Kecil](kecil.png)\n\n![Palet](palet.png)\n\n![Kunci](kunci.png)\n\n![Pasar lain](foto.jpg)\n")},
		"content/id/foto.png":   {Data: testsite.Photo(900, 500, 0)},
		"content/id/foto.jpg":   {Data: jpegOf(t, 900, 500)},
		"content/id/tepi.png":   {Data: testsite.Photo(900, 500, 0.005)},
		"content/id/potong.png": {Data: testsite.Photo(900, 500, 0.1)},
		"content/id/bagan.png":  {Data: flat},
		"content/id/kecil.png":  {Data: testsite.Photo(600, 300, 0)},
		// Cut-outs whose transparency a PNG's header does not show: a
		// palette with a see-through colour, and an RGB image with a tRNS
		// colour key, which image.DecodeConfig stops before.
		"content/id/palet.png": {Data: palettedPhoto(t, 900, 500, 0.1)},
		"content/id/kunci.png": {Data: keyedPhoto(t, 900, 500, 0.1)},
	}
	builder := New(Options{Site: fsys, BuildDate: testDate})
	res, err := builder.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files := byPath(res.Files)
	// A rebuild takes the copies from what the first made, found by the
	// key read once, and publishes the same files.
	again, err := builder.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rebuilt := byPath(again.Files); !maps.EqualFunc(rebuilt, files, bytes.Equal) {
		t.Error("a rebuild published other files than the first build")
	}
	page := string(files["id/a/index.html"])
	for _, want := range []string{
		`src="/id/foto.png"`,
		`srcset="/id/foto-png-480w.jpg 480w, /id/foto-png-720w.jpg 720w, /id/foto-png-900w.jpg 900w"`,
		`srcset="/id/foto-480w.jpg 480w, /id/foto-720w.jpg 720w, /id/foto.jpg 900w"`, // a JPEG of the same name beside it
		`srcset="/id/tepi-png-480w.jpg 480w, /id/tepi-png-720w.jpg 720w, /id/tepi-png-900w.jpg 900w"`,
		`srcset="/id/potong-480w.png 480w, /id/potong-720w.png 720w, /id/potong.png 900w"`,
		`srcset="/id/bagan-480w.png 480w, /id/bagan-720w.png 720w, /id/bagan.png 900w"`,
		`srcset="/id/kecil-png-480w.jpg 480w, /id/kecil-png-600w.jpg 600w"`,
		`srcset="/id/palet-480w.png 480w, /id/palet-720w.png 720w, /id/palet.png 900w"`,
		`srcset="/id/kunci-480w.png 480w, /id/kunci-720w.png 720w, /id/kunci.png 900w"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for path, width := range map[string]int{"id/foto-png-480w.jpg": 480, "id/foto-png-900w.jpg": 900, "id/kecil-png-600w.jpg": 600} {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(files[path]))
		if err != nil || cfg.Width != width {
			t.Errorf("%s: %d px wide (%v), want a JPEG %d px wide", path, cfg.Width, err, width)
		}
	}
	if len(files["id/foto.png"]) == 0 {
		t.Error("the original PNG is not published")
	}
	// A phone takes the 720 px copies, and the small photo's own width.
	var phone int
	for _, p := range []string{"id/foto-png-720w.jpg", "id/tepi-png-720w.jpg", "id/potong-720w.png", "id/bagan-720w.png", "id/kecil-png-600w.jpg", "id/palet-720w.png", "id/kunci-720w.png", "id/foto-720w.jpg"} {
		phone += len(files[p])
	}
	want := fmt.Sprintf("content/id/a.md: its images weigh %d KB on a phone", phone>>10)
	var warned []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "on a phone") {
			warned = append(warned, w.Error())
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], want) {
		t.Errorf("weight warnings %q, want one starting %q", warned, want)
	}
}

// palettedPhoto is a PNG of w x h random pixels of a 256-colour palette
// whose first colour is transparent, used by about clear of the pixels.
func palettedPhoto(t *testing.T, w, h int, clear float64) []byte {
	t.Helper()
	rnd := rand.New(rand.NewPCG(3, 4))
	palette := color.Palette{color.NRGBA{}}
	for len(palette) < 256 {
		palette = append(palette, color.NRGBA{byte(rnd.Uint32()), byte(rnd.Uint32()), byte(rnd.Uint32()), 0xff})
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), palette)
	for i := range img.Pix {
		img.Pix[i] = byte(1 + rnd.IntN(255))
		if rnd.Float64() < clear {
			img.Pix[i] = 0
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// keyedPhoto is an RGB PNG of w x h random pixels, about clear of them
// black, with a tRNS chunk that makes black transparent (Go's encoder
// writes none, so it is put in after the IHDR chunk, which ends at 33).
func keyedPhoto(t *testing.T, w, h int, clear float64) []byte {
	t.Helper()
	rnd := rand.New(rand.NewPCG(5, 6))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(rnd.Uint32())
	}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i] |= 1 // never black by chance
		if rnd.Float64() < clear {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 0, 0, 0
		}
		img.Pix[i+3] = 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	chunk := binary.BigEndian.AppendUint32(nil, 6)
	chunk = append(chunk, "tRNS\x00\x00\x00\x00\x00\x00"...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	head, rest := b.Bytes()[:33], b.Bytes()[33:]
	return slices.Concat(head, chunk, rest)
}

// grayPNG is a PNG of w x h pixels of one grey, as a diagram compresses.
func grayPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// byPath is the bodies of files by their paths.
func byPath(files []publish.File) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		out[f.Path] = f.Body
	}
	return out
}

// jpegOf is a JPEG of w x h random pixels, as a camera's photo is.
func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(testsite.Photo(w, h, 0)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
