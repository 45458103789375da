package markup

import (
	"strings"
	"testing"
)

// Pandoc's bracketed spans, as the Carpentries' glossaries write their
// terms, are spans with their id (the workbook's prefix on it in the
// workbook) and classes; brackets that are not one stay as written.
func TestBracketedSpans(t *testing.T) {
	src := "[argument]{#argument}\n:   A value.\n\n[commit]{#commit .term}\n:   See [staging area]{#staging-area}.\n\n" +
		"Not spans: [x] {#y}, [a *b*]{#c}, []{#d}, [[e]]{#f}.\n"
	doc, err := convertPage(t, src, Pass{}, Pass{Workbook: true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	for _, want := range []string{
		`<dt><span id="argument">argument</span></dt>`,
		`<dt><span id="commit" class="term">commit</span></dt>`,
		`See <span id="staging-area">staging area</span>.`,
		`Not spans: [x] {#y}, [a <em>b</em>]{#c}, []{#d}, [[e]]{#f}.`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s:\n%s", want, got)
		}
	}
	_, page := fixture(t, src)
	if wb := string(doc.HTML(Pass{Workbook: true})); !strings.Contains(wb, `<span id="`+InPart(page, "argument")+`">`) {
		t.Errorf("workbook span lacks the page's prefix:\n%s", wb)
	}
}
