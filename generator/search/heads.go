package search

import (
	"bytes"
	"math"
	"slices"
	"strconv"
)

// A course too large for the entry to name its pages (see shownBytes)
// would list a query's results only once the part of each is in: a round
// trip after the term shard, 0.4 s or more on a slow line. So each shard
// of such an index also names, under the key "", the pages its terms
// rank highest: {"": {"page number": [URL, title, section], ...}}. A
// query of one word, the shard of which the client reads anyway, then
// lists its first results from the shard alone, and the snippets follow.
//
// The client shows shownPerTerm results at a time (PAGE in
// assets/search.js) and ranks a page for a word by the word's best
// matching term (the word itself, the longer words it begins, or one-letter
// typos, each term weighted): the first shownPerTerm pages of that ranking
// are each among the first shownPerTerm of the term it is ranked by, so
// naming those of every term names them. A query of several words sums
// its words' scores, and may need pages no shard names; it then lists each
// result as its part comes in.
const shownPerTerm = 5

// headsKey is the shard's member that names pages; no term is empty.
const headsKey = ""

// The client's ranking (assets/search.js): BM25 with these constants,
// and a bonus for a term in the page's title or headings.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	titleBonus   = 2.5
	headingBonus = 0.7
)

// ranker scores a page for one term as the client does, from the page
// lengths as the entry stores them and their mean as it is written.
type ranker struct {
	dl  []float64
	avg float64
}

func newRanker(lengths []int) ranker {
	r := ranker{dl: make([]float64, len(lengths)), avg: meanLength(lengths)}
	for i, n := range lengths {
		r.dl[i] = lengthOf(lengthChar(n))
	}
	return r
}

// lengthOf is the page length the client reads from lengthChar's c.
func lengthOf(c byte) float64 {
	q := int(c) - 35
	if q > 57 {
		q-- // the '\' left out
	}
	return math.Pow(2, float64(q)/6) - 1
}

// score is what page id gets for a term it holds with tf<<2|flags val,
// up to the term's weight and idf, the same for every page of the term.
func (r ranker) score(id, val int32) float64 {
	tf := float64(val >> 2)
	s := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*r.dl[id]/r.avg))
	if val&flagTitle != 0 {
		s += titleBonus
	}
	if val&flagHeading != 0 {
		s += headingBonus
	}
	return s
}

// scored is a page, its tf<<2|flags for one term and its score.
type scored struct {
	id, val int32
	score   float64
}

// top adds to named the pages of posting list p that rank among the first
// shownPerTerm for its term, first of equals the lower page number, as
// the client breaks ties. Pages within a hair of the last are named too,
// unless their length and term frequency are the last's: the client's
// floating point need not round as Go's does to the last bit, but it
// gives the same inputs the same score.
func (r ranker) top(p []int32, named *pageSet) {
	var best [shownPerTerm]scored
	n := 0
	for i := 0; i < len(p); i += 3 {
		s := scored{p[i], p[i+1], r.score(p[i], p[i+1])}
		if n == len(best) && s.score <= best[n-1].score {
			continue // pages come in page order: an equal score loses
		}
		j := min(n, len(best)-1)
		for j > 0 && best[j-1].score < s.score {
			best[j] = best[j-1]
			j--
		}
		best[j] = s
		n = min(n+1, len(best))
	}
	for _, s := range best[:n] {
		named.add(s.id)
	}
	if n < len(best) {
		return
	}
	last := best[n-1]
	floor := last.score * (1 - 1e-9)
	for i := 0; i < len(p); i += 3 {
		twin := p[i+1] == last.val && r.dl[p[i]] == r.dl[last.id]
		if !twin && r.score(p[i], p[i+1]) >= floor {
			named.add(p[i])
		}
	}
}

// pageSet is a set of page numbers, emptied for each shard without
// clearing a map.
type pageSet struct {
	in  []bool
	ids []int32
}

func (s *pageSet) add(id int32) {
	if !s.in[id] {
		s.in[id] = true
		s.ids = append(s.ids, id)
	}
}

// take returns the pages in order and empties the set.
func (s *pageSet) take() []int32 {
	for _, id := range s.ids {
		s.in[id] = false
	}
	ids := s.ids
	s.ids = s.ids[:0]
	slices.Sort(ids)
	return ids
}

// heads gives, for the terms of one shard, the member that names their
// first pages.
type heads func(terms []string) []byte

// headsOf names the pages of each shard's terms from their analyses. A
// page named by several shards is encoded once.
func headsOf(analysed []*Page, lengths []int, post map[string][]int32) heads {
	r := newRanker(lengths)
	named := &pageSet{in: make([]bool, len(analysed))}
	encoded := make([][]byte, len(analysed))
	var b bytes.Buffer
	var num [12]byte
	return func(terms []string) []byte {
		for _, t := range terms {
			r.top(post[t], named)
		}
		b.Reset()
		b.WriteByte('{')
		for i, id := range named.take() {
			if encoded[id] == nil {
				h := analysed[id].read.head
				encoded[id], _ = marshal([3]string{h[0], h[1], h[2]}) // strings always encode
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.Write(strconv.AppendInt(num[:0], int64(id), 10))
			b.WriteString(`":`)
			b.Write(encoded[id])
		}
		b.WriteByte('}')
		return b.Bytes()
	}
}
