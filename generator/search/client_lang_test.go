package search

import (
	"slices"
	"strings"
	"testing"
)

// The client finds every form of a word in a language stemmed at build
// time without a stemmer of its own, and drops the language's stop words.
func TestClientQueriesIndexStemmedLanguage(t *testing.T) {
	docs := []Doc{
		newDoc("/es/a/", "Bucles", `<p>Los bucles de la shell repiten órdenes.</p>`),
		newDoc("/es/b/", "Otro tema", `<p>Un bucle sencillo.</p>`),
		newDoc("/es/c/", "Ramas", `<p>Ramas y fusiones de la historia.</p>`),
	}
	res := query(t, "es", docs, 5, "bucles", "bucle", "BUCLE", "fusión", "de")
	for i, q := range []string{"bucles", "bucle", "BUCLE"} {
		got := res[i].urls()
		slices.Sort(got)
		if strings.Join(got, " ") != "/es/a/ /es/b/" {
			t.Errorf("%s: got %v, want /es/a/ and /es/b/", q, got)
		}
	}
	if got := res[3].urls(); len(got) != 1 || got[0] != "/es/c/" {
		t.Errorf("fusión: got %v, want /es/c/", got)
	}
	if got := res[4].urls(); len(got) != 0 {
		t.Errorf("de (a stop word): got %v, want nothing", got)
	}
}

// Malay runs the Indonesian stemmer on both sides.
func TestClientStemsMalay(t *testing.T) {
	var words []string
	for _, g := range wordFamilies["ms"] {
		words = append(words, strings.Fields(g)...)
	}
	res := runClientAnalysis(t, []nodeJob{jobFor("ms", words)})
	for i, w := range words {
		if want := analyzeText("ms", w); res[0][i] != want {
			t.Errorf("ms %q: client %q, Go %q", w, res[0][i], want)
		}
	}
}
