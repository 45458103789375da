package markup

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// leadRunes is about what search engines show of a description, and what
// a link preview in a chat shows in its two or three lines.
const leadRunes = 160

// leadOf is the text of the page's first paragraph, cut to leadRunes:
// what describes a page whose author gave it no description. Without
// one, search engines pick a text themselves and a shared link's preview
// says nothing. Lists and quotes are looked into, other blocks not: a
// trainer's note, in a block of its own, is never the public lead.
func leadOf(root ast.Node, src []byte, render func(util.BufWriter, ast.Node) error) (string, error) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if onlyImages(n, src) {
				continue // a photo's alt text says what it shows, not what the page is
			}
			secs, err := sectionsOf(n, src, nil, nil, render)
			if err != nil {
				return "", err
			}
			if len(secs) > 0 && secs[0].Text != "" {
				return cutLead(secs[0].Text, leadRunes), nil
			}
		case *ast.List, *ast.ListItem, *ast.Blockquote:
			if lead, err := leadOf(n, src, render); lead != "" || err != nil {
				return lead, err
			}
		}
	}
	return "", nil
}

// onlyImages reports whether a paragraph holds images and nothing else
// but space.
func onlyImages(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return n.FirstChild() != nil
}

// cutLead shortens text to at most max runes: at the end of its last
// sentence that fits, when that keeps at least half, else at a space,
// marked with an ellipsis.
func cutLead(text string, max int) string {
	cut, n := len(text), 0
	for i := range text {
		if n == max {
			cut = i
			break
		}
		n++
	}
	if cut == len(text) {
		return text
	}
	// The byte after the cut too, so that a sentence ending right at it
	// counts.
	if end := lastSentenceEnd(text[:cut+1]); end >= cut/2 {
		return text[:end]
	}
	head := text[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > 0 {
		head = head[:sp]
	} else {
		// One word longer than max: a rune less, for the ellipsis.
		_, size := utf8.DecodeLastRuneInString(head)
		head = head[:len(head)-size]
	}
	return strings.TrimRight(head, " ,;:–—-") + "…"
}

// lastSentenceEnd is the index just past the last full stop, question or
// exclamation mark in s that a space follows, or 0.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i >= 0; i-- {
		if s[i+1] == ' ' && strings.IndexByte(".?!", s[i]) >= 0 {
			return i + 1
		}
	}
	return 0
}
