package search

import "github.com/kljensen/snowball/english"

// stemmers maps a base language code to its stemmer. A language that is not
// here is searched without stemming.
var stemmers = map[string]func(string) string{
	"id": stemIndonesian,
	"ms": stemIndonesian, // Malay shares Indonesian's affixes (stem_id.go)
	"en": stemEnglish,
}

// stemEnglish is Porter2, the Snowball English stemmer. The client has its
// own copy, checked against this one on the Porter2 reference vocabulary.
func stemEnglish(w string) string {
	return english.Stem(w, true)
}
