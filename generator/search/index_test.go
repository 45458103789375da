package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"lentera/generator/markup"
)

func files(t *testing.T, lang string, docs []Doc) map[string][]byte {
	t.Helper()
	fs, err := Index(lang, docs)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range fs {
		m[f.Path] = f.Body
	}
	if fs[0].Path != "index.json" {
		t.Fatalf("first file is %s, want index.json", fs[0].Path)
	}
	return m
}

func readMeta(t *testing.T, fs map[string][]byte) meta {
	t.Helper()
	var m meta
	if err := json.Unmarshal(fs["index.json"], &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// shardPath and partPath are where the client finds a shard and a part of
// a page.
func shardPath(m meta, i int) string { return m.ShardDirs[i/m.PerShard] + "/t" + itoa(i) + ".json" }
func partPath(m meta, id, k int) string {
	return m.PageDirs[id/m.PerPage] + "/d" + itoa(id) + "-" + itoa(k) + ".json"
}

// shardOf decodes the shard that holds term, as the client finds it.
func shardOf(t *testing.T, fs map[string][]byte, m meta, term string) map[string][]int {
	t.Helper()
	i := 0
	for j, first := range m.Shards {
		if compareUTF16(first, term) <= 0 {
			i = j
		}
	}
	var s map[string]string
	if err := json.Unmarshal(fs[shardPath(m, i)], &s); err != nil {
		t.Fatal(err)
	}
	out := map[string][]int{}
	for term, p := range s {
		out[term] = readNumbers(p)
	}
	return out
}

func TestIndexPostings(t *testing.T) {
	docs := []Doc{
		{URL: "/id/a/", Title: "Pemasaran", HTML: []byte(`<p>Memasarkan, dipasarkan.</p>`)},
		{URL: "/id/b/", Title: "Lain", HTML: []byte(`<h2 id="h">Pasar</h2><p>harga</p>`)},
		{URL: "/id/c/", Title: "Harga", Description: "Harga jual.", HTML: []byte(`<p>x</p>`)},
	}
	fs := files(t, "id", docs)
	m := readMeta(t, fs)
	if m.N != 3 || m.Stem != "id" || !strings.Contains(m.Stop, "yang") {
		t.Errorf("meta = %+v", m)
	}
	// Each page is 2 terms long, taken as 2.17 (in steps of 12%), and so
	// is the mean, taken as 2 (in steps of 9%). pasar: doc 0 twice in the
	// body and in the title, 2.2*2/(2+1.2*1.065) + 2.5 = 3.84, doc 1 once in
	// a heading, 0.966 + 0.7; each in the page's first part.
	want := []int{0, 31, 0, 1, 13, 0}
	if got := shardOf(t, fs, m, "pasar")["pasar"]; !equal(got, want) {
		t.Errorf("pasar postings %v, want %v", got, want)
	}
	// harga: doc 1 once in the body, 0.966, doc 2 (gap 1) once in the
	// description and in the title, + 2.5.
	want = []int{1, 8, 0, 1, 28, 0}
	if got := shardOf(t, fs, m, "harga")["harga"]; !equal(got, want) {
		t.Errorf("harga postings %v, want %v", got, want)
	}
	var p page
	if err := json.Unmarshal(fs[partPath(m, 1, 0)], &p); err != nil {
		t.Fatal(err)
	}
	if p.URL != "/id/b/" || len(p.Sections) != 1 || p.Sections[0] != [3]string{"h", "Pasar", "harga"} {
		t.Errorf("page 1 = %+v", p)
	}
}

// A small index keeps its files in smaller folders than a large one, so
// that an edit renames few of them; a large one's entry names few folders.
func TestPerFolder(t *testing.T) {
	for _, c := range []struct{ n, least, most, want int }{
		{0, 4, 32, 4}, {20, 4, 32, 4}, {33, 4, 32, 8}, {256, 4, 32, 32}, {1011, 4, 32, 32}, {11, 2, 16, 2}, {176, 2, 16, 16},
	} {
		if got := perFolder(c.n, c.least, c.most); got != c.want {
			t.Errorf("perFolder(%d, %d, %d) = %d, want %d", c.n, c.least, c.most, got, c.want)
		}
	}
}

func TestIndexIsDeterministicAndVersioned(t *testing.T) {
	var docs []Doc
	for i := 0; i < 3*pagesPerFolder; i++ {
		docs = append(docs, Doc{URL: "/en/" + itoa(i) + "/", Title: "Page " + itoa(i), HTML: []byte("<p>" + filler(i, 300) + "</p>")})
	}
	a, b := files(t, "en", docs), files(t, "en", docs)
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds of the same pages", p)
		}
	}
	// An edit of one page in the second folder: that folder's name
	// changes, the other pages keep theirs, and every file is in a folder
	// the entry names.
	docs[pagesPerFolder+3].HTML = []byte("<p>" + filler(3, 300) + " zebra</p>")
	c := files(t, "en", docs)
	ma, mc := readMeta(t, a), readMeta(t, c)
	per := mc.PerPage
	if len(mc.PageDirs) != (len(docs)+per-1)/per || len(mc.PageDirs) < 3 {
		t.Fatalf("%d page folders of %d pages for %d pages", len(mc.PageDirs), per, len(docs))
	}
	edited := (pagesPerFolder + 3) / per
	for g := range mc.PageDirs {
		if changed := ma.PageDirs[g] != mc.PageDirs[g]; changed != (g == edited) {
			t.Errorf("page folder %d: changed %v, want %v", g, changed, g == edited)
		}
	}
	if slices.Equal(ma.ShardDirs, mc.ShardDirs) {
		t.Error("a new word changed no shard folder")
	}
	named := map[string]bool{}
	for _, d := range slices.Concat(mc.ShardDirs, mc.PageDirs) {
		named[d] = true
	}
	for p := range c {
		if p == "index.json" {
			continue
		}
		if dir, _, _ := strings.Cut(p, "/"); !named[dir] {
			t.Errorf("%s is outside the folders the entry names", p)
		}
		if body, ok := a[p]; ok && !bytes.Equal(body, c[p]) {
			t.Errorf("%s holds other bytes in the two builds", p)
		}
	}
}

// TestShardBoundaries builds an index big enough for many shards and checks
// that every term sits in the shard its first-term table points at, also
// for terms beyond the Basic Multilingual Plane, whose UTF-8 and UTF-16
// orders differ.
func TestShardBoundaries(t *testing.T) {
	var docs []Doc
	for i := 0; i < 200; i++ {
		docs = append(docs, Doc{URL: "/xx/" + itoa(i) + "/", HTML: []byte("<p>" + filler(i, 200) + " 𝒳" + itoa(i) + " ｱ" + itoa(i) + "</p>")})
	}
	fs := files(t, "xx", docs)
	m := readMeta(t, fs)
	if len(m.Shards) < 5 {
		t.Fatalf("%d shards; want several", len(m.Shards))
	}
	seen := 0
	for i := range m.Shards {
		var s map[string]string
		json.Unmarshal(fs[shardPath(m, i)], &s)
		for term := range s {
			seen++
			if got := shardOf(t, fs, m, term); got[term] == nil {
				t.Errorf("term %q is in shard %d but the table points elsewhere", term, i)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no terms")
	}
}

// A term's weight in a page is BM25's share of its frequency against the
// page's length, plus the title and heading bonuses, in eighths, never
// less than one eighth.
func TestWeight(t *testing.T) {
	w := newWeigher([]int{128, 256, 64, 64}) // taken as 127, 255, 63 and a mean of 128
	for _, c := range []struct {
		id, val, want int32
	}{
		{0, 1 << 2, 8},                          // once, a page of the mean length: 2.2 / 2.2
		{0, 1<<2 | flagTitle, 28},               // and in the title: + 2.5
		{0, 1<<2 | flagHeading, 14},             // and in a heading: + 0.7
		{0, 1<<2 | flagTitle | flagHeading, 34}, // both
		{1, 1 << 2, 6},                          // twice the mean: 2.2 / (1 + 1.2 * 1.75)
		{2, 1 << 2, 10},                         // half the mean: 2.2 / (1 + 1.2 * 0.625)
		{0, 4 << 2, 14},                         // four times: 8.8 / 5.2
		{0, flagTitle, 20},                      // only in the title
	} {
		if got := w.weight(c.id, c.val); got != c.want {
			t.Errorf("weight(page %d, tf %d, flags %d) = %d, want %d", c.id, c.val>>2, c.val&3, got, c.want)
		}
	}
	// Once in a page 51 times the mean: 2.2 / (1 + 1.2 * 38.5), under a
	// sixteenth.
	long := make([]int, 51)
	for i := range long {
		long[i] = 1
	}
	long[50] = 1_000_000
	if got := newWeigher(long).weight(50, 1<<2); got != 1 {
		t.Errorf("once in a very long page: weight %d, want 1", got)
	}
	// Pages 10% apart in length, in one step, score alike; pages in other
	// steps do not.
	steps := newWeigher([]int{95, 105, 130})
	if a, b, c := steps.score(0, 1<<2), steps.score(1, 1<<2), steps.score(2, 1<<2); a != b || b == c {
		t.Errorf("pages of 95, 105 and 130 terms score %v, %v and %v; want the first two alike", a, b, c)
	}
	if w := newWeigher([]int{0, 0}); w.weight(0, flagTitle) != 20 {
		t.Errorf("pages without text: a title word weighs %d, want 20", w.weight(0, flagTitle))
	}
}

func TestIndexEmpty(t *testing.T) {
	fs := files(t, "id", nil)
	m := readMeta(t, fs)
	if m.N != 0 || len(m.Shards) != 1 || fs[shardPath(m, 0)] == nil {
		t.Errorf("empty index: meta %+v, files %d", m, len(fs))
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A long page is written in parts; a term's postings name the part where
// it is used most, and that part holds the section with it, so a result
// reads one small file.
func TestIndexParts(t *testing.T) {
	long := strings.Repeat("kata lain di sini ", partChars/18+2) // a little over partChars
	html := `<p>` + long + `</p><h2 id="a">Awal</h2><p>` + long + `</p>` +
		`<h2 id="zebra">Zebra</h2><p>zebra zebra belang</p><h2 id="b">Akhir</h2><p>` + long + ` zebra</p>`
	fs := files(t, "id", []Doc{{URL: "/id/a/", Title: "Satu", Description: "Tentang kuda.", HTML: []byte(html)}})
	m := readMeta(t, fs)
	got := shardOf(t, fs, m, "zebra")["zebra"]
	if len(got) != 3 || got[0] != 0 || got[1]>>2 != 4 {
		t.Fatalf("zebra postings %v, want page 0, four uses", got)
	}
	var parts []page
	for k := 0; ; k++ {
		body, ok := fs[partPath(m, 0, k)]
		if !ok {
			break
		}
		var p page
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		if p.URL != "/id/a/" || p.Title != "Satu" {
			t.Errorf("part %d is of %q %q", k, p.URL, p.Title)
		}
		if (k == 0) != (p.Description != "") {
			t.Errorf("part %d has description %q; only part 0 has it", k, p.Description)
		}
		parts = append(parts, p)
	}
	if len(parts) < 3 {
		t.Fatalf("%d parts; a page of this length has at least 3", len(parts))
	}
	part := got[2]
	if part <= 0 || part >= len(parts) {
		t.Fatalf("zebra is in part %d of %d", part, len(parts))
	}
	found := false
	for _, s := range parts[part].Sections {
		found = found || s[0] == "zebra"
	}
	if !found {
		t.Errorf("part %d, named for zebra, lacks its section: %v", part, parts[part].Sections)
	}
}

// A small course's entry tells each page's title, section and description
// in page order, so results can be listed before their parts are in; a
// large one's does not, since the search page carries the entry.
func TestEntryShowsSmallIndexes(t *testing.T) {
	doc := func(i int) Doc {
		return Doc{URL: "/id/b" + itoa(i) + "/", Title: "Bab " + itoa(i), Section: "Bagian", Description: "Tentang " + filler(i, 12) + ".", HTML: []byte("<p>" + filler(i, 40) + "</p>")}
	}
	var small []Doc
	for i := range 5 {
		small = append(small, doc(i))
	}
	m := readMeta(t, files(t, "id", small))
	if len(m.Shown) != len(small) {
		t.Fatalf("entry shows %d pages, want %d", len(m.Shown), len(small))
	}
	for i, d := range small {
		if want := [4]string{d.URL, d.Title, d.Section, d.Description}; m.Shown[i] != want {
			t.Errorf("page %d shown as %q, want %q", i, m.Shown[i], want)
		}
	}
	var large []Doc
	for i := 0; len(large)*len(doc(0).Description) <= shownBytes; i++ {
		large = append(large, doc(i))
	}
	if m := readMeta(t, files(t, "id", large)); m.Shown != nil {
		t.Errorf("entry of %d pages shows them (%d); over %d bytes it should not", len(large), len(m.Shown), shownBytes)
	}
}

// Terms that share five letters stay in one shard; a full shard closes
// between terms that share only four, so that a word's shard need not
// carry the long lists of words that merely begin like it.
func TestShardsPartAtFiveLetters(t *testing.T) {
	long := func(pages int) []int32 {
		var p []int32
		for range pages {
			p = append(p, 1, 4, 0)
		}
		return p
	}
	terms := []string{"rama", "ramad", "ramadan", "ramah"}
	full := shardBytes / 3 // a posting of (1, 4, 0) takes three characters
	post := map[string][]int32{"rama": long(full + 10), "ramad": long(full), "ramadan": long(3), "ramah": long(full)}
	shards, _ := shardTerms(terms, post, nil)
	in := map[string]int{}
	for i, s := range shards {
		var m map[string]string
		if err := json.Unmarshal(s, &m); err != nil {
			t.Fatal(err)
		}
		for term := range m {
			in[term] = i
		}
	}
	if in["ramad"] != in["ramadan"] {
		t.Errorf("ramad and ramadan in shards %d and %d; want one", in["ramad"], in["ramadan"])
	}
	if in["ramad"] == in["ramah"] {
		t.Errorf("ramad and ramah share shard %d of %d; want the full shard closed between them", in["ramad"], len(shards))
	}
}

// A page whose sections come from Text is indexed as one that gives its
// HTML.
func TestTextGivesTheSections(t *testing.T) {
	docs := benchDocs(30)
	read := make([]Doc, len(docs))
	for i, d := range docs {
		html := d.HTML
		d.HTML, d.Text = nil, func() []markup.Section { return markup.Sections(html) }
		read[i] = d
	}
	want := files(t, "id", docs)
	got := files(t, "id", read)
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for p, body := range want {
		if !bytes.Equal(got[p], body) {
			t.Errorf("%s differs", p)
		}
	}
}

// An edit changes the postings of the words of the page edited, and of no
// other: the other pages' weights do not follow the mean length's small
// move, so the shards of other words stay as they were, and a reader who
// saved the course does not download them again.
func TestEditLeavesOtherWordsAlone(t *testing.T) {
	var docs []Doc
	for i := range 400 {
		docs = append(docs, newDoc("/xx/p"+itoa(i)+"/", "Page "+itoa(i), "<p>"+filler(i, 40+i)+"</p>"))
	}
	// Pages of 400 lengths: a weight of every one would follow the mean.
	edited := slices.Clone(docs)
	edited[17].HTML = []byte("<p>" + filler(17, 40+17) + " " + filler(9999, 200) + "</p>")
	touched := map[string]bool{}
	a := newAnalyzer("xx")
	for _, d := range []Doc{docs[17], edited[17]} {
		for _, term := range a.terms(nil, d.Title+" "+string(d.HTML[3:len(d.HTML)-4])) {
			touched[term] = true
		}
	}
	before, after := allPostings(t, files(t, "xx", docs)), allPostings(t, files(t, "xx", edited))
	changed := 0
	for term, p := range before {
		if !touched[term] && !equal(p, after[term]) {
			changed++
		}
	}
	if changed > 0 || len(touched) == len(before) {
		t.Errorf("an edit of one page changed the postings of %d words it does not use (of %d words, %d touched)", changed, len(before), len(touched))
	}
}

// allPostings decodes every shard of an index: the postings by term.
func allPostings(t *testing.T, fs map[string][]byte) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	for path, body := range fs {
		if !strings.Contains(path, "/t") {
			continue
		}
		var s map[string]json.RawMessage
		if err := json.Unmarshal(body, &s); err != nil {
			t.Fatal(err)
		}
		for term, raw := range s {
			var p string
			if term == headsKey {
				continue
			}
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			out[term] = readNumbers(p)
		}
	}
	return out
}
