package search

import (
	"strings"
	"testing"

	"lentera/generator/internal/wire"
)

// benchDocs makes n pages of about 700 words in five sections, with
// Indonesian affixes around the filler so the stemmer has work to do.
func benchDocs(n int) []Doc {
	affixed := []string{"pemasaran", "memasarkan", "penjualan", "dijual", "berjualan", "pelanggannya"}
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for s := 0; s < 5; s++ {
			b.WriteString(`<h2 id="s` + itoa(s) + `">` + filler(i*7+s, 4) + `</h2><p>`)
			b.WriteString(filler(i*11+s, 130) + " " + affixed[(i+s)%len(affixed)] + "</p>")
		}
		docs[i] = Doc{URL: "/id/" + itoa(i) + "/", Title: filler(i, 5), Description: filler(i+1, 12), HTML: []byte(b.String())}
	}
	return docs
}

// BenchmarkIndex times the index of 1,000 pages, one language:
//
//	go test ./generator/search -run XXX -bench Index -benchmem
func BenchmarkIndex(b *testing.B) {
	docs := benchDocs(1000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Index("id", docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssemble times the index files of 1,000 analysed pages, what a
// build does again for a language after an edit:
//
//	go test ./generator/search -run XXX -bench Assemble -benchmem
func BenchmarkAssemble(b *testing.B) {
	pages, err := Analyze("id", benchDocs(1000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Assemble("id", pages); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text := filler(1, 700) + " pemasaran memasarkan penjualan dijual"
	a := newAnalyzer("id")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		a.terms(nil, text)
	}
}

// BenchmarkReady decodes 1,000 analysed pages as a build finds them in
// its cache, what it does for a language after an edit before assembling
// its index again.
func BenchmarkReady(b *testing.B) {
	pages, err := Analyze("id", benchDocs(1000))
	if err != nil {
		b.Fatal(err)
	}
	var w wire.Writer
	for _, p := range pages {
		p.Encode(&w)
	}
	encoded := w.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		r := wire.NewReader(encoded)
		for range pages {
			if err := DecodePage(r).Ready(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
