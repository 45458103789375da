package search

import "github.com/kljensen/snowball/english"

// stemmers maps a base language code to its stemmer. A language that is not
// here is searched without stemming.
var stemmers = map[string]func(string) string{
	"id": stemIndonesian,
	"ms": stemIndonesian, // Malay shares Indonesian's affixes (stem_id.go)
	"en": stemEnglish,
}

// clientStemmers are the client's copies of stemmers, a script each in
// assets/: a search page carries only its language's.
var clientStemmers = map[string]string{"id": "search-stem-id.js", "ms": "search-stem-id.js", "en": "search-stem-en.js"}

// ClientScripts are the scripts from assets/ that a search page of lang
// inlines, in order: its language's stemmer, if the client stems it, then
// the client.
func ClientScripts(lang string) []string {
	if s, ok := clientStemmers[baseLang(lang)]; ok {
		return []string{s, clientScript}
	}
	return []string{clientScript}
}

// clientScript is the search client, in assets/.
const clientScript = "search.js"

// stemEnglish is Porter2, the Snowball English stemmer. The client has its
// own copy, checked against this one on the Porter2 reference vocabulary.
func stemEnglish(w string) string {
	return english.Stem(w, true)
}
