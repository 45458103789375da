package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"lentera/generator/markup"
)

// checkCut holds cutText to its contract: pieces within the limit, valid
// UTF-8, and nothing lost but the spaces where the text was cut.
func checkCut(t *testing.T, text string, limit int) []string {
	t.Helper()
	pieces := cutText(text, limit)
	for _, p := range pieces {
		if len(p) > limit && utf8.RuneCountInString(p) > 1 {
			t.Errorf("piece of %d bytes over the limit %d: %q", len(p), limit, p)
		}
		if !utf8.ValidString(p) && utf8.ValidString(text) {
			t.Errorf("piece %q is cut inside a character", p)
		}
	}
	if got, want := strings.ReplaceAll(strings.Join(pieces, ""), " ", ""), strings.ReplaceAll(text, " ", ""); got != want {
		t.Errorf("pieces %q lose text of %q", pieces, text)
	}
	return pieces
}

func TestCutTextAtSentences(t *testing.T) {
	text := "Siapkan stok sebelum Ramadan. Atur voucher toko! Balas chat dalam lima menit? Ya."
	got := checkCut(t, text, 50)
	want := []string{"Siapkan stok sebelum Ramadan. Atur voucher toko!", "Balas chat dalam lima menit? Ya."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cut %q, want %q", got, want)
	}
	// A sentence's end early in the piece would leave it short: the last
	// space is taken instead.
	got = checkCut(t, "Ya. "+strings.Repeat("kata ", 20), 40)
	if !strings.HasPrefix(got[0], "Ya. kata") {
		t.Errorf("cut %q, want the first piece filled past the early sentence end", got)
	}
	// Scripts without spaces end their sentences with their own stops.
	got = checkCut(t, "第一句很短。第二句也很短。第三句。", 50)
	if len(got) != 2 || got[0] != "第一句很短。第二句也很短。" {
		t.Errorf("cut %q, want the first two sentences, then the third", got)
	}
	// A point inside a number is no sentence's end.
	if got := checkCut(t, "Harga naik 3.5 persen minggu ini", 16); got[0] != "Harga naik 3.5" {
		t.Errorf("cut %q, want the first piece to end after the number", got)
	}
	// One long word is cut between characters.
	checkCut(t, strings.Repeat("é", 30), 7)
	if got := cutText("pendek", 40); len(got) != 1 || got[0] != "pendek" {
		t.Errorf("short text cut into %q", got)
	}
}

// Parts stay within partChars however long a page's sections are, each
// piece of a long section keeps its anchor and heading, and the heading
// counts once.
func TestPiecesFitParts(t *testing.T) {
	long := strings.Repeat("Kalimat yang cukup panjang untuk diulang. ", 80)
	secs := []markup.Section{{Text: "Awal."}, {ID: "a", Heading: "Judul", Text: long}, {ID: "b", Heading: "Kecil", Text: "Isi."}}
	pieces := piecesOf(secs)
	sizes := map[int32]int{}
	for i, p := range pieces {
		sizes[p.part] += len(p.Heading) + len(p.Text)
		if i > 0 && p.part < pieces[i-1].part {
			t.Fatalf("pieces out of part order: %+v", pieces)
		}
	}
	for part, n := range sizes {
		if n > partChars {
			t.Errorf("part %d holds %d bytes, over %d", part, n, partChars)
		}
	}
	var more int
	for _, p := range pieces {
		if p.ID == "a" {
			if p.Heading != "Judul" {
				t.Errorf("a piece of section a has heading %q", p.Heading)
			}
			if p.more {
				more++
			}
		}
	}
	if n := len(sizes); n < len(long)/partChars || more == 0 {
		t.Errorf("%d parts, %d later pieces of a: the long section was not cut", n, more)
	}
}

func FuzzCutText(f *testing.F) {
	f.Add("Satu. Dua! Tiga? Empat.", 10)
	f.Add(strings.Repeat("ñ", 12), 5)
	f.Add("a b", 1)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 1 || limit > 4096 {
			return
		}
		checkCut(t, text, limit)
	})
}
