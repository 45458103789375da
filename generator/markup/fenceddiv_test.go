package markup

import (
	"strings"
	"testing"
)

// Pandoc's and Quarto's fenced divs are containers named by their first
// class, with their title from title="…", and a fence may end with colons.
func TestPandocFencedDivs(t *testing.T) {
	src := "::: {.tip .wide #hook title=\"Hook first\"}\nOpen with the problem.\n:::\n\n" +
		":::: warning ::::\nCareful.\n::::\n\n" +
		"::: {.exercise}\nTry.\n:::\n"
	pageShows(t, src,
		`<aside class="directive directive-tip wide" id="hook"><p class="directive-title">Hook first</p>`,
		`<aside class="directive directive-warning"><p class="directive-title">directive_warning</p>`,
		`<section class="directive directive-exercise"><p class="directive-title">directive_exercise</p>`)
}

// A div without a class names nothing, and is an error at its line; so is
// a title on a leaf, which has none.
func TestPandocFencedDivErrors(t *testing.T) {
	for src, want := range map[string]string{
		"Text.\n\n::: {#only-id}\nX\n:::\n":     `a.md:6: {#only-id} names no directive`,
		"Text.\n\n::checklist{src=c title=x}\n": `a.md:6: unknown attribute "title" on ::checklist`,
		"Text.\n\n::: tip ::: x\nX\n:::\n":      `a.md:6: unexpected "::: x" after directive ::tip`,
	} {
		_, err := convertPage(t, src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %s", src, err, want)
		}
	}
}
