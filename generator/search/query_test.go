package search

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// result is one query answered by the client (testdata/query.js).
type result struct {
	Query   string   `json:"query"`
	IDs     []int    `json:"ids"`
	Partial bool     `json:"partial"`
	Read    []string `json:"read"`
	Again   bool     `json:"again"` // the same query asked twice had one answer
	Early   []string `json:"early"` // the URLs listed before any part is read
	Items   []struct {
		URL     string  `json:"url"`
		Title   string  `json:"title"`
		Heading string  `json:"heading"`
		Snippet [][]any `json:"snippet"`
	} `json:"items"`
}

// marked returns the highlighted pieces of a result's snippet.
func (r result) marked(i int) []string {
	var out []string
	for _, p := range r.Items[i].Snippet {
		if len(p) == 2 {
			out = append(out, p[0].(string))
		}
	}
	return out
}

// urls lists the URLs of the shown results.
func (r result) urls() []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.URL)
	}
	return out
}

// query indexes docs, writes the files to a temporary folder and runs the
// queries through the shipped client under Node.js, ranking included.
func query(t *testing.T, lang string, docs []Doc, show int, queries ...string) []result {
	t.Helper()
	files, err := Index(lang, docs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		testsite.WriteFile(t, dir, f.Path, f.Body)
	}
	var res []result
	runNode(t, "testdata/query.js", map[string]any{"client": clientAbs(t), "dir": dir, "queries": queries, "show": show}, &res)
	return res
}

func newDoc(url, title, html string) Doc {
	return Doc{URL: url, Title: title, Section: "Bagian", HTML: []byte(html)}
}

var shop = []Doc{
	newDoc("/id/pasar/", "Strategi pemasaran",
		`<p>Pemasaran yang baik dimulai dari pelanggan.</p><h2 id="harga">Harga</h2><p>Atur harga dan voucher.</p>`),
	newDoc("/id/jual/", "Cara berjualan",
		`<p>Kami memasarkan produk lewat video pendek dan menjual di marketplace.</p>`),
	newDoc("/id/konten/", "Konten video",
		`<p>Video pendek.</p><h2 id="cahaya">Cahaya</h2><p>Cahaya jendela.</p><h3 id="suara">Suara</h3><p>Uji suara sebelum merekam video.</p>`),
	newDoc("/id/live/", "Live streaming",
		`<p>Siaran langsung untuk jualan. Penjualan naik saat live.</p>`),
}

func TestQueryFindsWordForms(t *testing.T) {
	res := query(t, "id", shop, 5, "pemasaran", "dijual", "memasarkan video")
	// pemasaran and memasarkan share the stem pasar: the title match ranks first.
	if got := res[0].urls(); len(got) != 2 || got[0] != "/id/pasar/" || got[1] != "/id/jual/" {
		t.Errorf("pemasaran: got %v, want /id/pasar/ then /id/jual/", got)
	}
	// dijual, never written, finds menjual, jualan and penjualan.
	if got := res[1].urls(); len(got) != 2 || !contains(got, "/id/jual/") || !contains(got, "/id/live/") {
		t.Errorf("dijual: got %v, want /id/jual/ and /id/live/", got)
	}
	// All words are required: only /id/jual/ has both.
	if got := res[2].urls(); len(got) != 1 || got[0] != "/id/jual/" || res[2].Partial {
		t.Errorf("memasarkan video: got %v partial=%v, want only /id/jual/", got, res[2].Partial)
	}
}

func TestQueryFallsBackToAnyWord(t *testing.T) {
	res := query(t, "id", shop, 5, "voucher siaran")
	if !res[0].Partial || len(res[0].IDs) != 2 {
		t.Errorf("voucher siaran: got ids %v partial=%v, want both pages, partial", res[0].IDs, res[0].Partial)
	}
}

func TestQueryLinksBestHeading(t *testing.T) {
	res := query(t, "id", shop, 5, "suara", "voucher", "cahaya jendela", "pemasaran")
	want := []string{"/id/konten/#suara", "/id/pasar/#harga", "/id/konten/#cahaya", "/id/pasar/"}
	for i, r := range res {
		if len(r.Items) == 0 || r.Items[0].URL != want[i] {
			t.Errorf("%s: got %v, want first %s", r.Query, r.urls(), want[i])
		}
	}
	if got := res[0].marked(0); len(got) != 1 || got[0] != "suara" {
		t.Errorf("suara: snippet marks %v, want [suara]", got)
	}
}

// A result reads the part of its page that most of the query's words point
// at, the first of equals, and links to the heading there.
func TestQueryReadsThePartMostWordsPointAt(t *testing.T) {
	long := strings.Repeat("Plain words for the reader. ", 50) // over a part
	page := newDoc("/en/herd/", "Herd", `<h2 id="start">Start</h2><p>stripes `+long+`</p>`+
		`<h2 id="plains">Plains</h2><p>zebra horse grazing</p>`)
	res := query(t, "en", []Doc{page}, 5, "stripes zebra horse", "stripes zebra")
	want := []string{"/en/herd/#plains", "/en/herd/#start"}
	for i, r := range res {
		if got := r.urls(); len(got) != 1 || got[0] != want[i] {
			t.Errorf("%s: got %v, want %s", r.Query, got, want[i])
		}
	}
}

// The search page's first search and its search box both ask for the
// query in the address: the client answers both with one ranking.
func TestQueryAskedTwiceIsRankedOnce(t *testing.T) {
	for _, r := range query(t, "id", shop, 5, "pemasaran", "harga voucher") {
		if !r.Again {
			t.Errorf("%s: asked twice, ranked twice", r.Query)
		}
	}
}

func TestQueryPrefixAndTypo(t *testing.T) {
	res := query(t, "id", shop, 5, "pemasa", "vouch", "voucer", "cahya", "xyzzy", "yang dan", "")
	want := [][]string{{"/id/pasar/", "/id/jual/"}, {"/id/pasar/#harga"}, {"/id/pasar/#harga"}, {"/id/konten/#cahaya"}, nil, nil, nil}
	for i, r := range res {
		if strings.Join(r.urls(), " ") != strings.Join(want[i], " ") {
			t.Errorf("%q: got %v, want %v", r.Query, r.urls(), want[i])
		}
	}
}

func TestQueryTitleOutranksBody(t *testing.T) {
	docs := []Doc{
		newDoc("/en/a/", "Packaging", `<p>Boxes and tape. Ship vouchers with every parcel.</p>`),
		newDoc("/en/b/", "Store vouchers", `<p>How to set one up.</p>`),
	}
	res := query(t, "en", docs, 5, "voucher")
	if got := res[0].urls(); len(got) != 2 || got[0] != "/en/b/" {
		t.Errorf("voucher: got %v, want the page titled with it first", got)
	}
}

func TestQueryWithoutStemmer(t *testing.T) {
	docs := []Doc{newDoc("/xx/a/", "A", `<p>promoting</p>`), newDoc("/xx/b/", "B", `<p>promote</p>`)}
	res := query(t, "xx", docs, 5, "promoting", "promot")
	if got := res[0].urls(); len(got) != 1 || got[0] != "/xx/a/" {
		t.Errorf("promoting: got %v, want only the exact word", got)
	}
	if got := res[1].urls(); len(got) != 2 {
		t.Errorf("promot (prefix): got %v, want both", got)
	}
}

// TestQueryReadsOnlyWhatItNeeds checks the split: a query reads the entry
// file, one term shard and the pages it shows, not the whole index.
func TestQueryReadsOnlyWhatItNeeds(t *testing.T) {
	var docs []Doc
	for i := 0; i < 300; i++ {
		docs = append(docs, newDoc("/en/p"+itoa(i)+"/", "Page "+itoa(i), "<p>"+filler(i, 150)+"</p>"))
	}
	docs[7].HTML = append(docs[7].HTML, []byte("<p>zebra</p>")...)
	files, _ := Index("en", docs)
	shards := 0
	for _, f := range files {
		if strings.Contains(f.Path, "/t") {
			shards++
		}
	}
	if shards < 3 {
		t.Fatalf("%d shards: the test needs an index split in several", shards)
	}
	res := query(t, "en", docs, 5, "zebra")
	var nShards, nDocs int
	for _, u := range res[0].Read {
		switch {
		case strings.Contains(u, "/t"):
			nShards++
		case strings.Contains(u, "/d"):
			nDocs++
		}
	}
	if res[0].Read[0] != "index.json" || nShards != 1 || nDocs != 1 {
		t.Errorf("zebra read %v: want index.json, one shard, one page", res[0].Read)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The shards name as many pages a term as the client shows results at a
// time: fewer, and a one-word query would wait for its parts again.
func TestShardsNameAPageOfResults(t *testing.T) {
	client, err := os.ReadFile(clientPath)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`var PAGE = (\d+)`).FindSubmatch(client)
	if m == nil {
		t.Fatalf("%s: no PAGE, the results it shows at a time", clientPath)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != shownPerTerm {
		t.Errorf("the client shows %d results at a time, the shards name %d pages a term", n, shownPerTerm)
	}
}

// A course too large for the entry to name its pages lists the first
// results of a one-word query from its shard, before any page part is
// read: the shards name the pages the client ranks first for every term,
// ranked as the client ranks them (title and heading bonus, length norm),
// whether the word is found as it is, as the start of longer words or
// with a typo.
func TestQueryListsOneWordFromItsShard(t *testing.T) {
	// Without a stemmer, stemmed in the client (Indonesian), and stemmed at
	// build time with each written form keyed (Spanish).
	for _, lang := range []string{"xx", "id", "es"} {
		t.Run(lang, func(t *testing.T) { listsFromShard(t, lang) })
	}
}

func listsFromShard(t *testing.T, lang string) {
	var docs []Doc
	for i := 0; i < 400; i++ {
		body := "<p>" + filler(i, 20+i%7*40) + "</p><h2 id=\"h\">" + filler(i+1000, 2) + "</h2><p>" + filler(i+2000, 30) + " " + vocabulary[i%len(vocabulary)] + "a</p>"
		docs = append(docs, newDoc("/"+lang+"/p"+itoa(i)+"/", "Page "+filler(i+3000, 2), body))
	}
	if m := readMeta(t, files(t, lang, docs)); m.Shown != nil {
		t.Fatal("the test needs an entry that does not name the pages")
	}
	var queries []string
	for i := 0; i < 120; i += 3 {
		w := vocabulary[i*7%len(vocabulary)]
		queries = append(queries, w, w[:4], w[:4]+"x"+w[4:])
	}
	listed := 0
	for _, r := range query(t, lang, docs, 5, queries...) {
		if len(r.IDs) == 0 {
			continue
		}
		var want []string
		for _, id := range r.IDs[:min(5, len(r.IDs))] {
			want = append(want, docs[id].URL)
		}
		if strings.Join(r.Early, " ") != strings.Join(want, " ") {
			t.Errorf("%q: listed %v before the parts, want %v", r.Query, r.Early, want)
		}
		listed++
	}
	if listed < len(queries)/2 {
		t.Errorf("%d of %d queries found anything: the test needs more", listed, len(queries))
	}
}
