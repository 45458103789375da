// Package offline makes what lets a course be read without a connection:
// the service worker of each edition, the list of files that saving a
// language for offline reading fetches, the web app manifests and the
// icons they name.
//
// The service worker (worker.js, with its settings filled in) keeps
// visited pages and their files, answers pages from the network first and
// fingerprinted files from its cache first, and on request saves every
// file of one language. Its cache is named after the build's version, so
// a new build's worker starts a fresh cache and deletes the old one, and
// saves again the languages the reader had saved: pages and files of two
// builds are never mixed.
package offline

import (
	_ "embed"
	"encoding/json"
	"strings"
)

//go:embed worker.js
var workerJS string

// Worker is the service worker of one edition of a site.
type Worker struct {
	Version string            // the build's hash; names the cache
	Base    string            // the edition's root as a link, "/" or "/course/trainer/"
	Missing map[string]string // per language, what a page that is not saved says offline
}

type workerConfig struct {
	Version string            `json:"v"`
	Base    string            `json:"base"`
	Missing map[string]string `json:"missing"`
}

// Script is the worker's JavaScript.
func (w Worker) Script() []byte {
	cfg, _ := json.Marshal(workerConfig{w.Version, w.Base, w.Missing}) // strings only: cannot fail
	return []byte(strings.Replace(workerJS, "/*CONFIG*/{}", string(cfg), 1))
}

// ListName is the file beside a language's home that lists what saving
// the language fetches.
const ListName = "offline.json"

// List is what saving a language for offline reading fetches: every page
// of the language, its search index and calendars, and the site's assets;
// of an image the build made copies of, the one copy the phone's screen
// shows.
type List struct {
	Files  []string   `json:"files"`            // links
	Bytes  int64      `json:"bytes"`            // their total size, as stored on the phone
	Images [][]Source `json:"images,omitempty"` // per image, the files of its srcset, narrowest first
}

// Source is one file an image can be shown from, in JSON [link, width,
// bytes]: the worker picks, as the browser does from a srcset, the
// narrowest as wide as the phone needs.
type Source struct {
	Link  string
	Width int
	Bytes int64
}

func (s Source) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{s.Link, s.Width, s.Bytes})
}

// JSON encodes the list.
func (l List) JSON() []byte {
	body, _ := json.Marshal(l) // strings and a number: cannot fail
	return body
}
