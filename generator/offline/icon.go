package offline

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// IconSizes are the square icons the manifest lists, in pixels: 192 for
// the home screen, 512 for the splash screen.
var IconSizes = []int{192, 512}

// Brand is the theme colour: the header's green, the manifest's
// theme_color and the icon's background.
const Brand = "#0f5c4d"

var (
	brand = color.NRGBA{0x0f, 0x5c, 0x4d, 0xff}
	light = color.NRGBA{0xff, 0xbf, 0x47, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// Icon draws the course icon at size×size: a lantern's light (a warm disc
// in a white ring) on the brand green, filling the whole square so it
// works as a maskable icon, whose safe zone is the middle 80%.
func Icon(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.SetNRGBA(x, y, pixel(x, y, size))
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // writes to memory
	return buf.Bytes()
}

// edges are the distances from the centre where the icon's colour
// changes: the light's disc ends, the white ring starts and ends.
var edges = [...]float64{.17, .23, .28}

// pixel is the colour of pixel (x, y): the mean of samples×samples points
// in it, for smooth edges without a library. Only pixels an edge crosses
// need them; any other is one colour throughout.
func pixel(x, y, size int) color.NRGBA {
	const samples = 4
	at := func(sx, sy float64) color.NRGBA {
		return shade((float64(x)+sx)/float64(size), (float64(y)+sy)/float64(size))
	}
	d := math.Hypot((float64(x)+.5)/float64(size)-.5, (float64(y)+.5)/float64(size)-.5)
	half := math.Sqrt2 / 2 / float64(size) // centre to corner
	crossed := false
	for _, e := range edges {
		crossed = crossed || math.Abs(d-e) <= half
	}
	if !crossed {
		return at(.5, .5)
	}
	var r, g, b float64
	for sy := 0; sy < samples; sy++ {
		for sx := 0; sx < samples; sx++ {
			c := at((float64(sx)+.5)/samples, (float64(sy)+.5)/samples)
			r, g, b = r+float64(c.R), g+float64(c.G), b+float64(c.B)
		}
	}
	n := float64(samples * samples)
	return color.NRGBA{uint8(r/n + .5), uint8(g/n + .5), uint8(b/n + .5), 0xff}
}

// shade is the icon's colour at (u, v), both from 0 to 1.
func shade(u, v float64) color.NRGBA {
	d := math.Hypot(u-.5, v-.5)
	switch {
	case d < edges[0]:
		return light
	case d > edges[1] && d < edges[2]:
		return white
	}
	return brand
}
