package site

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// Figures as drawing programs write them pass: Inkscape's own attributes,
// Illustrator's entity DOCTYPE, draw.io's HTML labels and embedded
// diagram, an embedded photo, a Latin-1 file, a CSS style sheet.
func TestDrawingsPass(t *testing.T) {
	for name, svg := range map[string]string{
		"plain": `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>`,
		"inkscape": `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" sodipodi:docname="peta.svg" inkscape:export-filename="peta.png" only_selected="false">
  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="0.5"/>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M 0,0 H 10" style="fill:none;stroke:#000"/></g>
</svg>`,
		"illustrator": `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink 'http://www.w3.org/1999/xlink'>
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="64" height="32">
<switch><foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1"><i:pgfRef xlink:href="#adobe_illustrator_pgf"/></foreignObject>
<g i:extraneous="self"><circle cx="8" cy="8" r="4"/></g></switch>
</svg>`,
		"draw.io": `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="121px" height="61px" viewBox="-0.5 -0.5 121 61" content="&lt;mxfile host=&quot;app.diagrams.net&quot;&gt;&lt;diagram id=&quot;x&quot;&gt;7Zc=&lt;/diagram&gt;&lt;/mxfile&gt;"><defs/><g><rect x="0" y="0" width="120" height="60" fill="#ffffff" stroke="#000000"/><g transform="translate(-0.5 -0.5)"><switch><foreignObject pointer-events="none" width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" style="overflow: visible; text-align: left;"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex;"><div style="box-sizing: border-box;">Stok <b>gudang</b><br/></div></div></foreignObject><text x="60" y="34" fill="#000000" font-family="Helvetica" font-size="12px" text-anchor="middle">Stok gudang</text></switch></g><a xlink:href="https://www.tiktok.com/"><text>TikTok</text></a></g></svg>`,
		"photo":   `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image width="1" height="1" xlink:href="data:image/png;base64,iVBORw0KGgo="/><image href="DATA:Image/JPEG;base64,/9j/"/></svg>`,
		"latin1":  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><title>Caf\xe9</title></svg>",
		"css":     `<?xml-stylesheet type="text/css" href="gaya.css"?><svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(#g)}</style></svg>`,
	} {
		if line, col, what := scriptInSVG([]byte(svg)); what != "" {
			t.Errorf("%s: refused at %d:%d: %s", name, line, col, what)
		}
	}
}

// Whatever would run when the SVG is opened by itself is refused at its
// line, however it is written.
func TestScriptsInSVGRefused(t *testing.T) {
	const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	for _, tt := range []struct{ name, svg, want string }{
		{"script", open + "\n<script>alert(1)</script></svg>", "2:1: a <script> element"},
		{"prefixed script", `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>`, "1:45: a <script> element"},
		{"script in CDATA", open + "<script><![CDATA[alert(1)]]></script></svg>", "a <script> element"},
		{"handler", "<svg xmlns=\"http://www.w3.org/2000/svg\"\n  onload=\"alert(1)\"/>", "1:1: an event handler (onload=)"},
		{"handler in capitals", open + `<rect ONCLICK="alert(1)"/></svg>`, "an event handler (ONCLICK=)"},
		{"animation handler", open + `<animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>`, "an event handler (onbegin=)"},
		{"link", open + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, "a script address in href="},
		{"link split by a tab", open + "<a xlink:href=\" java\tscript:alert(1)\"><text>x</text></a></svg>", "a script address in href="},
		{"link in character references", open + `<a href="&#106;avascript&#x3a;alert(1)"><text>x</text></a></svg>`, "a script address in href="},
		{"animated link", open + `<a><set attributeName="href" to="JavaScript:alert(1)"/><text>x</text></a></svg>`, "a script address in to="},
		{"animated list", open + `<a><animate attributeName="href" values="#a;vbscript:x"/></a></svg>`, "a script address in values="},
		{"data page", open + `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a></svg>`, "a script address in href="},
		{"data SVG", open + `<use href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, "a script address in href="},
		{"HTML frame", open + `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://x.test/"/></foreignObject></svg>`, "a <iframe> element"},
		{"HTML handler", open + `<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/></foreignObject></svg>`, "an event handler (onerror=)"},
		{"refresh", open + `<foreignObject><meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://x.test/"/></foreignObject></svg>`, "a <meta> element"},
		{"XSLT", `<?xml-stylesheet type="text/xsl" href="x.xsl"?>` + open + `</svg>`, "a style sheet that is not CSS"},
		{"default attribute", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>` + open + `</svg>`, "a DOCTYPE declaring more than text entities"},
		{"external entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + open + `&x;</svg>`, "a DOCTYPE declaring more than text entities"},
		{"entity with markup", `<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>` + open + `&x;</svg>`, "an entity (x) holding markup"},
		{"entity holding an address", `<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>` + open + `<a href="&x;"/></svg>`, "a script address in href="},
		{"undeclared entity", open + "\n\n<text>&x;</text></svg>", "3:0: not well-formed XML"},
		{"malformed", open + "<rect></svg>", "not well-formed XML"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			line, col, what := scriptInSVG([]byte(tt.svg))
			if what == "" {
				t.Fatal("passes")
			}
			got := fmt.Sprintf("%d:%d: %s", line, col, what)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to hold %q", got, tt.want)
			}
		})
	}
}

// A page or a script is refused by its name, in any case, and an SVG by
// what it holds; every author trusted, both are published, and other files
// are never read.
func TestContentFile(t *testing.T) {
	fsys := fstest.MapFS{
		"content/id/a.HTML":      {Data: []byte("<p>a</p>")},
		"content/id/w.mjs":       {Data: []byte("1")},
		"content/id/d.xml":       {Data: []byte("<a/>")},
		"content/id/fig/ok.svg":  {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"content/id/fig/bad.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`)},
		"content/id/foto.png":    {Data: []byte("\x89PNG")},
	}
	for p, refused := range map[string]bool{"content/id/a.HTML": true, "content/id/w.mjs": true, "content/id/d.xml": true, "content/id/fig/bad.svg": true, "content/id/fig/ok.svg": false, "content/id/foto.png": false} {
		f, err := contentFile(fsys, p, false)
		if (err != nil) != refused {
			t.Errorf("%s: error %v, want refused %v", p, err, refused)
		}
		if err == nil && f.URL != "/"+strings.TrimPrefix(p, "content/") {
			t.Errorf("%s: URL %q", p, f.URL)
		}
		if err != nil && (!strings.Contains(err.Error(), p+":") || !f.Broken) {
			t.Errorf("%s: the error does not name the file (%v), or no stand-in is given (%+v)", p, err, f)
		}
		if f, err := contentFile(fsys, p, true); err != nil || f.Body != nil {
			t.Errorf("%s, trusted: %v, body read %v", p, err, f.Body != nil)
		}
	}
	if f, _ := contentFile(fsys, "content/id/fig/ok.svg", false); !bytes.Equal(f.Body, fsys["content/id/fig/ok.svg"].Data) {
		t.Errorf("the checked SVG is not kept to be published: %q", f.Body)
	}
	if f, _ := contentFile(fsys, "content/id/foto.png", false); f.Body != nil {
		t.Error("a photo was read")
	}
}

// An SVG that is not refused has no <script> element: where "<script"
// stands outside comments, CDATA sections, processing instructions and
// DOCTYPEs (all of which start "<!" or "<?"), it is an element.
func FuzzScriptInSVG(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x"/></svg>`))
	f.Add([]byte(`<svg><script>1</script></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg a="&a;"/>`))
	f.Fuzz(func(t *testing.T, svg []byte) {
		_, _, what := scriptInSVG(svg)
		lower := bytes.ToLower(svg)
		if what == "" && bytes.Contains(lower, []byte("<script")) && !bytes.Contains(svg, []byte("<!")) && !bytes.Contains(svg, []byte("<?")) {
			t.Errorf("passes with a script element: %q", svg)
		}
	})
}
