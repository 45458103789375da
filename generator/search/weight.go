package search

import "math"

// A posting carries the term's weight in the page, worked out here, so
// that the client needs no page lengths (a character per page in the
// entry, which the search page carries: 5 KB, 1.8 KB gzipped, at 5,000
// pages). The weight
// is BM25's share of the term frequency, normalised by the page's length
// against the mean, plus a bonus when the term is in the page's title or
// a heading, in steps of an eighth, and at least one step. The client
// multiplies it by the term's idf and by how the query matched the term.
// In eighths most weights are under 32, one character of a posting; pages
// within an eighth of each other rank as equals, the earlier first.
//
// Lengths are taken in steps, as search engines keep norms in a byte, so
// that an edit changes the shards of the words it touched and no others:
// a page's length in steps of 2^(1/6), 12% (a page's every weight follows
// its length, and a sentence added would otherwise change the shards of
// all its words), the mean in steps of 2^(1/8), 9% (every page's weights
// follow the mean).
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	titleBonus   = 2.5
	headingBonus = 0.7
	weightSteps  = 8 // per unit of score
)

// weigher weighs the postings of one language's pages.
type weigher struct {
	lengths []float64 // in steps
	avg     float64   // in steps
}

func newWeigher(lengths []int) weigher {
	w := weigher{lengths: make([]float64, len(lengths)), avg: 1} // any mean will do when no page has text
	sum := 0
	for i, n := range lengths {
		sum += n
		w.lengths[i] = math.Exp2(math.Round(6*math.Log2(float64(n)+1))/6) - 1
	}
	if sum > 0 {
		mean := float64(sum) / float64(len(lengths))
		w.avg = math.Exp2(math.Round(8*math.Log2(mean)) / 8)
	}
	return w
}

// weight is the weight of a term in page id, which holds it with val,
// tf<<2|flags.
func (w weigher) weight(id, val int32) int32 {
	return max(1, int32(math.Round(w.score(id, val)*weightSteps)))
}

// score is the weight before it is taken in steps.
func (w weigher) score(id, val int32) float64 {
	tf := float64(val >> 2)
	s := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*w.lengths[id]/w.avg))
	if val&flagTitle != 0 {
		s += titleBonus
	}
	if val&flagHeading != 0 {
		s += headingBonus
	}
	return s
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
