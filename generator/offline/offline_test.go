package offline

import (
	"bytes"
	"encoding/json"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// The icons are PNGs of their size, green at the edge (a maskable icon is
// cut to any shape) and light in the middle.
func TestIcon(t *testing.T) {
	for _, size := range IconSizes {
		img, err := png.Decode(bytes.NewReader(Icon(size)))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("icon %d is %v", size, b)
		}
		if r, g, b, _ := img.At(0, 0).RGBA(); r>>8 != 0x0f || g>>8 != 0x5c || b>>8 != 0x4d {
			t.Errorf("icon %d corner is %x %x %x, not the brand green", size, r>>8, g>>8, b>>8)
		}
		if r, _, _, _ := img.At(size/2, size/2).RGBA(); r>>8 != 0xff {
			t.Errorf("icon %d centre is not the warm light", size)
		}
	}
}

func TestManifest(t *testing.T) {
	m := Manifest{Name: "Playbook UMKM di Era Video Pendek", Lang: "id", StartURL: "/k/id/", Scope: "/k/", Icons: map[int]string{192: "/k/a.png", 512: "/k/b.png"}}
	var got map[string]any
	if err := json.Unmarshal(m.JSON(), &got); err != nil {
		t.Fatal(err)
	}
	if got["short_name"] != "Playbook" || got["start_url"] != "/k/id/" || got["scope"] != "/k/" || got["display"] != "standalone" || got["theme_color"] != Brand {
		t.Errorf("manifest %v", got)
	}
	if icons := got["icons"].([]any); len(icons) != 2 {
		t.Errorf("icons %v", icons)
	}
}

// The worker gets its settings in place of the placeholder, once.
func TestWorkerScript(t *testing.T) {
	js := string(Worker{Version: "abc123", Base: "/k/", Missing: map[string]string{"id": "Belum </script> tersimpan"}}.Script())
	if strings.Contains(js, "/*CONFIG*/") || !strings.Contains(js, `"v":"abc123"`) || !strings.Contains(js, `"base":"/k/"`) {
		t.Errorf("settings not filled in: %.300s", js)
	}
	if strings.Contains(js, "</script>") {
		t.Error("a UI string can end a script element")
	}
}

// Icon samples only the pixels an edge crosses; every pixel must still be
// the mean of all its samples, as when each pixel was sampled.
func TestIconSamplesWhereEdgesCross(t *testing.T) {
	for _, size := range []int{48, 192, 512} {
		img, err := png.Decode(bytes.NewReader(Icon(size)))
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				var r, g, b float64
				for sy := 0; sy < 4; sy++ {
					for sx := 0; sx < 4; sx++ {
						c := shade((float64(x)+(float64(sx)+.5)/4)/float64(size), (float64(y)+(float64(sy)+.5)/4)/float64(size))
						r, g, b = r+float64(c.R), g+float64(c.G), b+float64(c.B)
					}
				}
				want := color.NRGBA{uint8(r/16 + .5), uint8(g/16 + .5), uint8(b/16 + .5), 0xff}
				if got := color.NRGBAModel.Convert(img.At(x, y)); got != want {
					t.Fatalf("size %d, pixel (%d, %d) = %v, want %v", size, x, y, got, want)
				}
			}
		}
	}
}

func BenchmarkIcon(b *testing.B) {
	for b.Loop() {
		for _, size := range IconSizes {
			Icon(size)
		}
	}
}
