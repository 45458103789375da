package search

import "strings"

// stemIndonesian implements the Snowball Indonesian stemmer (Tala's
// "Porter stemmer for Bahasa Indonesia" as published by the Snowball
// project), written from its description, plus one addition described at
// firstOrderPrefix. Input is lower-case a-z.
//
// The algorithm counts vowels ("measure") and stops as soon as a word has
// two or fewer: every affix it removes holds exactly one vowel, so the
// count is recomputed rather than tracked.
//
//	particle      -kah -lah -pun
//	possessive    -ku -mu -nya
//	first order   meng- meny- men- mem- me- peng- peny- pen- pem- di- ter- ke-
//	second order  ber- be- per- pe- (bel-/pel- only in belajar, pelajar)
//	suffix        -kan -an -i, allowed or not by the prefix removed
func stemIndonesian(w string) string {
	if vowelCount(w) <= 2 {
		return w
	}
	w = trimSuffixAny(w, "kah", "lah", "pun")
	if vowelCount(w) <= 2 {
		return w
	}
	before := w
	w = trimSuffixAny(w, "nya", "ku", "mu")
	hadNya := len(before)-len(w) == 3
	if vowelCount(w) <= 2 {
		return w
	}
	if rest, kind, start, ok := firstOrderPrefix(w, hadNya); ok {
		// A second-order prefix (memper-, diper-, ...) only goes when a
		// suffix went too, as in Snowball.
		w = rest
		if vowelCount(w) > 2 {
			if rest, ok := removeSuffix(w, start, kind); ok {
				w = rest
				if vowelCount(w) > 2 && start == 0 {
					w, _ = secondOrderPrefix(w, kind)
				}
			}
		}
		return w
	}
	w, kind := secondOrderPrefix(w, prefixNone)
	if vowelCount(w) > 2 {
		w, _ = removeSuffix(w, 0, kind)
	}
	return w
}

// The kind of prefix removed decides which suffixes may follow.
const (
	prefixNone = iota
	prefixDi   // di-, meN-, ter-
	prefixPer  // per-, pe- (second order)
	prefixKe   // ke-, peN- (and se-)
	prefixBer  // ber-, be-
)

// firstOrderPrefix removes di-, ter-, ke- or a meN-/peN- form, undoing the
// sound changes meny- -> s, mem- + vowel -> p (and the same for peny-,
// pem-). start is where the rest of the word begins for suffix removal: 1
// after a restored consonant, else 0.
//
// Addition to Snowball: se- is removed when -nya was (the adverb confix
// se-...-nya: sebaiknya -> baik, selengkapnya -> lengkap). Alone, se-
// starts too many roots (selesai, sesuai, sehat) to be removed.
func firstOrderPrefix(w string, hadNya bool) (rest string, kind, start int, ok bool) {
	vowelAt := func(i int) bool { return i < len(w) && isVowel(w[i]) }
	switch {
	case strings.HasPrefix(w, "meng"):
		return w[4:], prefixDi, 0, true
	case strings.HasPrefix(w, "meny") && vowelAt(4):
		return "s" + w[4:], prefixDi, 1, true
	case strings.HasPrefix(w, "men"):
		return w[3:], prefixDi, 0, true
	case strings.HasPrefix(w, "mem") && vowelAt(3):
		return "p" + w[3:], prefixDi, 1, true
	case strings.HasPrefix(w, "mem"):
		return w[3:], prefixDi, 0, true
	case strings.HasPrefix(w, "me"):
		return w[2:], prefixDi, 0, true
	case strings.HasPrefix(w, "peng"):
		return w[4:], prefixKe, 0, true
	case strings.HasPrefix(w, "peny") && vowelAt(4):
		return "s" + w[4:], prefixKe, 1, true
	case strings.HasPrefix(w, "pen"):
		return w[3:], prefixKe, 0, true
	case strings.HasPrefix(w, "pem") && vowelAt(3):
		return "p" + w[3:], prefixKe, 1, true
	case strings.HasPrefix(w, "pem"):
		return w[3:], prefixKe, 0, true
	case strings.HasPrefix(w, "di"):
		return w[2:], prefixDi, 0, true
	case strings.HasPrefix(w, "ter"):
		return w[3:], prefixDi, 0, true
	case strings.HasPrefix(w, "ke"):
		return w[2:], prefixKe, 0, true
	case hadNya && strings.HasPrefix(w, "se"):
		return w[2:], prefixKe, 0, true
	}
	return w, prefixNone, 0, false
}

// secondOrderPrefix removes ber-, be- (before consonant + "er", as in
// bekerja), per- or pe-; belajar and pelajar keep "ajar".
func secondOrderPrefix(w string, kind int) (string, int) {
	switch {
	case strings.HasPrefix(w, "belajar"):
		return w[3:], prefixBer
	case strings.HasPrefix(w, "pelajar"):
		return w[3:], kind
	case strings.HasPrefix(w, "ber"):
		return w[3:], prefixBer
	case strings.HasPrefix(w, "per"):
		return w[3:], prefixPer
	case strings.HasPrefix(w, "be") && len(w) >= 5 && !isVowel(w[2]) && w[3:5] == "er":
		return w[2:], prefixBer
	case strings.HasPrefix(w, "pe"):
		return w[2:], prefixPer
	}
	return w, kind
}

// removeSuffix removes -kan, -an or -i when the prefix allows it: no -kan
// after ke-/peN-/per- (there -an goes instead: pendidikan -> didik), no -an
// after di-/meN-/ter-, no -i after ke-/peN-/ber- or after s (televisi).
// The suffix must lie at or after start.
func removeSuffix(w string, start, kind int) (string, bool) {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "kan") && n-3 >= start && kind != prefixKe && kind != prefixPer:
		return w[:n-3], true
	case strings.HasSuffix(w, "an") && n-2 >= start && kind != prefixDi:
		return w[:n-2], true
	case strings.HasSuffix(w, "i") && n-1 >= start && kind <= prefixPer &&
		!(n-2 >= start && w[n-2] == 's'):
		return w[:n-1], true
	}
	return w, false
}

func trimSuffixAny(w string, suffixes ...string) string {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

func vowelCount(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) {
			n++
		}
	}
	return n
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}
