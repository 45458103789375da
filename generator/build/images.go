package build

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
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
	copies        []int  // widths of the copies the build makes
	copyExt       string // their extension: ".jpg" for a photo kept as PNG
	seeThrough    bool   // a PNG that may have transparent pixels: only they tell
	unscaled      bool   // too many pixels to read whole: no copies
	key           string // imageKey, when the file was read for it already
}

// maxScaledPixels is the largest image the build reads whole to make its
// copies: 64 megapixels take 256 MB as they are read. A larger one is
// published as it is, with a warning: a file of a megabyte or two can
// hold a picture of billions of pixels (20,000 x 20,000 took 25 s and
// 2.5 GB), and a course needs none.
const maxScaledPixels = 64 << 20

// A photo wider than the text column (42rem, about 700 px) gets smaller
// copies of these widths: a phone 360 px wide takes 480 at its screen's
// own density, 720 at twice it, 960 at three times.
var (
	copyWidths  = []int{480, 720, 960}
	columnWidth = 700
)

// phonePixels is the width a phone 360 px wide at twice that density
// gives an image in the text column (sizes in markup: 100vw - 2rem), for
// the page's weight on a phone.
const phonePixels = 2 * (360 - 32)

// copyPath is the site path of a copy: "fig/a.jpg" at 480 px wide is
// "fig/a-480w.jpg". A copy in another format (ext, when not "") names the
// original's too, "fig/a-png-480w.jpg": a course may keep a.jpg beside
// a.png, whose copies would otherwise be the same files.
func copyPath(p string, width int, ext string) string {
	own := path.Ext(p)
	base := strings.TrimSuffix(p, own)
	if ext != "" {
		base += "-" + strings.ToLower(strings.TrimPrefix(own, "."))
	}
	return base + "-" + strconv.Itoa(width) + "w" + cmp.Or(ext, own)
}

// images reads the size of every image under content/, by site path, and
// a key that changes when any of them does.
func (b *Builder) images(s *site.Site) (map[string]imageInfo, uint64) {
	infos := map[string]imageInfo{}
	var photos []site.File
	for _, f := range s.Files {
		ext := strings.ToLower(path.Ext(f.Src))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" && ext != ".svg" && ext != ".webp" {
			continue
		}
		info := readImage(b.fsys, f.Src, ext == ".svg")
		info.unscaled = ext != ".svg" && int64(info.width)*int64(info.height) > maxScaledPixels
		if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") && info.width > columnWidth && !info.unscaled {
			info.copies = smallerWidths(info.width)
		}
		if ext == ".png" && looksLikePhoto(info) {
			photos = append(photos, f)
		}
		infos[f.URL] = info
	}
	b.keptAsPNG(photos, infos)
	h := digest.New()
	for _, f := range s.Files {
		if info, ok := infos[f.URL]; ok {
			h.String(f.URL)
			h.Int(int64(info.width))
			h.Int(int64(info.height))
			h.Int(info.bytes)
			h.String(info.copyExt)
		}
	}
	return infos, h.Sum()
}

// smallerWidths are the copy widths under width.
func smallerWidths(width int) []int {
	var ws []int
	for _, w := range copyWidths {
		if w < width {
			ws = append(ws, w)
		}
	}
	return ws
}

// maySeeThrough reports whether an image of colour model m may have
// transparent pixels. A PNG's header does not tell for a grey or RGB one:
// a tRNS chunk may name a colour that is transparent, and
// image.DecodeConfig stops before it. Only a palette read whole, with no
// transparent colour, is known to have none.
func maySeeThrough(m color.Model) bool {
	palette, ok := m.(color.Palette)
	if !ok {
		return true
	}
	for _, c := range palette {
		if _, _, _, a := c.RGBA(); a != 0xffff {
			return true
		}
	}
	return false
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
		info.seeThrough = maySeeThrough(cfg.ColorModel)
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
			srcs = append(srcs, markup.Source{Path: copyPath(p, w, info.copyExt), Width: w})
		}
		if info.copyExt != "" { // a JPEG of its own width stands for the PNG
			return srcs
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
		info := infos[f.URL]
		if files, ok := b.resized[info.key]; ok && info.key != "" {
			keys[i], copies[i] = info.key, files
			return nil
		}
		body, err := fs.ReadFile(b.fsys, f.Src)
		if err != nil {
			return fileerr.New(f.Src, 0, 0, err)
		}
		keys[i] = imageKey(f.URL, body)
		if files, ok := b.resized[keys[i]]; ok {
			copies[i] = files
			return nil
		}
		if copies[i], err = resize(f.URL, body, info.copies, info.copyExt); err != nil {
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

// imageKey names an image's copies in the build cache: they change with
// its content.
func imageKey(url string, body []byte) string {
	sum := sha256.Sum256(body)
	return url + "\x00" + hex.EncodeToString(sum[:])
}

// resize scales an image down to each width (a width of its own is a copy
// in another format), in its own format or as ext says.
func resize(url string, body []byte, widths []int, ext string) ([]publish.File, error) {
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
		op := draw.Src
		if format == "png" && ext == ".jpg" { // its few see-through pixels made white
			draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
			op = draw.Over
		}
		if stored.Dx() == b.Dx() && stored.Dy() == b.Dy() {
			draw.Draw(dst, dst.Bounds(), src, b.Min, op)
		} else {
			draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, op, nil)
		}
		dst = upright(dst, o) // the copy carries no Exif to turn it
		var buf bytes.Buffer
		if format == "png" && ext == "" {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
		} else {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80})
		}
		if err != nil {
			return nil, fmt.Errorf("resize image: %w", err)
		}
		files = append(files, publish.File{Path: strings.TrimPrefix(site.FilePath(copyPath(url, w, ext)), "/"), Body: buf.Bytes()})
	}
	return files, nil
}

// overBudget warns about every page whose images weigh more than
// imageBudget on a phone: where an image has copies, the one a phone
// downloads counts (see phoneCopy), so a page is not warned of what the
// build has already made smaller.
func overBudget(docs render.Docs, infos map[string]imageInfo, copies []publish.File) []error {
	sizes := map[string]int64{}
	for _, f := range copies {
		sizes["/"+f.Path] = int64(len(f.Body))
	}
	var warnings []error
	for p, d := range docs {
		if total := imagesWeight(d, infos, sizes); total > imageBudget {
			warnings = append(warnings, fileerr.New(p.File, 0, 0,
				fmt.Errorf("its images weigh %d KB on a phone, more than the %d KB a page should cost one: make them smaller", total>>10, imageBudget>>10)))
		}
	}
	return warnings
}

// phoneCopy is the source of image p a phone downloads (see phonePixels):
// the narrowest copy as wide as it needs, or the widest there is.
func phoneCopy(p string, infos map[string]imageInfo) string {
	srcs := imageSources(infos)(p)
	for _, src := range srcs {
		if src.Width >= phonePixels {
			return src.Path
		}
	}
	if len(srcs) == 0 {
		return p
	}
	return srcs[len(srcs)-1].Path
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

// imagesWeight is what a page's images weigh on a phone: sizes are the
// copies', by site path.
func imagesWeight(d *markup.Doc, infos map[string]imageInfo, sizes map[string]int64) int64 {
	var total int64
	seen := map[string]bool{}
	for _, p := range d.Images {
		if seen[p] {
			continue
		}
		seen[p] = true
		if n, ok := sizes[site.FilePath(phoneCopy(p, infos))]; ok {
			total += n
		} else {
			total += infos[p].bytes
		}
	}
	return total
}
