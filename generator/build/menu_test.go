package build

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// sectionSite is one section of n chapters, in Indonesian.
func sectionSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml":                   {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md":        {Data: []byte("---\ntitle: Beranda\n---\n")},
		"content/id/bagian/_index.md": {Data: []byte("---\ntitle: Bagian\n---\n")},
	}
	for i := 1; i <= n; i++ {
		fsys[fmt.Sprintf("content/id/bagian/bab-%03d.md", i)] = &fstest.MapFile{
			Data: fmt.Appendf(nil, "---\ntitle: Bab %03d\nweight: %d\n---\nIsi bab %d.\n", i, i, i),
		}
	}
	return fsys
}

var chapterLink = regexp.MustCompile(`<a href="/id/bagian/bab-\d+/"`)

// A chapter lists the chapters near it, not its whole section, in the
// menu and below the text: a page would otherwise grow with its section,
// and the site with the square of it. The rest are one link away.
func TestLongSectionListsChaptersNearby(t *testing.T) {
	sizes := map[int]int{}
	for _, n := range []int{40, 400} {
		res, err := Build(context.Background(), Options{Site: sectionSite(n), BuildDate: testDate})
		if err != nil {
			t.Fatalf("%d chapters: %s", n, errorLines(err))
		}
		page := string(outputFile(t, res, "id/bagian/bab-020/index.html"))
		sizes[n] = len(page)
		for _, list := range []string{`<nav class="menu-contents"`, `<ol class="chapter-list">`} {
			i := strings.Index(page, list)
			if i < 0 {
				t.Fatalf("%d chapters: no %s", n, list)
			}
			part := page[i : i+strings.Index(page[i:], "</nav>")]
			if got := len(chapterLink.FindAllString(part, -1)); got != 11 {
				t.Errorf("%d chapters, %s: %d chapter links, want the 11 nearest", n, list, got)
			}
			for _, want := range []string{
				`<a href="/id/bagian/bab-015/"`, `<a href="/id/bagian/bab-025/"`,
				`<a href="/id/bagian/bab-020/" aria-current="page"`,
				`<li class="more"><a href="/id/bagian/">14 bab lainnya di bagian ini</a></li>`,
				fmt.Sprintf(`<li class="more"><a href="/id/bagian/">%d bab lainnya di bagian ini</a></li>`, n-25),
			} {
				if !strings.Contains(part, want) {
					t.Errorf("%d chapters, %s lacks %s", n, list, want)
				}
			}
		}
	}
	// Only the digits of the count differ.
	if d := sizes[400] - sizes[40]; d < 0 || d > 4 {
		t.Errorf("a chapter is %d bytes in a section of 40 and %d in one of 400", sizes[40], sizes[400])
	}
	// The section page itself lists them all.
	res, err := Build(context.Background(), Options{Site: sectionSite(40), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	section := string(outputFile(t, res, "id/bagian/index.html"))
	if got := len(regexp.MustCompile(`href="/id/bagian/bab-\d+/"`).FindAllString(section, -1)); got < 40 {
		t.Errorf("the section page links %d chapters, want all 40", got)
	}
}

func outputFile(t *testing.T, res *Result, path string) []byte {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == path {
			return f.Body
		}
	}
	t.Fatalf("no output file %s", path)
	return nil
}
