package search

import (
	"math/rand"
	"strconv"
	"strings"
)

func itoa(i int) string { return strconv.Itoa(i) }

// vocabulary gives filler text many distinct words, so indexes built from it
// have realistic term counts.
var vocabulary = func() []string {
	var out []string
	syll := []string{"ba", "ki", "ru", "mo", "te", "sa", "lu", "pi", "ne", "go", "da", "ho"}
	for _, a := range syll {
		for _, b := range syll {
			for _, c := range []string{"n", "r", "s", "t", "k"} {
				out = append(out, a+b+c)
			}
		}
	}
	return out
}()

// filler returns n pseudo-random words, the same for the same seed.
func filler(seed, n int) string {
	r := rand.New(rand.NewSource(int64(seed)))
	words := make([]string, n)
	for i := range words {
		words[i] = vocabulary[r.Intn(len(vocabulary))]
	}
	return strings.Join(words, " ")
}
