package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/ianaindex"

	"lentera/generator/fileerr"
)

// A course is published on one origin, where the reader's progress is
// kept and the course's service worker answers for every page, offline
// too. Anything that runs there as a page or a script could read the one
// or put its own worker in the place of the other, for every reader who
// opened it once. Chapters are Markdown, whose raw HTML is left out
// unless site.yaml trusts every author (markup: {unsafe: true}); the other
// files under content/ are held to the same, so that a pull request that
// adds a figure cannot add code: a file that a static host serves as a
// page or a script is refused, and so is an SVG that holds a script, which
// a browser runs when the SVG is opened by itself. The layouts and assets/
// are the theme, code by nature, and are not checked.

// runnable are the extensions that static hosts serve as HTML, XML or
// JavaScript, which a browser runs on the site's origin.
var runnable = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true,
	".js": true, ".mjs": true, ".cjs": true,
	".xml": true, ".xsl": true, ".xslt": true, ".svgz": true,
}

// trustNote ends each refusal: what lets the file through.
const trustNote = "it is published only when site.yaml trusts every author of the course (markup: {unsafe: true})"

// contentFile is the file p of content/ to publish as it is, or, with
// an error, a Broken stand-in when it cannot be read or a browser would
// run it as a page or a script. An SVG is read to be checked, and is
// published as read.
func contentFile(fsys fs.FS, p string, unsafe bool) (File, error) {
	f := File{Src: p, URL: fileURL(p)}
	ext := strings.ToLower(path.Ext(p))
	broken := File{Src: p, URL: f.URL, Broken: true}
	switch {
	case unsafe:
	case runnable[ext]:
		return broken, fileerr.Errorf(p, 0, 0, "a %s file runs in the reader's browser as a page or a script of the course's site, so %s; chapters are written in Markdown (.md)", ext, trustNote)
	case ext == ".svg":
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return broken, fileerr.New(p, 0, 0, err)
		}
		if line, col, what := scriptInSVG(body); what != "" {
			return broken, fileerr.Errorf(p, line, col, "%s: a browser runs it when the SVG is opened by itself, on the course's site, so %s; a figure needs none", what, trustNote)
		}
		f.Body = body
	}
	return f, nil
}

// activeElements are the elements that run script or load a document
// into the SVG: none is part of a drawing.
var activeElements = map[string]bool{
	"script": true, "handler": true, "listener": true,
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true, "portal": true,
	"base": true, "meta": true, "form": true,
}

// scriptInSVG finds the first thing in an SVG that a browser would run,
// and where it starts. What a browser could read otherwise than Go's
// decoder does (a malformed file, a DOCTYPE declaring more than text
// entities) is refused too.
func scriptInSVG(body []byte) (line, col int, what string) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Entity = map[string]string{}
	dec.CharsetReader = charsetReader
	for {
		line, col = dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return 0, 0, ""
		}
		if err != nil {
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				line, col = syn.Line, 0
				err = errors.New(syn.Msg)
			}
			return line, col, fmt.Sprintf("not well-formed XML (%v), which a browser shows as an error, not as the figure, and which could hide a script", err)
		}
		if what := activeToken(tok, dec.Entity); what != "" {
			return line, col, what
		}
	}
}

// activeToken says what in tok would run, or "".
func activeToken(tok xml.Token, entities map[string]string) string {
	switch t := tok.(type) {
	case xml.StartElement:
		if name := strings.ToLower(t.Name.Local); activeElements[name] {
			return fmt.Sprintf("a <%s> element", t.Name.Local)
		}
		for _, a := range t.Attr {
			switch {
			case eventHandler.MatchString(a.Name.Local):
				return fmt.Sprintf("an event handler (%s=)", a.Name.Local)
			case scriptAddress(a.Value):
				return fmt.Sprintf("a script address in %s=", a.Name.Local)
			}
		}
	case xml.ProcInst:
		if t.Target == "xml-stylesheet" && !bytes.Contains(t.Inst, []byte(`type="text/css"`)) {
			return "a style sheet that is not CSS (<?xml-stylesheet?>), which can be XSLT that writes a script"
		}
	case xml.Directive:
		return declareEntities(t, entities)
	}
	return ""
}

// scriptAddress reports whether an attribute's value holds a javascript:
// or vbscript: address, or a data: address of anything but a raster
// image, read as a browser reads a URL: tabs and line breaks dropped, in
// any case.
func scriptAddress(v string) bool {
	v = strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v))
	if strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") {
		return true
	}
	for rest := v; ; {
		i := strings.Index(rest, "data:")
		if i < 0 {
			return false
		}
		rest = rest[i+len("data:"):]
		if !rasterData.MatchString(rest) {
			return true
		}
	}
}

// rasterData is what follows "data:" in the address of an embedded
// raster image, as drawing programs embed a photo.
var rasterData = regexp.MustCompile(`^\s*image/(png|jpeg|jpg|gif|webp|avif)[;,]`)

// declareEntities takes the text entities a DOCTYPE declares, as older
// drawing programs declare namespaces (<!ENTITY ns_svg "http://...">),
// into entities. Anything else in its internal subset (a default
// attribute, a parameter or external entity, markup in an entity) is
// refused: Go's decoder does not read it, and a browser may.
func declareEntities(d xml.Directive, entities map[string]string) string {
	s := string(d)
	if !strings.HasPrefix(s, "DOCTYPE") {
		return ""
	}
	start, end := strings.IndexByte(s, '['), strings.LastIndexByte(s, ']')
	if start < 0 {
		return ""
	}
	if end < start {
		return "a DOCTYPE that does not close its declarations"
	}
	subset := s[start+1 : end]
	for _, m := range textEntity.FindAllStringSubmatch(subset, -1) {
		value := m[2] + m[3]
		if strings.ContainsAny(value, "<&") {
			return fmt.Sprintf("an entity (%s) holding markup", m[1])
		}
		entities[m[1]] = value
	}
	if rest := strings.TrimSpace(textEntity.ReplaceAllString(comment.ReplaceAllString(subset, ""), "")); rest != "" {
		return "a DOCTYPE declaring more than text entities"
	}
	return ""
}

var (
	// eventHandler matches the attributes that browsers run (onload,
	// onclick, onbegin), not a drawing program's own (only_selected).
	eventHandler = regexp.MustCompile(`^(?i)on[a-z]+$`)
	textEntity   = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>`)
	comment      = regexp.MustCompile(`(?s)<!--.*?-->`)
)

// charsetReader reads an SVG in the encoding its XML declaration names,
// which Go's decoder reads only as UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unknown encoding %q", label)
	}
	return enc.NewDecoder().Reader(in), nil
}
