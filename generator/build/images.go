package build

import (
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/markup"
	"lentera/generator/render"
	"lentera/generator/site"
)

// imageBudget is the most a page's images should weigh: past it the build
// warns, since a reader pays for every byte on a metered phone.
const imageBudget = 300 << 10

// imageInfo is what pages need of an image file: its size in pixels, for
// the width and height that keep the page from jumping as it loads, and in
// bytes, for the page's budget.
type imageInfo struct {
	width, height int // 0 when the file could not be read as an image
	bytes         int64
}

// images reads the size of every image under content/, by site path, and
// a key that changes when any of them does.
func (b *Builder) images(s *site.Site) (map[string]imageInfo, uint64) {
	infos := map[string]imageInfo{}
	h := digest.New()
	for _, f := range s.Files {
		ext := strings.ToLower(path.Ext(f.Src))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" && ext != ".svg" && ext != ".webp" {
			continue
		}
		info := readImage(b.fsys, f.Src, ext == ".svg")
		infos[f.URL] = info
		h.String(f.URL)
		h.Int(int64(info.width))
		h.Int(int64(info.height))
		h.Int(info.bytes)
	}
	return infos, h.Sum()
}

// readImage reads no more of a file than its header.
func readImage(fsys fs.FS, name string, svg bool) imageInfo {
	var info imageInfo
	file, err := fsys.Open(name)
	if err != nil {
		return info
	}
	defer file.Close()
	if st, err := file.Stat(); err == nil {
		info.bytes = st.Size()
	}
	if svg {
		info.width, info.height = svgSize(io.LimitReader(file, 4096))
		return info
	}
	if cfg, _, err := image.DecodeConfig(file); err == nil {
		info.width, info.height = cfg.Width, cfg.Height
	}
	return info
}

// svgSize is the size an SVG asks for: its width and height in pixels, or
// its viewBox's.
func svgSize(r io.Reader) (int, int) {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var w, h float64
		var box []string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "height":
				h, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w == 0 || h == 0) && len(box) == 4 {
			w, _ = strconv.ParseFloat(box[2], 64)
			h, _ = strconv.ParseFloat(box[3], 64)
		}
		return int(math.Round(w)), int(math.Round(h))
	}
}

// imageSize is the lookup markup uses for width and height.
func imageSize(infos map[string]imageInfo) func(string) (int, int, bool) {
	return func(p string) (int, int, bool) {
		info, ok := infos[p]
		return info.width, info.height, ok && info.width > 0 && info.height > 0
	}
}

// overBudget warns about every page whose images weigh more than
// imageBudget.
func overBudget(docs render.Docs, infos map[string]imageInfo) []error {
	var warnings []error
	for p, d := range docs {
		if total := imagesWeight(d, infos); total > imageBudget {
			warnings = append(warnings, fileerr.New(p.File, 0, 0,
				fmt.Errorf("its images weigh %d KB, more than the %d KB a page should cost a phone: make them smaller", total>>10, imageBudget>>10)))
		}
	}
	return warnings
}

func imagesWeight(d *markup.Doc, infos map[string]imageInfo) int64 {
	var total int64
	seen := map[string]bool{}
	for _, p := range d.Images {
		if !seen[p] {
			seen[p] = true
			total += infos[p].bytes
		}
	}
	return total
}
