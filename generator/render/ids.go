package render

import (
	"regexp"
	"sort"
	"text/template/parse"
)

// textKinds are the kinds of page whose layouts put a page's own text
// among elements of their own: home, section and chapter pages, the slide
// view, and the root that shows the home page. The workbook gives each
// part's ids a prefix of its own, so it needs none of this.
var textKinds = []string{"home", "section", "chapter", "slides", "root"}

// fixedID finds an id written as it is in a layout, quoted or not; one
// with an action in it ({{.ID}}) is not fixed.
var fixedID = regexp.MustCompile(`\sid\s*=\s*(?:"([^"{]+)"|'([^'{]+)'|([^\s"'>{=]+)[\s>])`)

// PageIDs are the ids the layouts give elements of the pages a page's text
// goes into (id="main", the search box): a heading of the same id would
// make two elements of it, and take the skip link or the search box's
// label for itself. Sorted.
func (r *Renderer) PageIDs() []string { return r.pageIDs }

// pageIDs finds PageIDs in the layouts as written.
func pageIDs(set *templateSet) []string {
	ids := map[string]bool{}
	add := func(t *parse.Tree) {
		if t == nil || t.Root == nil {
			return
		}
		for _, m := range fixedID.FindAllStringSubmatch(t.Root.String(), -1) {
			ids[m[1]+m[2]+m[3]] = true
		}
	}
	for _, t := range set.common.Templates() {
		add(t.Tree)
	}
	for _, k := range textKinds {
		if own := set.kinds[k]; own != nil {
			for _, t := range own.Templates() {
				add(t.Tree)
			}
		}
	}
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
