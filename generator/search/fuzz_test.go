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
	f.Add("en", "⑴ step")
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
