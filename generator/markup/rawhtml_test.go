package markup

import (
	"slices"
	"strings"
	"testing"

	"lentera/generator/fileerr"
	"lentera/generator/site"
)

// In the workbook pass, ids written in raw HTML get the page's prefix, and
// so do the references to them, inside the HTML and from Markdown links.
func TestRawHTMLIDsInWorkbook(t *testing.T) {
	src := "<dl><dt id=\"term-shell\">Shell</dt><dd>A program.</dd></dl>\n\n" +
		"See <span id='here' class=x>here</span>, <a href=\"#term-shell\">shell</a>, " +
		"<a href=\"https://example.org/#top\">out</a> and [the term](#term-shell).\n\n" +
		"<label for=q>Q</label><input id=q aria-describedby=\"h1 h2\">\n"
	s, page := fixture(t, src)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
	doc, err := New(Options{Unsafe: true}).Convert(in, Pass{}, Pass{Workbook: true})
	if err != nil {
		t.Fatal(err)
	}
	p := InPart(page, "")
	wb := string(doc.HTML(Pass{Workbook: true}))
	for _, want := range []string{
		`<dt id="` + p + `term-shell">`,
		`<span id="` + p + `here" class=x>`,
		`<a href="#` + p + `term-shell">shell</a>`,
		`<a href="https://example.org/#top">`,
		`<a href="#` + p + `term-shell">the term</a>`,
		`<label for="` + p + `q">`,
		`<input id="` + p + `q" aria-describedby="` + p + `h1 ` + p + `h2">`,
	} {
		if !strings.Contains(wb, want) {
			t.Errorf("workbook lacks %s:\n%s", want, wb)
		}
	}
	if web := string(doc.HTML(Pass{})); !strings.Contains(web, `<dt id="term-shell">`) || !strings.Contains(web, "<span id='here' class=x>") {
		t.Errorf("the web pass changed raw HTML:\n%s", web)
	}
}

// A table written in raw HTML scrolls inside its region, as a Markdown
// table does, also when a blank line splits it into two pieces of raw HTML
// (a real lesson's two tables of 550 px widened its page on a phone).
func TestRawTablesWrapped(t *testing.T) {
	src := "<TABLE align=\"left\"><tr><td>a</td></tr></TABLE>\n\n<table>\n<tr><td>b</td></tr>\n\n</table>\n\nText with <tables>.\n"
	s, page := fixture(t, src)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return "«" + k + "»" }, Embed: stubEmbed}
	doc, err := New(Options{Unsafe: true}).Convert(in, Pass{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	region := `<div class="table-wrap" role="region" tabindex="0" aria-label="«table_region»`
	if strings.Count(got, region) != 2 || strings.Count(got, "</table></div>")+strings.Count(got, "</TABLE></div>") != 2 ||
		!strings.Contains(got, region+`: a">`+`<TABLE align="left">`) || !strings.Contains(got, region+`: b">`) || !strings.Contains(got, "<tables>") {
		t.Errorf("raw tables are not each in one region named by its first row:\n%s", got)
	}
}

// Raw HTML that is left out is one warning per line, however many tags the
// line has. Tags of plainTags without attributes are let through without
// a warning (lessons write keys as <kbd>) when they pair up; an unpaired
// one is left out, so that no page leaves an element of the layout open
// or closed.
func TestRawHTMLLeftOutOncePerLine(t *testing.T) {
	src := "Press <span>Ctrl</span>+<span>C</span>.\n\n<div>\nblock\n</div>\n\n" +
		"Then <KBD>Enter</kbd>, H<sub>2</sub>O<br/>, <kbd class=x>k</kbd>, </br> and <em>x</em>.\n"
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	var tags []string
	for _, w := range doc.Warnings {
		fe, ok := w.(*fileerr.Error)
		if !ok {
			t.Fatalf("warning %v has no place", w)
		}
		tag, found := strings.CutPrefix(fe.Err.Error(), "raw HTML ")
		tag, _, found2 := strings.Cut(tag, " is left out")
		if !found || !found2 {
			t.Fatalf("unexpected warning %v", w)
		}
		lines, tags = append(lines, fe.Line), append(tags, tag)
	}
	if want := []int{4, 6, 10}; !slices.Equal(lines, want) { // after the fixture's three lines of front matter
		t.Errorf("warned at lines %v, want %v", lines, want)
	}
	if want := []string{"<span>", "<div>", "<kbd class=x>"}; !slices.Equal(tags, want) {
		t.Errorf("warned of %q, want %q", tags, want)
	}
	got := string(doc.HTML(Pass{}))
	if want := "<p>Then <kbd>Enter</kbd>, H<sub>2</sub>O<br>, " + rawOmitted + "k" + rawOmitted + ", " + rawOmitted + " and <em>x</em>.</p>"; !strings.Contains(got, want) {
		t.Errorf("got %s, want %s", got, want)
	}
	// The first <b> and <small> are never closed, </u> never opened, and
	// the second <i> is closed by nothing before </b>; </i> closes the
	// first <i>, around the second <b>.
	unpaired := "<p>Open " + rawOmitted + "<i>" + rawOmitted + "never closed, " + rawOmitted + "stray, <b>bold " + rawOmitted + "italic</b></i>.</p>"
	if got := convertString(t, "Open <b><i><small>never closed, </u>stray, <b>bold <i>italic</b></i>.\n"); !strings.Contains(got, unpaired) {
		t.Errorf("got %s, want %s", got, unpaired)
	}
	for _, absent := range []string{"span", "class=x", "div"} {
		if strings.Contains(got, absent) {
			t.Errorf("%s let through: %s", absent, got)
		}
	}
}

// convertString converts src as the fixture's page and gives the web
// pass.
func convertString(t *testing.T, src string) string {
	t.Helper()
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	return string(doc.HTML(Pass{}))
}

// convertPage converts src as the fixture's page, with stand-ins for the
// layouts, in passes (the web pass when none are given).
func convertPage(t *testing.T, src string, passes ...Pass) (*Doc, error) {
	t.Helper()
	s, page := fixture(t, src)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
	if len(passes) == 0 {
		passes = []Pass{{}}
	}
	return New(Options{}).Convert(in, passes...)
}

// pageShows converts src and fails t for each of wants the page lacks.
func pageShows(t *testing.T, src string, wants ...string) {
	t.Helper()
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s:\n%s", want, got)
		}
	}
}

// Comments are left out without a word: a real course of 574 pages got a
// warning for each of its 576 licence headers and translation markers. A
// comment beside a tag still warns of the tag.
func TestCommentsLeftOutQuietly(t *testing.T) {
	src := "Teks.\n\n<!-- Copyright 2024 -->\n\n<!--\nmulti\nline\n-->\n\n" +
		"Inline <!-- note --> here.\n\n<!-- c --><div>x</div>\n\nSee <span>y</span> <!-- z -->\n\n<!-- open to the end\n"
	s, page := fixture(t, src)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
	doc, err := New(Options{}).Convert(in, Pass{})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.Error())
	}
	want := []string{
		"content/id/bab/a.md:15: raw HTML <div> is left out (markup: {unsafe: true} in site.yaml lets it through)",
		"content/id/bab/a.md:17: raw HTML <span> is left out (markup: {unsafe: true} in site.yaml lets it through)",
	}
	if !slices.Equal(warned, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(want, "\n"))
	}
	if got := string(doc.HTML(Pass{})); strings.Contains(got, "Copyright") || strings.Contains(got, "note") {
		t.Errorf("a comment reached the page:\n%s", got)
	}
}
