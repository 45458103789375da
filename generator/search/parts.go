package search

import (
	"strings"
	"unicode/utf8"

	"lentera/generator/markup"
)

// partChars bounds the text of a page's part: a result reads the one part
// of its page where its words are, not the whole page, and shows about 160
// characters of it. Parts are files, which the build writes and saving a
// course for offline fetches, so the bound trades the bytes of a first
// query against the file count. On a 2 x 1,000-chapter course: at 1,500 a
// part gzips to about 0.65 KB, in 4,500 files per language; at 1,000 to
// 0.5 KB, in 6,500; cut only at headings, parts ran to 2 KB of text (0.9
// KB gzipped) in 3,300.
const partChars = 1500

// piece is a section, or one of the pieces a long section is cut into so
// that it fits a part. Every piece keeps its section's anchor and heading,
// so a result still links to the heading above its words.
type piece struct {
	markup.Section
	part int32 // the part of the page the piece is in
	more bool  // a later piece of its section, whose heading is counted once
}

// piecesOf cuts sections longer than partChars at sentence ends and packs
// the pieces into parts in order, a part closing before the piece that
// would take it over partChars, so no part is much over the bound
// whatever the page's headings.
func piecesOf(secs []markup.Section) []piece {
	out := make([]piece, 0, len(secs))
	part, size := int32(0), 0
	for _, s := range secs {
		for i, text := range cutText(s.Text, max(partChars-len(s.Heading), partChars/2)) {
			p := piece{Section: markup.Section{ID: s.ID, Heading: s.Heading, Text: text}, more: i > 0}
			n := len(p.Heading) + len(p.Text)
			if size > 0 && size+n > partChars {
				part, size = part+1, 0
			}
			p.part = part
			size += n
			out = append(out, p)
		}
	}
	return out
}

// cutText splits text into pieces of at most limit bytes: after a
// sentence's end in the second half of the limit, else at the last space,
// else (one long word, or a script without spaces) at a character's
// boundary.
func cutText(text string, limit int) []string {
	var out []string
	for len(text) > limit {
		at := breakBefore(text, limit)
		out = append(out, strings.TrimRight(text[:at], " "))
		text = strings.TrimLeft(text[at:], " ")
	}
	return append(out, text)
}

// breakBefore is where to end a piece of text that must hold at most limit
// bytes; text is longer than limit.
func breakBefore(text string, limit int) int {
	space := -1
	for i := limit; i > limit/2; i-- {
		if text[i] == ' ' && space < 0 {
			space = i
		}
		if sentenceEnds(text, i) {
			return i
		}
	}
	if space < 0 {
		space = strings.LastIndexByte(text[:limit/2+1], ' ')
	}
	if space > 0 {
		return space
	}
	at := limit
	for at > 0 && !utf8.RuneStart(text[at]) {
		at--
	}
	if at == 0 { // limit falls inside the first character
		_, at = utf8.DecodeRuneInString(text)
	}
	return at
}

// fullStops end a sentence in scripts that leave no space after one.
const fullStops = "。！？।"

// sentenceEnds reports whether a sentence ends just before text[i]: a
// full stop of those scripts, or '.', '!', '?', ';' or ':' and a space (so
// that "3.5" is not one).
func sentenceEnds(text string, i int) bool {
	if text[i] == ' ' {
		return strings.ContainsRune(".!?;:", rune(text[i-1]))
	}
	if !utf8.RuneStart(text[i]) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return strings.ContainsRune(fullStops, r)
}
