package serve

import (
	"bytes"
	"encoding/json"
	"html"
)

// Reserved paths. They sit at the root, outside any baseURL path, and no
// build output can take them: every page lives under a language folder.
const (
	reservedPrefix = "/_lentera/"
	clientPath     = reservedPrefix + "client.js"
	eventsPath     = reservedPrefix + "events"
)

// inject adds the reload client to an HTML page as it is served, and the
// error overlay while the site is broken. The build output itself never
// carries either: `build` and `serve --out` write the pages as built.
// files are the output paths the page stands for (the one asked for, and
// the 404 page shown instead); a reload event naming one reloads it.
func inject(page []byte, snap *snapshot, files ...string) []byte {
	names, _ := json.Marshal(files) // strings always marshal
	script := `<script src="` + clientPath + `" data-version="` + html.EscapeString(snap.version) +
		`" data-files="` + html.EscapeString(string(names)) + `" defer></script>`
	out := make([]byte, 0, len(page)+len(script)+len(snap.overlay))
	head := bytes.Index(page, []byte("</head>"))
	body := bytes.LastIndex(page, []byte("</body>"))
	if body < head {
		body = -1
	}
	switch {
	case head >= 0:
		out = append(append(out, page[:head]...), script...)
		page = page[head:]
		body -= head
	case body >= 0:
		out = append(append(out, page[:body]...), script...)
		page = page[body:]
		body = 0
	default:
		out = append(out, script...)
	}
	if body < 0 {
		return append(append(out, page...), snap.overlay...)
	}
	out = append(append(out, page[:body]...), snap.overlay...)
	return append(out, page[body:]...)
}
