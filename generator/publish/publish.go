// Package publish is the last phase: it minifies outputs by media type,
// fingerprints assets, and writes the site to disk so that readers of the
// output folder never see half a build. It writes only into a folder that
// is its own to replace (CheckOut, Marker).
package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// File is one file of the built site.
type File struct {
	Path string // relative to the output root, slash-separated
	Body []byte
}

// Minifier minifies by media type. It is safe for concurrent use.
type Minifier struct {
	m         *minify.M
	templates *minify.M // HTML with Go template actions in it
}

// htmlMinifier is how pages are minified. Document and end tags and
// attribute quotes stay, which costs little once gzipped and keeps the
// output readable by simple tools.
func htmlMinifier() *html.Minifier {
	return &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

// NewMinifier registers a minifier for HTML, CSS, JS, JSON, SVG and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", htmlMinifier())
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	tm := minify.New()
	h := htmlMinifier()
	h.TemplateDelims = html.GoTemplateDelims
	tm.Add("text/html", h)
	return &Minifier{m: m, templates: tm}
}

// Template minifies an HTML layout with its Go template actions, which it
// leaves as they are, so that pages rendered through it come out minified.
func (mf *Minifier) Template(src []byte) ([]byte, error) {
	return mf.templates.Bytes("text/html", templateComment.ReplaceAll(src, []byte("{{$1/**/$2}}")))
}

// templateComment is a {{/* comment */}}, trim markers and all. Its text
// is dropped before minifying: the minifier reads a quote inside an
// action as the start of a string, so an apostrophe in a comment ("the
// chapter's") would hide the rest of the layout from it.
var templateComment = regexp.MustCompile(`(?s)\{\{(-? *)/\*.*?\*/( *-?)\}\}`)

// Minify returns body minified for the media type of name's extension, or
// body unchanged when no minifier handles it.
func (mf *Minifier) Minify(name string, body []byte) ([]byte, error) {
	mediaType := MediaType(name)
	out, err := mf.m.Bytes(mediaType, body)
	if err == minify.ErrNotExist {
		return body, nil
	}
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// MediaType is the media type of a file name, without parameters.
func MediaType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript"
	case ".ics":
		return "text/calendar"
	case ".webmanifest":
		return "application/manifest+json"
	}
	t := mime.TypeByExtension(path.Ext(name))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	if t == "" {
		return "application/octet-stream"
	}
	return t
}

// Fingerprint names an asset after its content, "site.css" becoming
// "site.1a2b3c4d.css", so it can be cached forever.
func Fingerprint(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
