package markup

import (
	"strings"
	"testing"
	"unicode/utf8"

	"lentera/generator/site"
)

func TestLead(t *testing.T) {
	long := strings.Repeat("Kata demi kata mengisi kalimat yang panjang ini ", 5)
	for _, tc := range []struct{ name, md, want string }{
		{"first paragraph", "Pembuka bab.\n\nParagraf kedua.\n", "Pembuka bab."},
		{"after a heading", "## Judul {#judul}\n\nIsi **tebal**, `kode` dan [tautan](https://example.org/).\n", "Isi tebal, kode dan tautan."},
		{"lines joined", "Baris satu\nbaris dua.\n", "Baris satu baris dua."},
		{"a list first", "- Butir *satu*\n- Butir dua\n", "Butir satu"},
		{"in a quote", "> Kutipan pembuka.\n", "Kutipan pembuka."},
		{"image alone skipped", "![Foto toko](fig/x.png)\n\nTeks sesudah foto.\n", "Teks sesudah foto."},
		{"trainer note never", ":::trainer\nCatatan rahasia pelatih.\n:::\n\nTeks untuk peserta.\n", "Teks untuk peserta."},
		{"only a note", ":::tip\nSaran.\n:::\n", ""},
		{"none", "## Hanya judul {#j}\n", ""},
		{"cut at a sentence", "Kalimat pertama cukup panjang untuk berdiri sendiri sebagai ringkasan halaman ini. " + long, "Kalimat pertama cukup panjang untuk berdiri sendiri sebagai ringkasan halaman ini."},
		{"cut at a word", long, "Kata demi kata mengisi kalimat yang panjang ini Kata demi kata mengisi kalimat yang panjang ini Kata demi kata mengisi kalimat yang panjang ini Kata demi kata…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, page := fixture(t, tc.md)
			in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
			doc, err := New(Options{}).Convert(in, Pass{}, Pass{Edition: "trainer"})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Lead != tc.want {
				t.Errorf("lead of %q:\n got %q\nwant %q", tc.md, doc.Lead, tc.want)
			}
			if n := utf8.RuneCountInString(doc.Lead); n > leadRunes {
				t.Errorf("lead of %d runes, more than %d", n, leadRunes)
			}
		})
	}
}

func TestCutLead(t *testing.T) {
	for _, tc := range []struct {
		text string
		max  int
		want string
	}{
		{"Pendek.", 10, "Pendek."},
		{"Satu dua tiga empat", 10, "Satu dua…"},
		{"Satu, dua tiga", 6, "Satu…"},
		{"Abcdefghijkl", 5, "Abcd…"},
		{"Kafé kafé kafé kafé", 12, "Kafé kafé…"},
		{"Satu dua. Tiga empat lima", 9, "Satu dua."},
		{"Ya. Tiga empat lima enam tujuh", 20, "Ya. Tiga empat lima…"},
	} {
		if got := cutLead(tc.text, tc.max); got != tc.want {
			t.Errorf("cutLead(%q, %d) = %q, want %q", tc.text, tc.max, got, tc.want)
		}
	}
}
