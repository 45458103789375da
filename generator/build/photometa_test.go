package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// gps is what the test photos' metadata says of where they were taken.
const gps = "-6.2088,106.8456"

// halves is a w by h picture, red on its left half and blue on its right.
func halves(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// phonePhoto is a JPEG of img as a phone saves it: Exif with an
// orientation and a GPS position, XMP, Photoshop's IPTC, a comment and a
// colour profile before the picture.
func phonePhoto(t *testing.T, img image.Image, orientation int) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	// Exif, little-endian: orientation, then a GPS pointer to text.
	tiff := []byte("II*\x00\x08\x00\x00\x00\x02\x00")
	tiff = binary.LittleEndian.AppendUint16(tiff, 0x0112)
	tiff = append(tiff, 3, 0, 1, 0, 0, 0, byte(orientation), 0, 0, 0)
	tiff = append(tiff, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0, 0, 0, 0, 0)
	tiff = append(tiff, gps...)
	var b []byte
	b = append(b, 0xFF, 0xD8)
	b = appendSegment(b, 0xE1, append([]byte(exifPrefix), tiff...))
	b = appendSegment(b, 0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>"+gps+"</exif:GPSLatitude></x:xmpmeta>"))
	b = appendSegment(b, 0xED, []byte("Photoshop 3.0\x008BIM By-line: Siti Aminah"))
	b = appendSegment(b, 0xFE, []byte("Siti Aminah's phone"))
	b = appendSegment(b, 0xE2, []byte("ICC_PROFILE\x00\x01\x01sRGB"))
	return append(b, enc.Bytes()[2:]...)
}

// A photo loses where it was taken and who took it, and keeps its
// pixels, its colour profile and which way is up.
func TestCleanJPEG(t *testing.T) {
	for _, o := range []int{1, 6} {
		in := phonePhoto(t, halves(8, 4), o)
		out := cleanPhoto("fig/Toko.JPG", in)
		for _, gone := range []string{gps, "GPSLatitude", "Siti", "Photoshop"} {
			if bytes.Contains(out, []byte(gone)) {
				t.Errorf("orientation %d: %q is still there", o, gone)
			}
		}
		if !bytes.Contains(out, []byte("ICC_PROFILE")) {
			t.Errorf("orientation %d: the colour profile is gone", o)
		}
		if got := jpegOrientation(out); got != o {
			t.Errorf("orientation %d became %d", o, got)
		}
		if o == 1 && bytes.Contains(out, []byte(exifPrefix)) {
			t.Error("an upright photo keeps an Exif segment")
		}
		_, scanIn, _ := jpegHeader(in)
		if _, scanOut, ok := jpegHeader(out); !ok || !bytes.Equal(scanIn, scanOut) {
			t.Errorf("orientation %d: the picture's data changed", o)
		}
		if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
			t.Errorf("orientation %d: %v", o, err)
		}
	}
	// A second picture after the first (MPF, a gain map), with its own
	// Exif, goes with the index of it.
	first := phonePhoto(t, halves(8, 4), 6)
	mpf := append([]byte{0xFF, 0xD8}, appendSegment(nil, 0xE2, []byte("MPF\x00II*\x00"))...)
	two := append(append(mpf, first[2:]...), phonePhoto(t, halves(2, 2), 1)...)
	clean := cleanJPEG(first)
	if got := cleanPhoto("a.jpg", two); !bytes.Equal(got, clean) {
		t.Errorf("with a second picture: %d bytes, want the %d of the first alone", len(got), len(clean))
	}
	broken := phonePhoto(t, halves(8, 4), 6)[:40]
	if got := cleanPhoto("a.jpg", broken); !bytes.Equal(got, broken) {
		t.Error("a file that does not read as a JPEG was changed")
	}
}

// A PNG loses its text chunks (an author, XMP with a position) and keeps
// its picture.
func TestCleanPNG(t *testing.T) {
	var enc bytes.Buffer
	if err := png.Encode(&enc, halves(8, 4)); err != nil {
		t.Fatal(err)
	}
	in := enc.Bytes()
	chunk := func(kind, data string) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		c = append(append(c, kind...), data...)
		return binary.BigEndian.AppendUint32(c, 0) // the CRC is not checked here
	}
	at := len(pngSignature) + 25 // after IHDR
	var with []byte
	with = append(with, in[:at]...)
	with = append(with, chunk("tEXt", "Author\x00Siti Aminah")...)
	with = append(with, chunk("iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00"+gps)...)
	with = append(with, in[at:]...)
	if got := cleanPhoto("a.png", with); !bytes.Equal(got, in) {
		t.Errorf("got %d bytes, want the %d of the PNG without its text", len(got), len(in))
	}
}

// A photo stored sideways (orientation 6: turn it a quarter clockwise;
// 8: anticlockwise) is shown with its stored height as its width, and its
// copies are upright: red on top for 6, at the bottom for 8.
func TestTurnedPhotoCopies(t *testing.T) {
	for o, redOnTop := range map[int]bool{6: true, 8: false} {
		photo := phonePhoto(t, halves(1600, 800), o)
		info := readImage(fstest.MapFS{"p.jpg": {Data: photo}}, "p.jpg", false)
		if info.width != 800 || info.height != 1600 {
			t.Errorf("orientation %d: shown %d x %d, want 800 x 1600", o, info.width, info.height)
		}
		files, err := resize("/id/p.jpg", photo, []int{480}, "")
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(files[0].Body))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 480 || b.Dy() != 960 {
			t.Errorf("orientation %d: copy %v, want 480 x 960", o, b)
		}
		top, _, _, _ := img.At(240, 100).RGBA()
		bottom, _, _, _ := img.At(240, 860).RGBA()
		if (top > bottom) != redOnTop {
			t.Errorf("orientation %d: red at top %d, at bottom %d", o, top>>8, bottom>>8)
		}
		if bytes.Contains(files[0].Body, []byte(exifPrefix)) {
			t.Errorf("orientation %d: the copy carries Exif", o)
		}
	}
}

// Every orientation shows the stored corners where a viewer puts them.
func TestUprightCorners(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(i / 4) // pixel k holds k: 0 1 2 / 3 4 5
	}
	// The shown picture's first row, per orientation.
	for o, want := range map[int]string{1: "012", 2: "210", 3: "543", 4: "345", 5: "03", 6: "30", 7: "52", 8: "25"} {
		got := upright(img, o)
		var row strings.Builder
		for x := range got.Rect.Dx() {
			row.WriteByte('0' + got.Pix[got.PixOffset(x, 0)])
		}
		if row.String() != want {
			t.Errorf("orientation %d: first row %s, want %s", o, row.String(), want)
		}
	}
}

// The photo a site publishes is cleaned, and its page gives its size as
// shown.
func TestPublishedPhotoIsClean(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":           {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/a.md":     {Data: []byte("---\ntitle: Toko\n---\n![Etalase toko](toko.jpg)\n")},
		"content/id/toko.jpg": {Data: phonePhoto(t, halves(400, 200), 6)},
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		switch f.Path {
		case "id/toko.jpg":
			if bytes.Contains(f.Body, []byte(gps)) || jpegOrientation(f.Body) != 6 {
				t.Errorf("published photo: GPS kept %v, orientation %d", bytes.Contains(f.Body, []byte(gps)), jpegOrientation(f.Body))
			}
		case "id/a/index.html":
			if !strings.Contains(string(f.Body), `width="200" height="400"`) {
				t.Errorf("the page gives the photo's stored size: %s", f.Body)
			}
		}
	}
}

// Cleaning reads any bytes without failing, twice gives what once gave,
// and a picture that decoded still decodes, at the same size.
func FuzzCleanPhoto(f *testing.F) {
	var enc bytes.Buffer
	if err := png.Encode(&enc, halves(4, 2)); err != nil {
		f.Fatal(err)
	}
	f.Add(enc.Bytes(), false)
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, halves(4, 2), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(photo.Bytes(), true)
	f.Add(append([]byte{0xFF, 0xD8}, appendSegment(nil, 0xE1, append([]byte(exifPrefix), "MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03"...))...), true)
	f.Fuzz(func(t *testing.T, body []byte, isJPEG bool) {
		name := "a.png"
		if isJPEG {
			name = "a.jpg"
		}
		once := cleanPhoto(name, body)
		if twice := cleanPhoto(name, once); !bytes.Equal(once, twice) {
			t.Errorf("cleaning again changed %q to %q", once, twice)
		}
		before, _, err := image.DecodeConfig(bytes.NewReader(body))
		if err != nil {
			return
		}
		if after, _, err := image.DecodeConfig(bytes.NewReader(once)); err != nil || after != before {
			t.Errorf("decoded %v before, %v (%v) after", before, after, err)
		}
	})
}
