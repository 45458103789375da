package build

import (
	"bytes"
	"encoding/binary"
	"image"
	"path"
	"slices"
	"strings"
)

// A photo from a phone carries where it was taken (GPS), the camera and
// its owner's name, and a course published with it tells every reader
// where its trainer lives. So the photos a site publishes lose their
// metadata, losslessly: a JPEG keeps its pixels, colour profile and the
// one tag that says which way is up (Orientation, which browsers obey);
// a PNG keeps everything but its text chunks and eXIf. The smaller copies
// are turned upright as they are made, and carry nothing.

// cleanPhoto is body, a file of the site, without its metadata when it is
// a JPEG or PNG; anything else, or a file that does not read as one, is
// left as it is.
func cleanPhoto(name string, body []byte) []byte {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return cleanJPEG(body)
	case ".png":
		return cleanPNG(body)
	}
	return body
}

// jpegSegment is one segment of a JPEG's header: its marker and payload.
type jpegSegment struct {
	marker  byte
	payload []byte
}

// jpegHeader splits a JPEG into its header's segments, up to the start of
// the scan, and the rest; ok is false when it does not read as a JPEG,
// and segs then holds the segments read before the trouble (all there
// are in the first bytes of a longer file).
func jpegHeader(body []byte) (segs []jpegSegment, rest []byte, ok bool) {
	if len(body) < 4 || body[0] != 0xFF || body[1] != 0xD8 {
		return nil, nil, false
	}
	for p := 2; ; {
		for p < len(body) && body[p] == 0xFF && p+1 < len(body) && body[p+1] == 0xFF {
			p++ // fill bytes
		}
		if p+4 > len(body) || body[p] != 0xFF {
			return segs, nil, false
		}
		marker := body[p+1]
		if marker == 0xDA { // start of scan: the image data follows
			return segs, body[p:], true
		}
		n := int(binary.BigEndian.Uint16(body[p+2:]))
		if n < 2 || p+2+n > len(body) {
			return segs, nil, false
		}
		segs = append(segs, jpegSegment{marker, body[p+4 : p+2+n]})
		p += 2 + n
	}
}

// exifPrefix starts an Exif segment's payload.
const exifPrefix = "Exif\x00\x00"

// metadataSegment says whether a JPEG header segment holds metadata
// rather than what draws the picture: Exif and XMP (APP1), Photoshop's
// IPTC (APP13), comments, and the index of the pictures after this one
// (MPF, APP2), which cleanJPEG drops.
func metadataSegment(s jpegSegment) bool {
	switch s.marker {
	case 0xE1, 0xED, 0xFE:
		return true
	case 0xE2:
		return bytes.HasPrefix(s.payload, []byte("MPF\x00"))
	}
	return false
}

// cleanJPEG is body without its metadata segments, with an Exif segment
// holding the orientation alone where the photo needs turning.
func cleanJPEG(body []byte) []byte {
	segs, rest, ok := jpegHeader(body)
	if !ok {
		return body
	}
	end := imageEnd(rest)
	if end == len(rest) && !slices.ContainsFunc(segs, metadataSegment) {
		return body // nothing to drop, and no Exif to turn it
	}
	orientation := orientationOf(segs)
	out := append(make([]byte, 0, len(body)), 0xFF, 0xD8)
	for i, s := range segs {
		// A JFIF segment stays first, as its standard wants.
		if orientation != 1 && (i == 0 && s.marker != 0xE0 || i == 1 && segs[0].marker == 0xE0) {
			out = appendSegment(out, 0xE1, orientationExif(orientation))
		}
		if !metadataSegment(s) {
			out = appendSegment(out, s.marker, s.payload)
		}
	}
	return append(out, rest[:end]...)
}

// imageEnd is where the picture that rest starts (at its first start of
// scan) ends: after its end-of-image marker. What phones write after it (a
// second picture for MPF, an HDR gain map, a maker's trailer) may carry
// metadata of its own, and a browser shows none of it. The tables and
// scans of a progressive JPEG between are segments with a length; in a
// scan's data 0xFF is followed by 0x00, a restart marker or more 0xFF.
// When rest ends before its end-of-image marker, all of it is kept.
func imageEnd(rest []byte) int {
	for p := 0; p+1 < len(rest); {
		if rest[p] != 0xFF {
			p++
			continue
		}
		switch m := rest[p+1]; {
		case m == 0xD9:
			return p + 2
		case m == 0x00, m == 0xFF, m >= 0xD0 && m <= 0xD7:
			p++
		default: // a segment: skip its payload, where 0xFF may stand
			if p+4 > len(rest) {
				return len(rest)
			}
			p += 2 + int(binary.BigEndian.Uint16(rest[p+2:]))
		}
	}
	return len(rest)
}

// jpegOrientation is the orientation a JPEG's Exif gives, 1 when none;
// head may be the file's first bytes only.
func jpegOrientation(head []byte) int {
	segs, _, _ := jpegHeader(head)
	return orientationOf(segs)
}

// orientationOf is the orientation the first Exif segment gives, as
// browsers read it; 1 when none.
func orientationOf(segs []jpegSegment) int {
	for _, s := range segs {
		if s.marker == 0xE1 && bytes.HasPrefix(s.payload, []byte(exifPrefix)) {
			return exifOrientation(s.payload[len(exifPrefix):])
		}
	}
	return 1
}

func appendSegment(out []byte, marker byte, payload []byte) []byte {
	out = append(out, 0xFF, marker)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	return append(out, payload...)
}

// exifOrientation reads the Orientation tag (0x0112) of the first image
// directory of tiff, an Exif segment's TIFF structure; 1 when it has
// none or it does not read.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	n := int(order.Uint16(tiff[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			return 1
		}
		if order.Uint16(tiff[e:]) == 0x0112 && order.Uint16(tiff[e+2:]) == 3 {
			if o := int(order.Uint16(tiff[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// orientationExif is an Exif segment's payload holding orientation o
// alone.
func orientationExif(o int) []byte {
	b := []byte(exifPrefix + "MM\x00*\x00\x00\x00\x08\x00\x01")
	b = append(b, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, byte(o), 0x00, 0x00)
	return append(b, 0x00, 0x00, 0x00, 0x00) // no next directory
}

// turned says whether orientation o turns the picture a quarter, so that
// its width on screen is its stored height.
func turned(o int) bool { return o >= 5 && o <= 8 }

// upright turns img as Exif orientation o says a viewer shows it.
func upright(img *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return img
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	dw, dh := w, h
	if turned(o) {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			sx, sy := storedAt(o, x, y, w, h)
			s, d := img.PixOffset(img.Rect.Min.X+sx, img.Rect.Min.Y+sy), dst.PixOffset(x, y)
			copy(dst.Pix[d:d+4], img.Pix[s:s+4])
		}
	}
	return dst
}

// storedAt is the stored pixel shown at (x, y) under orientation o, for a
// stored picture w by h.
func storedAt(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	case 8:
		return w - 1 - y, x
	}
	return x, y
}

// pngSignature starts every PNG.
const pngSignature = "\x89PNG\r\n\x1a\n"

// pngMetadata are the chunks that hold text and Exif, not the picture.
var pngMetadata = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "eXIf": true}

// cleanPNG is body without its text and Exif chunks.
func cleanPNG(body []byte) []byte {
	if !bytes.HasPrefix(body, []byte(pngSignature)) {
		return body
	}
	out := append(make([]byte, 0, len(body)), pngSignature...)
	for p := len(pngSignature); p < len(body); {
		if p+12 > len(body) {
			return body
		}
		n := int(binary.BigEndian.Uint32(body[p:]))
		end := p + 12 + n // length, type, data, CRC
		if n < 0 || end > len(body) || end < p {
			return body
		}
		if !pngMetadata[string(body[p+4:p+8])] {
			out = append(out, body[p:end]...)
		}
		p = end
	}
	return out
}
