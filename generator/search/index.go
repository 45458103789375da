package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
)

// Doc is one published page of one language and edition.
type Doc struct {
	URL         string // site-relative URL, base path already applied, e.g. "/id/konten/produksi-video/"
	Title       string
	Section     string // the section's title, for display ("" for top-level pages)
	Description string
	HTML        []byte // the rendered article body (HTML fragment); headings h2..h4 carry id="..." attributes
	// Text, when set, gives the body's sections instead of HTML, at the
	// time the page is analysed: the converter knows them without reading
	// its HTML again, and a site's pages need not all be in memory at once.
	Text func() []markup.Section
}

// sections is the text of the page's body, by heading.
func (d Doc) sections() []markup.Section {
	if d.Text != nil {
		return d.Text()
	}
	return markup.Sections(d.HTML)
}

// File is one index file; Path is slash-separated and relative to the
// directory of the search page (the build writes it under <lang>/search/).
type File struct {
	Path string
	Body []byte
}

// shardBytes is the size at which a term shard is closed. Smaller shards
// make a first query cheaper and the file count larger; a shard of this
// size gzips to about two thirds.
const shardBytes = 2 << 10

// Flags stored with each posting, below the term frequency.
const (
	flagHeading = 1
	flagTitle   = 2
)

// Index builds the index of one language.
func Index(lang string, docs []Doc) ([]File, error) {
	pages, err := Analyze(lang, docs)
	if err != nil {
		return nil, err
	}
	return Assemble(lang, pages)
}

// Page is one page analysed for the index: its terms and its page file.
// Analysing is most of the work of an index and depends on nothing but the
// page, so a rebuild keeps the Page of every page that did not change and
// only assembles the index again.
type Page struct {
	read docTerms
	raw  []byte // the encoding a build cache holds, until Ready decodes it
	once sync.Once
	err  error
}

// Analyze analyses pages of one language, on every processor. The pages'
// HTML must not be analysed elsewhere meanwhile (see extract).
func Analyze(lang string, docs []Doc) ([]*Page, error) {
	read := readDocs(lang, docs)
	pages := make([]*Page, len(read))
	for i, r := range read {
		if r.err != nil {
			return nil, fmt.Errorf("search: %s: %w", docs[i].URL, r.err)
		}
		pages[i] = &Page{read: r}
	}
	return pages, nil
}

// Assemble builds the index of one language from its analysed pages, in
// the order results should break ties in.
func Assemble(lang string, analysed []*Page) ([]File, error) {
	err := parallel.Do(len(analysed), func(i int) error { return analysed[i].Ready() })
	if err != nil {
		return nil, fmt.Errorf("search: an analysed page from the build cache: %w", err)
	}
	post := postings(analysed)
	lengths := make([]int, len(analysed))
	perPage := perFolder(len(analysed), 4, pagesPerFolder)
	pageGroups := make([][]File, (len(analysed)+perPage-1)/perPage)
	for id, p := range analysed {
		r := p.read
		lengths[id] = r.length
		g := id / perPage
		for k, part := range r.page {
			pageGroups[g] = append(pageGroups[g], File{Path: "d" + strconv.Itoa(id) + "-" + strconv.Itoa(k) + ".json", Body: part})
		}
	}
	newWeigher(lengths).weigh(post)
	if forms := wordForms(analysed); forms != nil {
		post = byForm(post, forms) // after weighing: forms share their lists
	}
	terms := sortedTerms(post)
	shown := shownPages(analysed)
	var named heads
	if shown == nil {
		named = headsOf(analysed, post)
	}
	shards, firsts := shardTerms(terms, post, named)
	perShard := perFolder(len(shards), 2, shardsPerFolder)
	shardGroups := make([][]File, (len(shards)+perShard-1)/perShard)
	for i, s := range shards {
		g := i / perShard
		shardGroups[g] = append(shardGroups[g], File{Path: "t" + strconv.Itoa(i) + ".json", Body: s})
	}
	shardDirs, shardFiles := inFolders(shardGroups)
	pageDirs, pageFiles := inFolders(pageGroups)
	m, err := metaFile(lang, len(analysed), firsts, folders{shardDirs, perShard, pageDirs, perPage}, shown)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return slices.Concat([]File{{Path: EntryFile, Body: m}}, shardFiles, pageFiles), nil
}

// postings gathers every term's posting list: per page that uses it, in
// page order, the page's number, tf<<2|flags and the part (Assemble then
// weighs them). The lists are cut from one array sized by a first count,
// rather than each growing on its own: a language has tens of thousands
// of them.
func postings(analysed []*Page) map[string][]int32 {
	index := map[string]int{}
	var counts []int
	// Each page's terms by number, so that a term is looked up once: the
	// second lookup of every term was a sixth of assembling an index.
	pairs := 0
	for _, p := range analysed {
		pairs += len(p.read.terms)
	}
	numbered := make([]int32, pairs)
	numbers := make([][]int32, len(analysed))
	for id, p := range analysed {
		numbers[id], numbered = numbered[:len(p.read.terms):len(p.read.terms)], numbered[len(p.read.terms):]
		for i, t := range p.read.terms {
			k, ok := index[t]
			if !ok {
				k = len(counts)
				index[t] = k
				counts = append(counts, 0)
			}
			counts[k] += 3
			numbers[id][i] = int32(k)
		}
	}
	lists := make([][]int32, len(counts))
	all := make([]int32, 0, sum(counts))
	for k, n := range counts {
		lists[k], all = all[:0:n], all[n:n]
	}
	for id, p := range analysed {
		r := p.read
		for i, k := range numbers[id] {
			lists[k] = append(lists[k], int32(id), r.vals[i], r.parts[i])
		}
	}
	post := make(map[string][]int32, len(index))
	for t, k := range index {
		post[t] = lists[k]
	}
	return post
}

func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}

// The index's files are kept in folders of a few shards or pages each,
// every folder named after its content (see versionOf). An edit changes
// the folders of what it touched, and only those are written again, and
// downloaded again by a reader who saved the course. The entry names every
// folder, so a large index has folders of up to 16 shards or the parts of
// 32 pages; a small one has smaller folders, about foldersWanted of each
// kind, so that an edit there too renames only a few of its files.
const (
	shardsPerFolder = 16
	pagesPerFolder  = 32
	foldersWanted   = 8
)

// perFolder is how many of n shards or pages share a folder: the smallest
// power of two from least on that makes at most foldersWanted folders, or
// most.
func perFolder(n, least, most int) int {
	per := least
	for per < most && per*foldersWanted < n {
		per *= 2
	}
	return per
}

// folders are the folders of an index's shards and of its pages' parts.
type folders struct {
	shardDirs []string
	perShard  int
	pageDirs  []string
	perPage   int
}

// inFolders puts each group of files into a folder named after their
// content, and returns the folder names and the files with their paths.
func inFolders(groups [][]File) (dirs []string, files []File) {
	dirs = make([]string, len(groups))
	for g, group := range groups {
		dirs[g] = versionOf(group)
		for _, f := range group {
			files = append(files, File{Path: dirs[g] + "/" + f.Path, Body: f.Body})
		}
	}
	return dirs, files
}

// wordForms gathers, for a language stemmed at build time, the term of
// every folded word of every page; nil for other languages. A word that
// reached two terms (two spellings that fold alike) keeps the smaller, so
// the index does not depend on page order.
func wordForms(analysed []*Page) map[string]string {
	var forms map[string]string
	for _, p := range analysed {
		if p.read.forms == nil {
			continue
		}
		if forms == nil {
			forms = map[string]string{}
		}
		for w, t := range p.read.forms {
			if prev, ok := forms[w]; !ok || t < prev {
				forms[w] = t
			}
		}
	}
	return forms
}

// byForm keys the postings by the words the client looks up: each word
// holds its stem's pages, so every form of a word finds them all.
func byForm(post map[string][]int32, forms map[string]string) map[string][]int32 {
	out := make(map[string][]int32, len(forms))
	for w, t := range forms {
		out[w] = post[t]
	}
	return out
}

// docTerms is what one page adds to the index.
type docTerms struct {
	forms  map[string]string // folded word -> term, for languages stemmed at build time
	terms  []string
	vals   []int32 // tf<<2|flags, per term
	parts  []int32 // the part of the page file where the term is most, per term
	length int
	head   [4]string // URL, title, section and description: what a result shows before its part is in
	page   [][]byte  // the page's parts
	err    error
}

// readDocs analyses the pages on every processor; the results keep the
// order of docs, so the index does not depend on scheduling.
func readDocs(lang string, docs []Doc) []docTerms {
	out := make([]docTerms, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAnalyzer(lang) // its cache is not shared
			for id := w; id < len(docs); id += workers {
				out[id] = readDoc(a, docs[id])
			}
		}()
	}
	wg.Wait()
	return out
}

// readDoc counts the terms of one page. The text counted is the
// description, headings and body; title and heading words also set a flag
// that ranking rewards. Each term also notes the part of the page where
// it counts most (a heading word a little more), so a result reads only
// that part.
func readDoc(a *analyzer, d Doc) docTerms {
	var r docTerms
	if a.forms != nil {
		a.forms = map[string]string{} // this page's forms alone
	}
	secs := d.sections()
	pieces := piecesOf(secs)
	stats := a.pageStats(textLen(secs))
	defer clear(stats)
	var buf []string
	count := func(text string, part, weight int32) {
		buf = a.terms(buf[:0], text)
		for _, t := range buf {
			s := stats[t]
			s.tf++
			s.use(part, weight)
			stats[t] = s
		}
	}
	flag := func(text string, f int32) {
		for _, t := range a.terms(buf[:0], text) {
			s := stats[t]
			s.flags |= f
			stats[t] = s
		}
	}
	count(d.Description, 0, 2)
	for _, p := range pieces {
		if !p.more {
			count(p.Heading, p.part, 3)
			flag(p.Heading, flagHeading)
		}
		count(p.Text, p.part, 2)
	}
	flag(d.Title, flagTitle)
	n := len(stats)
	r.terms, r.vals, r.parts = make([]string, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	for t, s := range stats {
		r.length += int(s.tf)
		r.terms = append(r.terms, t)
		r.vals = append(r.vals, s.tf<<2|s.flags)
		r.parts = append(r.parts, s.best())
	}
	r.forms = a.forms
	r.head = [4]string{d.URL, d.Title, d.Section, d.Description}
	r.page, r.err = docFiles(d, pieces)
	return r
}

func textLen(secs []markup.Section) int {
	n := 0
	for _, s := range secs {
		n += len(s.Heading) + len(s.Text)
	}
	return n
}

// termStat is what a page says of one term: its frequency, flags, and
// where it is used most. Parts are counted in order, so one running count
// is enough: uses in a text count 2, in a heading 3.
type termStat struct {
	tf, flags      int32
	top, topWeight int32 // the part with the most weight so far
	at, weight     int32 // the part being counted, and its weight
}

func (s *termStat) use(part, weight int32) {
	if part != s.at {
		s.top, s.topWeight = s.best(), max(s.topWeight, s.weight)
		s.at, s.weight = part, 0
	}
	s.weight += weight
}

// best is the part where the term weighs most, the first of equals.
func (s *termStat) best() int32 {
	if s.weight > s.topWeight {
		return s.at
	}
	return s.top
}

// sortedTerms sorts terms in UTF-16 code unit order, the order of
// JavaScript's string comparison, which the client's binary search uses.
func sortedTerms(post map[string][]int32) []string {
	terms := make([]string, 0, len(post))
	for t := range post {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, compareUTF16)
	return terms
}

func compareUTF16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// shardTerms cuts the sorted terms into shards of about shardBytes. It
// returns the shard bodies and where each starts: "" for the first shard,
// so every term falls in some shard, else the shortest start of its
// first term that sorts after the term before it. Each shard also names
// the pages named gives for its terms, unless named is nil.
func shardTerms(terms []string, post map[string][]int32, named heads) (shards [][]byte, firsts []string) {
	var cur bytes.Buffer
	var in []string // the terms of cur
	last := ""
	closeShard := func() {
		if named != nil {
			if len(in) > 0 {
				cur.WriteByte(',')
			}
			writeKey(&cur, headsKey)
			cur.Write(named(in))
		}
		cur.WriteByte('}')
		shards = append(shards, bytes.Clone(cur.Bytes()))
		cur.Reset()
		in = in[:0]
	}
	for _, t := range terms {
		// Terms that start alike stay together where they can, so that
		// the prefix of a word being typed reads one shard.
		if cur.Len() >= shardBytes && (cur.Len() >= 2*shardBytes || !sameStart(last, t)) {
			closeShard()
		}
		if cur.Len() == 0 {
			first := ""
			if len(firsts) > 0 {
				first = separator(last, t)
			}
			firsts = append(firsts, first)
			cur.WriteByte('{')
		} else {
			cur.WriteByte(',')
		}
		writeTerm(&cur, t, post[t])
		in = append(in, t)
		last = t
	}
	if cur.Len() > 0 || len(shards) == 0 {
		if cur.Len() == 0 {
			firsts = append(firsts, "")
			cur.WriteByte('{')
		}
		closeShard()
	}
	return shards, firsts
}

// sameStart says whether two terms share their first five characters.
func sameStart(a, b string) bool {
	n := 0
	for i := range a {
		if n == startChars {
			a = a[:i]
			break
		}
		n++
	}
	return n == startChars && strings.HasPrefix(b, a)
}

// startChars is how alike terms are kept together. At four, "ramadan"
// shared its shard with the long lists of "rama" and "ramah" in the
// 2 x 1,000 corpus: 7 KB where 4 KB were its own, downloaded by every
// first query for it. At five a full shard may close between them, and a
// prefix of four letters being typed still spans two shards at most.
const startChars = 5

// separator is the shortest start of next that sorts after prev, the
// term before it: it parts the two shards as well as next does, in
// fewer characters of index.json.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && compareUTF16(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// writeTerm writes "term":"postings": per page, the gap from the previous
// page number, the term's weight and the part, each as a number in digits.
func writeTerm(b *bytes.Buffer, t string, p []int32) {
	writeKey(b, t)
	b.WriteByte('"')
	prev := int32(0)
	for i := 0; i < len(p); i += 3 {
		writeNumber(b, int(p[i]-prev))
		writeNumber(b, int(p[i+1]))
		writeNumber(b, int(p[i+2]))
		prev = p[i]
	}
	b.WriteByte('"')
}

// writeKey writes a JSON object's key and its colon.
func writeKey(b *bytes.Buffer, k string) {
	q, _ := json.Marshal(k)
	b.Write(q)
	b.WriteByte(':')
}

// digits holds 32 digits that end a number and 32 that go on: a number
// is written five bits at a time, lowest first, so that most numbers of a
// posting list take one character, and none needs escaping in JSON.
const digits = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz"

func writeNumber(b *bytes.Buffer, n int) {
	for n >= 32 {
		b.WriteByte(digits[32+n&31])
		n >>= 5
	}
	b.WriteByte(digits[n])
}

// readNumbers decodes a posting string, for the tests.
func readNumbers(s string) []int {
	var out []int
	n, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		n |= (d & 31) << shift
		if d < 32 {
			out = append(out, n)
			n, shift = 0, 0
		} else {
			shift += 5
		}
	}
	return out
}

// page is a part of a page, the file a result is shown from.
type page struct {
	URL         string      `json:"u"`
	Title       string      `json:"t"`
	Section     string      `json:"s,omitempty"`
	Description string      `json:"d,omitempty"` // in the first part only
	Sections    [][3]string `json:"b"`           // [anchor id, heading, text]
}

// docFiles writes the parts of a page, each with its sections that have
// an anchor or text.
func docFiles(d Doc, pieces []piece) ([][]byte, error) {
	n := 1
	if len(pieces) > 0 {
		n = int(pieces[len(pieces)-1].part) + 1
	}
	ps := make([]page, n)
	for k := range ps {
		ps[k] = page{URL: d.URL, Title: d.Title, Section: d.Section, Sections: [][3]string{}}
	}
	ps[0].Description = d.Description
	for _, p := range pieces {
		if p.ID != "" || p.Text != "" {
			ps[p.part].Sections = append(ps[p.part].Sections, [3]string{p.ID, p.Heading, p.Text})
		}
	}
	out := make([][]byte, n)
	for k, p := range ps {
		b, err := marshal(p)
		if err != nil {
			return nil, err
		}
		out[k] = b
	}
	return out, nil
}

// shownBytes bounds what the entry may carry to show results before
// their page parts are in: the title, section and description of every
// page. The search page carries the entry, so a small course shows its
// first results one round trip after the page, while the snippets follow;
// a large course would make every search page heavy, and goes without.
const shownBytes = 12 << 10

// shownPages is what results show of each page until its part is in, or
// nil when that would be more than shownBytes.
func shownPages(analysed []*Page) [][4]string {
	out := make([][4]string, len(analysed))
	size := 0
	for i, p := range analysed {
		h := p.read.head
		out[i] = h
		if size += len(h[0]) + len(h[1]) + len(h[2]) + len(h[3]) + 12; size > shownBytes {
			return nil
		}
	}
	return out
}

// EntryFile is the index's entry, the one file with a fixed name. The
// search page carries it too.
const EntryFile = "index.json"

// meta is index.json, the one file with a fixed name.
type meta struct {
	Lang      string      `json:"lang"`         // language code
	Stem      string      `json:"stem"`         // stemmer name, "" for none
	Stop      string      `json:"stop"`         // stop words, space-separated
	N         int         `json:"n"`            // number of pages
	Shards    []string    `json:"t"`            // first term of each shard
	ShardDirs []string    `json:"ts"`           // the folder of shards i*tn to (i+1)*tn-1
	PerShard  int         `json:"tn"`           // shards per folder
	PageDirs  []string    `json:"ds"`           // the folder of the parts of pages i*dn to (i+1)*dn-1
	PerPage   int         `json:"dn"`           // pages per folder
	Shown     [][4]string `json:"pg,omitempty"` // per page: URL, title, section, description (small indexes only)
}

func metaFile(lang string, pages int, firsts []string, dirs folders, shown [][4]string) ([]byte, error) {
	base := baseLang(lang)
	m := meta{Lang: lang, N: pages, Shards: firsts,
		ShardDirs: dirs.shardDirs, PerShard: dirs.perShard, PageDirs: dirs.pageDirs, PerPage: dirs.perPage, Shown: shown}
	if stemmers[base] != nil {
		m.Stem = base
	}
	m.Stop = strings.Join(strings.Fields(stopWords[base]), " ")
	return marshal(m)
}

// versionOf names a folder of index files after their paths and content,
// so a reader never mixes files of two builds, and files that did not
// change keep their place, and their copies in caches.
func versionOf(files []File) string {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write(f.Body)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
