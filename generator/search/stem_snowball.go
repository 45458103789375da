package search

import (
	"strings"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// indexStemmers maps a base language code to a Snowball stemmer that runs
// at build time only. The client does not repeat it: for these languages
// the index is keyed by the words as the client folds them, each word
// holding the pages of its stem (see forms in analyze.go), so the client
// stays small and a query word finds every form of it that the course
// uses. A stemmer here reads the lower-cased word with its accents, as
// Snowball's rules are written ("canción", "ёлка").
var indexStemmers = map[string]func(string) string{
	"es": func(w string) string { return spanish.Stem(w, true) },
	"fr": func(w string) string { return french.Stem(w, true) },
	"ru": func(w string) string { return russian.Stem(w, true) },
	"sv": func(w string) string { return swedish.Stem(w, true) },
	"no": func(w string) string { return norwegian.Stem(w, true) },
	"nb": func(w string) string { return norwegian.Stem(w, true) },
	"hu": func(w string) string { return hungarian.Stem(w, true) },
}

// Stemmed says how a language's words are matched: "client" when the
// browser stems queries as the index was stemmed, "index" when the index
// maps every word form to its stem's pages, "" when words are only folded
// (case and accents).
func Stemmed(lang string) string {
	base := baseLang(lang)
	switch {
	case stemmers[base] != nil:
		return "client"
	case indexStemmers[base] != nil:
		return "index"
	}
	return ""
}

func baseLang(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return base
}
