package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif" // a decoder for image.DecodeConfig
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"golang.org/x/image/draw"

	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
	"lentera/generator/publish"
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
	copies        []int // widths of the smaller copies the build makes
	unscaled      bool  // too many pixels to read whole: no copies
}

// maxScaledPixels is the largest image the build reads whole to make its
// copies: 64 megapixels take 256 MB as they are read. A larger one is
// published as it is, with a warning: a file of a megabyte or two can
// hold a picture of billions of pixels (20,000 x 20,000 took 25 s and
// 2.5 GB), and a course needs none.
const maxScaledPixels = 64 << 20

// A photo wider than the text column (42rem, about 700 px) gets smaller
// copies of these widths, for phones and for sharp screens.
var (
	copyWidths  = []int{480, 960}
	columnWidth = 700
)

// copyPath is the site path of a smaller copy: "fig/a.jpg" at 480 px wide
// is "fig/a-480w.jpg".
func copyPath(p string, width int) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "-" + strconv.Itoa(width) + "w" + ext
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
		info.unscaled = ext != ".svg" && int64(info.width)*int64(info.height) > maxScaledPixels
		if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") && info.width > columnWidth && !info.unscaled {
			for _, w := range copyWidths {
				if w < info.width {
					info.copies = append(info.copies, w)
				}
			}
		}
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
	// A JPEG's Exif segment, with the orientation, comes first: a photo
	// turned a quarter shows its stored height as its width.
	head := make([]byte, 2)
	n, _ := io.ReadFull(file, head)
	if n == 2 && head[0] == 0xFF && head[1] == 0xD8 {
		head = append(head, make([]byte, 128<<10)...)
		m, _ := io.ReadFull(file, head[2:])
		n += m
	}
	head = head[:n]
	if cfg, format, err := image.DecodeConfig(io.MultiReader(bytes.NewReader(head), file)); err == nil {
		info.width, info.height = cfg.Width, cfg.Height
		if format == "jpeg" && turned(jpegOrientation(head)) {
			info.width, info.height = cfg.Height, cfg.Width
		}
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
				w = cssPixels(a.Value)
			case "height":
				h = cssPixels(a.Value)
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

// pixelsPer are CSS's absolute units in pixels (96 to the inch), as
// drawing programs write an SVG's size: Inkscape in mm.
var pixelsPer = map[string]float64{"": 1, "px": 1, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6, "pt": 96.0 / 72, "pc": 16}

// cssPixels is an SVG length in pixels; 0 for a relative one (50%, 2em)
// or one that does not read, for which the viewBox's size stands.
func cssPixels(v string) float64 {
	v = strings.TrimSpace(v)
	num := strings.TrimRight(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ%")
	per, ok := pixelsPer[strings.ToLower(v[len(num):])]
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if !ok || err != nil || n <= 0 {
		return 0
	}
	return n * per
}

// imageSize is the lookup markup uses for width and height.
func imageSize(infos map[string]imageInfo) func(string) (int, int, bool) {
	return func(p string) (int, int, bool) {
		info, ok := infos[p]
		return info.width, info.height, ok && info.width > 0 && info.height > 0
	}
}

// imageSources is the lookup markup uses for srcset: the copies and the
// original.
func imageSources(infos map[string]imageInfo) func(string) []markup.Source {
	return func(p string) []markup.Source {
		info := infos[p]
		if len(info.copies) == 0 {
			return nil
		}
		var srcs []markup.Source
		for _, w := range info.copies {
			srcs = append(srcs, markup.Source{Path: copyPath(p, w), Width: w})
		}
		return append(srcs, markup.Source{Path: p, Width: info.width})
	}
}

// resizedImages makes the smaller copies of the wide images the pages
// show, on every processor: a lesson's folder often holds figures no page
// shows any more. A copy is made again only when its original changes.
func (b *Builder) resizedImages(s *site.Site, docs render.Docs, infos map[string]imageInfo) ([]publish.File, error) {
	shown := map[string]bool{}
	for _, d := range docs {
		for _, img := range d.Images {
			shown[img] = true
		}
	}
	var wide []site.File
	for _, f := range s.Files {
		if len(infos[f.URL].copies) > 0 && shown[f.URL] {
			wide = append(wide, f)
		}
	}
	keys := make([]string, len(wide))
	copies := make([][]publish.File, len(wide))
	err := parallel.Do(len(wide), func(i int) error {
		f := wide[i]
		body, err := fs.ReadFile(b.fsys, f.Src)
		if err != nil {
			return fileerr.New(f.Src, 0, 0, err)
		}
		sum := sha256.Sum256(body)
		keys[i] = f.URL + "\x00" + hex.EncodeToString(sum[:])
		if files, ok := b.resized[keys[i]]; ok {
			copies[i] = files
			return nil
		}
		if copies[i], err = resize(f.URL, body, infos[f.URL].copies); err != nil {
			return fileerr.New(f.Src, 0, 0, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	made := map[string][]publish.File{}
	var out []publish.File
	for i, files := range copies {
		made[keys[i]] = files
		out = append(out, files...)
	}
	b.resized = made
	return out, nil
}

// resize scales an image down to each width, keeping its format.
func resize(url string, body []byte, widths []int) ([]publish.File, error) {
	src, format, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	o := 1
	if format == "jpeg" {
		o = jpegOrientation(body)
	}
	b := src.Bounds()
	shownW, shownH := b.Dx(), b.Dy()
	if turned(o) {
		shownW, shownH = shownH, shownW
	}
	var files []publish.File
	for _, w := range widths {
		h := (shownH*w + shownW/2) / shownW
		stored := image.Rect(0, 0, w, h)
		if turned(o) {
			stored = image.Rect(0, 0, h, w)
		}
		dst := image.NewRGBA(stored)
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
		dst = upright(dst, o) // the copy carries no Exif to turn it
		var buf bytes.Buffer
		if format == "png" {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
		} else {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80})
		}
		if err != nil {
			return nil, fmt.Errorf("resize image: %w", err)
		}
		files = append(files, publish.File{Path: strings.TrimPrefix(site.FilePath(copyPath(url, w)), "/"), Body: buf.Bytes()})
	}
	return files, nil
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

// unscaled warns of each image too large to make copies of.
func unscaled(s *site.Site, infos map[string]imageInfo) []error {
	var warnings []error
	for _, f := range s.Files {
		if info := infos[f.URL]; info.unscaled {
			warnings = append(warnings, fileerr.New(f.Src, 0, 0, fmt.Errorf("is %d x %d pixels, over the %d megapixels the build reads to make smaller copies: published as it is, for readers' phones to open whole; scale it down", info.width, info.height, maxScaledPixels>>20)))
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
