package testsite

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
)

// Photo is a PNG of w x h random pixels, which PNG cannot make small, as
// it cannot a photo; clear is the share of its pixels that are
// transparent, at random places.
func Photo(w, h int, clear float64) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(rnd.Uint32())
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
		if rnd.Float64() < clear {
			img.Pix[i] = 0
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // only a writer's error, and a buffer has none
	}
	return b.Bytes()
}
