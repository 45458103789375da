package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxTermLen drops runs of letters too long to be words (hashes, base64):
// they would only bloat the index.
const maxTermLen = 40

// analyzer turns text into index terms for one language. The browser client
// (assets/search.js) repeats these steps for queries; testdata/analysis.txt
// holds the vectors both sides must reproduce.
type analyzer struct {
	stop  map[string]bool
	stem  func(string) string // nil when the language has no stemmer the client repeats
	cache map[string]string   // folded word -> term ("" for a stop word)

	// A language stemmed at build time only (stem_snowball.go) stems the
	// word as written, and notes which folded word (what the client looks
	// up) led to which term.
	stemRaw  func(string) string
	rawCache map[string]string // word as written -> term
	forms    map[string]string // folded word -> term, since the last reset

	stats map[string]termStat // the page being read's terms; see pageStats
}

// pageStats is the map a page's terms are counted in, empty. It is the
// same map page after page, cleared after each: made for every page, the
// maps were a third of what reading the pages allocated.
func (a *analyzer) pageStats(textBytes int) map[string]termStat {
	if a.stats == nil {
		// A page of n bytes of text has about n/20 distinct terms (one
		// per 16 to 22 bytes in the bundled course and the bench corpus).
		a.stats = make(map[string]termStat, textBytes/20+16)
	}
	return a.stats
}

func newAnalyzer(lang string) *analyzer {
	a := &analyzer{stop: map[string]bool{}, cache: map[string]string{}}
	base := baseLang(lang)
	for _, w := range strings.Fields(stopWords[base]) {
		a.stop[w] = true
	}
	a.stem = stemmers[base]
	if a.stemRaw = indexStemmers[base]; a.stemRaw != nil {
		a.rawCache, a.forms = map[string]string{}, map[string]string{}
	}
	return a
}

// newQueryAnalyzer analyses text as the client analyses a query: the same
// as the index for languages the client stems, folding only for languages
// stemmed at build time, whose index is keyed by folded words.
func newQueryAnalyzer(lang string) *analyzer {
	a := newAnalyzer(lang)
	a.stemRaw, a.rawCache, a.forms = nil, nil, nil
	return a
}

// terms appends the terms of text to dst, in text order.
func (a *analyzer) terms(dst []string, text string) []string {
	eachWord(text, func(raw string) {
		if a.stemRaw != nil {
			dst = a.stemmedRaw(dst, raw)
			return
		}
		if isASCII(raw) { // the common case, without allocations
			if t := a.term(lowerASCII(raw)); t != "" {
				dst = append(dst, t)
			}
			return
		}
		for _, w := range splitFolded(fold(raw)) {
			if t := a.term(w); t != "" {
				dst = append(dst, t)
			}
		}
	})
	return dst
}

// stemmedRaw appends the term of a word of a language stemmed at build
// time. The folded word decides, as in the client, whether the word counts
// (not a stop word, a lone letter or too long); its stem is taken from the
// lower-cased word and then folded. A word that folding splits ("½") is not
// stemmed.
func (a *analyzer) stemmedRaw(dst []string, raw string) []string {
	parts := splitFolded(fold(raw))
	if len(parts) != 1 {
		for _, w := range parts {
			if t := a.term(w); t != "" {
				a.forms[strings.Clone(w)] = t
				dst = append(dst, t)
			}
		}
		return dst
	}
	t, ok := a.rawCache[raw]
	if !ok {
		if t = a.term(parts[0]); t != "" {
			// Folded, a stem can hold what is not a letter or digit ("ŀ"
			// is "l·"): only its letters and digits make the term.
			if stem := strings.Join(splitFolded(fold(a.stemRaw(strings.ToLower(norm.NFC.String(raw))))), ""); stem != "" {
				t = strings.Clone(stem)
			}
		}
		a.rawCache[strings.Clone(raw)] = t
	}
	if t == "" {
		return dst
	}
	if prev, seen := a.forms[parts[0]]; !seen || t < prev {
		a.forms[strings.Clone(parts[0])] = t
	}
	return append(dst, t)
}

// term maps one folded word to its index term, or "" when the word is not
// indexed (a stop word, a lone letter, a run too long to be a word).
func (a *analyzer) term(w string) string {
	if t, ok := a.cache[w]; ok {
		return t
	}
	// w is most often a piece of a page's text, which the cache must not
	// keep alive.
	w = strings.Clone(w)
	t := w
	n := utf8.RuneCountInString(w)
	switch {
	case n > maxTermLen, n == 1 && w[0] >= 'a' && w[0] <= 'z', a.stop[w]:
		t = ""
	case a.stem != nil && isASCIILower(w):
		t = a.stem(w)
	}
	a.cache[w] = t
	return t
}

// isWordRune says which characters make up a word in the original text.
// Marks are included so that a letter followed by a combining accent stays
// one word; fold then removes the accent.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// eachWord calls f with every maximal run of word characters in text.
func eachWord(text string, f func(string)) {
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:])
	}
}

// fold removes case and diacritics: compatibility decomposition (so "ﬁ" is
// "fi" and "é" is "e" plus an accent), drop every mark, then lower-case one
// character at a time (whole-string lower-casing is context-sensitive in
// JavaScript, per character it is not).
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.IsMark(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// splitFolded splits a folded word at any character that is not a letter or
// a digit; decomposition can bring some in ("½" becomes "1⁄2", "⑴" "(1)"
// and "ͺ" a space), ASCII ones too.
func splitFolded(s string) []string {
	if isASCIIWord(s) {
		return []string{s}
	}
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// lowerASCII lower-cases an ASCII word, copying only when it must.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isASCIIWord reports whether s is made of ASCII letters and digits only.
func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || !isWordRune(rune(c)) {
			return false
		}
	}
	return s != ""
}

// isASCIILower reports whether s is made of a-z only. Only such words are
// stemmed: the stemmers are defined on that alphabet, and it keeps the Go
// and JavaScript stemmers byte-for-byte comparable.
func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
