package search

import "math"

// A posting carries the term's weight in the page, worked out here, so
// that the client needs no page lengths (a character per page in the
// entry, which the search page carries: 5 KB at 5,000 pages). The weight
// is BM25's share of the term frequency, normalised by the page's length
// against the mean, plus a bonus when the term is in the page's title or
// a heading, in steps of an eighth, and at least one step. The client
// multiplies it by the term's idf and by how the query matched the term.
// In eighths most weights are under 32, one character of a posting; pages
// within an eighth of each other rank as equals, the earlier first.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	titleBonus   = 2.5
	headingBonus = 0.7
	weightSteps  = 8 // per unit of score
)

// weigher weighs the postings of one language's pages.
type weigher struct {
	lengths []int
	avg     float64
}

// newWeigher takes the mean length in steps of 2^(1/8), 9%: an edit moves
// the mean a little, and were every weight to follow it, a few of them
// would round otherwise all over the index, and an edit would change most
// shards, which a build writes and a reader who saved the course
// downloads again (see versionOf). Rounded, the mean changes only when the
// course has grown or shrunk by some 9%.
func newWeigher(lengths []int) weigher {
	sum := 0
	for _, n := range lengths {
		sum += n
	}
	avg := 1.0 // no page has text: every length is 0, and any mean will do
	if sum > 0 {
		mean := float64(sum) / float64(len(lengths))
		avg = math.Exp2(math.Round(8*math.Log2(mean)) / 8)
	}
	return weigher{lengths, avg}
}

// weight is the weight of a term in page id, which holds it with val,
// tf<<2|flags.
func (w weigher) weight(id, val int32) int32 {
	tf := float64(val >> 2)
	s := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(w.lengths[id])/w.avg))
	if val&flagTitle != 0 {
		s += titleBonus
	}
	if val&flagHeading != 0 {
		s += headingBonus
	}
	return max(1, int32(math.Round(s*weightSteps)))
}

// weigh puts, in every posting list of post, the weight in the place of
// tf<<2|flags.
func (w weigher) weigh(post map[string][]int32) {
	for _, p := range post {
		for i := 0; i < len(p); i += 3 {
			p[i+1] = w.weight(p[i], p[i+1])
		}
	}
}
