package build

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"path"

	"lentera/generator/internal/parallel"
	"lentera/generator/site"
)

// A photo kept as PNG (a phone's picture pasted into a slide, a product
// shot from a shop's page) weighs five to ten times what it does as a
// JPEG, and course material is full of them. Such a PNG gets JPEG copies,
// one of them as wide as itself, and phones download those instead: a
// lesson's photo of 888 x 469 pixels went from 726 KB to a tenth of that.
// The original is still published, and is the image's src.
//
// A PNG is taken for a photo by its weight: lossless compression cannot
// keep a photo under about a byte per pixel, while diagrams, charts and
// screenshots, flat colours and text, take a fifth of that or less. One
// that is transparent in more than a few pixels stays a PNG, as a JPEG has
// no transparency: a product cut out of its background must not come out
// on a white box in the dark theme. A few are allowed, and made white: an
// export's soft edge, a pixel wide (both photos of that lesson had one).
const (
	photoBytesPerPixel = 0.8
	seeThroughPart     = 0.01 // of the pixels
)

// looksLikePhoto says whether a PNG weighs what a photo does.
func looksLikePhoto(info imageInfo) bool {
	pixels := float64(info.width) * float64(info.height)
	return !info.unscaled && pixels > 0 && float64(info.bytes) >= photoBytesPerPixel*pixels
}

// keptAsPNG gives the photos among pngs JPEG copies (see above). Whether
// a PNG that may be transparent is takes reading every pixel: the build
// cache's copies of the same content tell, else the image is read, on
// every processor. The file's key is kept, so that making the copies does
// not read the file again to find them in the cache.
func (b *Builder) keptAsPNG(pngs []site.File, infos map[string]imageInfo) {
	opaque, keys := make([]bool, len(pngs)), make([]string, len(pngs))
	parallel.Do(len(pngs), func(i int) error {
		f := pngs[i]
		if !infos[f.URL].seeThrough {
			opaque[i] = true
			return nil
		}
		body, err := fs.ReadFile(b.fsys, f.Src)
		if err != nil {
			return nil // the copies' own read reports it
		}
		keys[i] = imageKey(f.URL, body)
		if files, ok := b.resized[keys[i]]; ok {
			opaque[i] = len(files) > 0 && path.Ext(files[0].Path) == ".jpg"
			return nil
		}
		opaque[i] = mostlyOpaque(body)
		return nil
	})
	for i, f := range pngs {
		info := infos[f.URL]
		info.key = keys[i]
		if opaque[i] {
			info.copyExt = ".jpg"
			info.copies = append(smallerWidths(info.width), info.width)
		}
		infos[f.URL] = info
	}
}

// mostlyOpaque reports whether a PNG is transparent in no more than
// seeThroughPart of its pixels.
func mostlyOpaque(body []byte) bool {
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		return false
	}
	b := img.Bounds()
	allowed := int(seeThroughPart * float64(b.Dx()*b.Dy()))
	// The decoder's common results read without a call a pixel. It gives
	// grey and RGB images of these types only when no colour is
	// transparent.
	switch img := img.(type) {
	case *image.Gray, *image.Gray16, *image.RGBA, *image.RGBA64:
		return true
	case *image.NRGBA:
		for i := 3; i < len(img.Pix) && allowed >= 0; i += 4 {
			if img.Pix[i] != 0xff {
				allowed--
			}
		}
		return allowed >= 0
	}
	for y := b.Min.Y; y < b.Max.Y && allowed >= 0; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				allowed--
			}
		}
	}
	return allowed >= 0
}
