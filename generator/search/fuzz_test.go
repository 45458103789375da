package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Seeds live in f.Add and in testdata/fuzz; plain go test runs them all.

func FuzzStemIndonesian(f *testing.F) {
	for _, c := range indonesianStems {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if !isASCIILower(w) {
			return
		}
		s := stemIndonesian(w)
		if len(s) > len(w) || !isASCIILower(s) && s != "" {
			t.Errorf("stemIndonesian(%q) = %q: longer or not a-z", w, s)
		}
		// Each step removes one vowel and runs only above two: a stem keeps
		// at least two vowels, and a word with two or fewer is left alone.
		if vc := vowelCount(w); vc <= 2 && s != w || vc > 2 && vowelCount(s) < 2 {
			t.Errorf("stemIndonesian(%q) = %q", w, s)
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	f.Add("id", "Pemasaran dan penjualan di TikTok")
	f.Add("en", "Promoting vouchers: the shop's best-selling items")
	f.Add("xx", "ΣΟΦΊΑ ﬁnansial ½ cafe\u0301")
	f.Fuzz(func(t *testing.T, lang, text string) {
		for _, term := range newAnalyzer(lang).terms(nil, text) {
			if term == "" || strings.ContainsFunc(term, func(r rune) bool { return !isWordRune(r) }) {
				t.Errorf("%q gave term %q", text, term)
			}
			if n := utf8.RuneCountInString(term); n > maxTermLen {
				t.Errorf("%q gave a %d-character term", text, n)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add(`<p>a</p><h2 id="x">B</h2><p>c</p>`)
	f.Add(`<div hidden><div>no</div></div><h3 id="">y</h3><script>`)
	f.Add(`<h2 id="a">open <h2 id="b">`)
	f.Fuzz(func(t *testing.T, html string) {
		secs := extract([]byte(html))
		if len(secs) == 0 {
			t.Fatal("no section")
		}
		for i, s := range secs[1:] {
			if s.ID == "" {
				t.Errorf("section %d has no anchor", i+1)
			}
		}
	})
}

// Text built piece by piece is what strings.Fields and a join make of the
// pieces joined, however the pieces cut the words and spaces (between
// characters: a page's text pieces end at tags).
func FuzzSpaced(f *testing.F) {
	f.Add("a  b\u00a0c\td", 2)
	f.Add(" \u3000x\u2028 y ", 1)
	f.Add("\xffab\xe3\x80 cd", 3)
	f.Fuzz(func(t *testing.T, text string, cut int) {
		var sp spaced
		at := 0
		if len(text) > 0 {
			at = (cut%len(text) + len(text)) % len(text)
			for at > 0 && !utf8.RuneStart(text[at]) {
				at--
			}
		}
		addSpaced(&sp, text[:at])
		addSpaced(&sp, []byte(text[at:]))
		if got, want := sp.take(), strings.Join(strings.Fields(text), " "); got != want {
			t.Errorf("%q cut at %d: %q, want %q", text, at, got, want)
		}
	})
}
