package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// A page shows its images with their width and height, and a page whose
// images weigh more than the budget gets a warning naming its file.
func TestImageSizesAndBudget(t *testing.T) {
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 640, 360))); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md": {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":      {Data: []byte("---\ntitle: Ringan\n---\n![Layar](layar.png)\n")},
		"content/id/b.md":      {Data: []byte("---\ntitle: Berat\n---\n![Foto satu](satu.jpg)\n\n![Foto dua](dua.jpg)\n")},
		"content/id/layar.png": {Data: small.Bytes()},
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
	if len(over) != 1 || !strings.Contains(over[0], "content/id/b.md") || !strings.Contains(over[0], "350 KB") {
		t.Errorf("budget warnings %q, want one for content/id/b.md at 350 KB", over)
	}
}

// An image wider than the text column gets smaller copies in a srcset,
// in its own format; the original stays, as src and in the srcset. A wide
// image no page shows is published as it is, without copies.
func TestWideImageCopies(t *testing.T) {
	var wide bytes.Buffer
	if err := png.Encode(&wide, image.NewGray(image.Rect(0, 0, 1200, 800))); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: Kursus\nlanguages: [id]\nbaseURL: https://example.org/k/\n")},
		"content/id/_index.md":     {Data: []byte("---\ntitle: Kursus\n---\n")},
		"content/id/a.md":          {Data: []byte("---\ntitle: Lebar\n---\n![Panorama](fig/lebar.png)\n")},
		"content/id/fig/lebar.png": {Data: wide.Bytes()},
		"content/id/fig/lama.png":  {Data: wide.Bytes()},
	}
	res, err := Build(context.Background(), Options{Site: fsys, BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Body
	}
	for path, width := range map[string]int{"id/fig/lebar-480w.png": 480, "id/fig/lebar-960w.png": 960, "id/fig/lebar.png": 1200} {
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
		`srcset="/k/id/fig/lebar-480w.png 480w, /k/id/fig/lebar-960w.png 960w, /k/id/fig/lebar.png 1200w"`,
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
	var one bytes.Buffer
	if err := png.Encode(&one, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	bomb := one.Bytes()
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
