package printtest

import (
	"context"
	"strings"
	"testing"

	"lentera/generator/internal/browser"
	"lentera/generator/render"
	"lentera/generator/site"
)

// The workbook's PDF holds every section and chapter of the course, in
// course order, each starting a page after the contents (but the first
// part of a section, which follows the section's opening on its page),
// then every worksheet the chapters embed, each on its own page.
func TestWorkbookHasEveryChapterInOrder(t *testing.T) {
	b, srv, s := inBrowser(t)
	inTabs(t, b, s.Config.Languages, func(t *testing.T, tab context.Context, code string) {
		lang := s.Lang(code)
		pdf, err := browser.PDF(tab, srv.URL+"/"+lang.Code+"/print/")
		if err != nil {
			t.Fatal(err)
		}
		checkA4(t, pdf)
		pages := pdfPages(t, pdf)
		titles := courseTitles(s, lang)
		if len(titles) < 10 {
			t.Fatalf("only %d titles in the bundled course", len(titles))
		}
		// Page 1 is the cover and page 2 starts the contents, which
		// list every title in order too; parts start after them.
		at := 2
		course := s.Config.Title.In(lang.Code, s.Config.DefaultLang())
		follows := firstParts(lang)
		for _, title := range titles {
			if follows[title] && at > 0 && strings.Contains(words(pages[at-1]), words(title)) {
				continue
			}
			next := pageStartingWith(pages, at, title, course)
			if next < 0 {
				t.Errorf("no page after page %d starts with %q", at, title)
				continue
			}
			at = next + 1
		}
	})
}

// courseTitles lists the titles the workbook must show in order: every
// section and chapter (drafts never), then the worksheets.
func courseTitles(s *site.Site, lang *site.Language) []string {
	var titles []string
	seen := map[string]bool{}
	var sheets []string
	for _, p := range lang.Pages {
		if p.Kind == site.Home || p.Meta.Draft {
			continue
		}
		titles = append(titles, p.Meta.Title)
		for _, src := range usedData(s, p) {
			if !seen[src] && render.IsWorksheet(s.Data[src]) {
				seen[src] = true
				sheets = append(sheets, titleOf(s, src, lang.Code))
			}
		}
	}
	return append(titles, sheets...)
}

// usedData finds the data files a page embeds, in order, from its Markdown.
func usedData(s *site.Site, p *site.Page) []string {
	var srcs []string
	for _, line := range strings.Split(string(p.Source), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "::") || strings.HasPrefix(line, ":::") {
			continue
		}
		if i := strings.Index(line, `src="`); i >= 0 {
			rest := line[i+len(`src="`):]
			if j := strings.IndexByte(rest, '"'); j >= 0 {
				srcs = append(srcs, rest[:j])
			}
		}
	}
	return srcs
}

// pageStartingWith finds the first page from index from whose opening
// words hold title: after at most the course title (on a worksheet), a
// kicker and a number ("Bagian 2", "2.3"), the title comes first.
func pageStartingWith(pages []string, from int, title, course string) int {
	want := words(title)
	for i := from; i < len(pages); i++ {
		head := strings.TrimPrefix(words(pages[i]), words(course)+" ")
		if at := strings.Index(head, want); at >= 0 && at <= len("bagian 12 ") {
			return i
		}
	}
	return -1
}

// firstParts are the titles of the first part of each section, which the
// workbook prints on the section's opening page.
func firstParts(lang *site.Language) map[string]bool {
	first := map[string]bool{}
	for _, p := range lang.Pages {
		if p.Kind != site.Section {
			continue
		}
		for _, c := range p.Children {
			if !c.Meta.Draft {
				first[c.Meta.Title] = true
				break
			}
		}
	}
	return first
}
