package markup

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"lentera/generator/data"
)

// The index finds what looking for every name in turn finds: the earliest
// unmarked name, the longest where several begin at one place. Random
// texts and names of one and two words, with hyphens, accents, digits and
// names that begin with punctuation.
func TestTermIndexFindsWhatEachNameFinds(t *testing.T) {
	pieces := []string{"live", "shopping", "omzet", "omzetnya", "e-commerce", "e", "(omzet)", "café", "cafe\u0301",
		"umkm", "2025", "kpi", "ROAS", " ", " ", "  ", ", ", ".", "-", "(", ")", "x", "İ", "ß"}
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 2000; round++ {
		var names []name
		for i := r.Intn(8); i >= 0; i-- {
			text := pieces[r.Intn(len(pieces))]
			if r.Intn(3) == 0 {
				text += " " + pieces[r.Intn(len(pieces))]
			}
			if text = strings.ToLower(strings.TrimSpace(text)); text != "" {
				names = append(names, name{text: text, term: data.Term{ID: string(rune('a' + r.Intn(6)))}})
			}
		}
		sort.SliceStable(names, func(i, j int) bool { return len(names[i].text) > len(names[j].text) })
		var b strings.Builder
		for i := r.Intn(20); i >= 0; i-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		lower := strings.ToLower(b.String())
		if len(lower) != b.Len() {
			continue // markFirst skips such a text
		}
		marked := map[string]bool{}
		for _, id := range "abcdef" {
			marked[string(id)] = r.Intn(3) == 0
		}
		at, found := newTermIndex(names).find(lower, marked)
		wantAt, want := -1, name{}
		for _, n := range names {
			if i := findWord(lower, n.text); !marked[n.term.ID] && i >= 0 && (wantAt < 0 || i < wantAt) {
				wantAt, want = i, n
			}
		}
		if at != wantAt || found.text != want.text {
			t.Fatalf("names %v in %q: found %q at %d, each in turn %q at %d", names, lower, found.text, at, want.text, wantAt)
		}
	}
}
