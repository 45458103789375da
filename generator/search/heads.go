package search

import (
	"bytes"
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
// assets/search.js) and ranks a page for a word by the best of the terms
// the word matches (itself, the longer words it begins, one-letter typos):
// the term's weight in the page (weight.go) times its idf and how it
// matched, the same for every page of the term. The first shownPerTerm
// pages of that ranking are each among the first shownPerTerm of the term
// they are ranked by, so naming those of every term names them. A query
// of several words sums its words' scores, and may need pages no shard
// names; it then lists each result as its part comes in.
const shownPerTerm = 5

// headsKey is the shard's member that names pages; no term is empty.
const headsKey = ""

// top adds to named the pages of posting list p that rank among the first
// shownPerTerm for its term: those of the highest weights, first of equals
// the lower page number, as the client breaks ties.
func top(p []int32, named *pageSet) {
	var best [shownPerTerm]struct{ id, w int32 }
	n := 0
	for i := 0; i < len(p); i += 3 {
		id, w := p[i], p[i+1]
		if n == len(best) && w <= best[n-1].w {
			continue // pages come in page order: an equal weight loses
		}
		j := min(n, len(best)-1)
		for j > 0 && best[j-1].w < w {
			best[j] = best[j-1]
			j--
		}
		best[j].id, best[j].w = id, w
		n = min(n+1, len(best))
	}
	for _, b := range best[:n] {
		named.add(b.id)
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

// headsOf names the pages of each shard's terms from their weighed
// postings and their analyses. A page named by several shards is encoded
// once.
func headsOf(analysed []*Page, post map[string][]int32) heads {
	named := &pageSet{in: make([]bool, len(analysed))}
	encoded := make([][]byte, len(analysed))
	var b bytes.Buffer
	var num [12]byte
	return func(terms []string) []byte {
		for _, t := range terms {
			top(post[t], named)
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
