package readertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The header menu opens from the keyboard, lists the course with the
// current chapter marked, and closes with Escape back on its button; a tap
// opens it too.
func TestMenu(t *testing.T) {
	ctx, srv, s := onPhone(t)
	ch := s.Lang("id").Chapters[5]
	load(t, ctx, srv.URL+ch.URL)

	key := func(k string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	focused := func() string {
		return eval[string](t, ctx, `(e => e.className || e.tagName)(document.activeElement)`)
	}
	key(kb.Tab) // the skip link
	key(kb.Tab)
	if got := eval[string](t, ctx, `document.activeElement.tagName`); got != "SUMMARY" {
		t.Fatalf("the second Tab reached %s, want the menu button", focused())
	}
	key(kb.Enter)
	if !eval[bool](t, ctx, `document.querySelector(".menu").open`) {
		t.Fatal("Enter on the menu button did not open the menu")
	}
	cur := eval[string](t, ctx, `(a => a ? a.getAttribute("href") + " " + a.textContent : "")(document.querySelector(".menu-panel [aria-current=page]"))`)
	if cur != ch.URL+" "+ch.Meta.Title {
		t.Errorf("the menu marks %q as the current page, want %s %s", cur, ch.URL, ch.Meta.Title)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".menu-panel a").length`); n < len(s.Lang("id").Home.Children)+2 {
		t.Errorf("the menu has %d links, fewer than the sections and the chapters beside this one", n)
	}
	if !eval[bool](t, ctx, `(r => r.bottom <= innerHeight && r.height > 0)(document.querySelector(".menu-panel [aria-current=page]").getBoundingClientRect())`) {
		t.Error("the current chapter is not on screen in the open menu")
	}
	key(kb.Tab)
	if !eval[bool](t, ctx, `document.querySelector(".menu-panel").contains(document.activeElement)`) {
		t.Errorf("Tab from the open menu went to %s, not into the menu", focused())
	}
	shot(t, ctx, "menu-open")
	key(kb.Escape)
	if eval[bool](t, ctx, `document.querySelector(".menu").open`) || eval[string](t, ctx, `document.activeElement.tagName`) != "SUMMARY" {
		t.Errorf("Escape left the menu open or the focus on %s", focused())
	}

	if err := chromedp.Do(ctx, chromedp.Tap(chromedp.CSS(".menu > summary"))); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.querySelector(".menu").open`) {
		t.Error("a tap on the menu button did not open the menu")
	}
}

// Previous and next are on the first screen of a chapter, and the header
// stays on screen while the reader scrolls.
func TestChapterTop(t *testing.T) {
	ctx, srv, s := onPhone(t)
	ch := s.Lang("id").Chapters[5]
	load(t, ctx, srv.URL+ch.URL)
	for _, rel := range []string{"prev", "next"} {
		if !eval[bool](t, ctx, `(r => r.top >= 0 && r.bottom <= innerHeight / 2)(document.querySelector(".prev-next-top [rel=`+rel+`]").getBoundingClientRect())`) {
			t.Errorf("%s is not in the top half of the first screen", rel)
		}
	}
	eval[bool](t, ctx, `(scrollTo(0, 2000), true)`)
	time.Sleep(100 * time.Millisecond)
	if top := eval[float64](t, ctx, `document.querySelector(".site-header").getBoundingClientRect().top`); top != 0 {
		t.Errorf("after scrolling, the header is at %v, want 0", top)
	}
	if h := eval[float64](t, ctx, `document.querySelector(".site-header").getBoundingClientRect().height`); h > 64 {
		t.Errorf("the header is %v px high, more than one compact row", h)
	}
}

// Breadcrumbs that do not fit one line wrap as text: the page's title
// goes on from the line of the link before it, rather than dropping whole
// to a line of its own (seen on the real git-novice lesson).
func TestBreadcrumbsWrapAsText(t *testing.T) {
	ctx, srv, s := onPhone(t)
	longest := s.Lang("id").Chapters[0]
	for _, ch := range s.Lang("id").Chapters {
		if len(ch.Meta.Title) > len(longest.Meta.Title) {
			longest = ch
		}
	}
	load(t, ctx, srv.URL+longest.URL)
	lines := eval[[]float64](t, ctx, `(() => {
		const title = document.querySelector(".breadcrumbs [aria-current=page]").getClientRects();
		const links = document.querySelectorAll(".breadcrumbs a");
		return [title.length, title[0].top, links[links.length - 1].getBoundingClientRect().bottom];
	})()`)
	if lines[0] < 2 {
		t.Fatalf("the title in the breadcrumbs of %s fits one line: this test needs a longer one", longest.URL)
	}
	if lines[1] >= lines[2] {
		t.Errorf("the title in the breadcrumbs of %s starts below the link before it (top %v, link's bottom %v)", longest.URL, lines[1], lines[2])
	}
}

// The home page shows the start button and the course contents on the
// first screen, and what the reader has done so far.
func TestProgressOnHome(t *testing.T) {
	ctx, srv, s := onPhone(t)
	load(t, ctx, srv.URL+"/id/")
	for _, sel := range []string{"[data-continue]", "#contents-title"} {
		if !eval[bool](t, ctx, `(r => r.bottom <= innerHeight)(document.querySelector("`+sel+`").getBoundingClientRect())`) {
			t.Errorf("%s is below the first screen", sel)
		}
	}
	chapters := s.Lang("id").Chapters
	if got := text(t, ctx, "[data-continue]"); got != "Mulai kursus" {
		t.Errorf("a new reader's button says %q", got)
	}
	if eval[string](t, ctx, `document.querySelector("[data-continue]").getAttribute("href")`) != chapters[0].URL {
		t.Error("the start button does not lead to the first chapter")
	}
	if !eval[bool](t, ctx, `document.querySelector("[data-progress]").hidden`) {
		t.Error("a new reader sees progress")
	}

	load(t, ctx, srv.URL+chapters[1].URL)
	load(t, ctx, srv.URL+chapters[5].URL)
	click(t, ctx, `[data-storage] input[data-key]`)
	load(t, ctx, srv.URL+"/id/")
	shot(t, ctx, "home-progress")
	if got := text(t, ctx, "[data-progress] .progress-text"); !strings.HasPrefix(got, "2 dari 13 bab") || !strings.Contains(got, "1 kotak dicentang") {
		t.Errorf("progress says %q, want 2 of 13 chapters and 1 box", got)
	}
	if got := text(t, ctx, "[data-continue]"); got != "Lanjutkan: "+chapters[5].Meta.Title {
		t.Errorf("the button says %q, want to continue with %s", got, chapters[5].Meta.Title)
	}
	read := eval[[]string](t, ctx, `[...document.querySelectorAll(".course-sections a.read")].map(a => a.getAttribute("href"))`)
	if strings.Join(read, " ") != chapters[1].URL+" "+chapters[5].URL {
		t.Errorf("the contents mark %v as read", read)
	}
	// The English home counts the same tick in the singular.
	load(t, ctx, srv.URL+"/en/")
	until(t, ctx, `!document.querySelector("[data-progress]").hidden`, 10*time.Second)
	if got := text(t, ctx, "[data-progress] .progress-text"); !strings.HasSuffix(got, " · 1 box ticked") {
		t.Errorf("the English progress says %q, want it to end with 1 box ticked", got)
	}
	load(t, ctx, srv.URL+"/id/")

	// The menu of a chapter marks them too.
	load(t, ctx, srv.URL+chapters[1].URL)
	if n := eval[int](t, ctx, `document.querySelectorAll(".menu-panel a.read").length`); n == 0 {
		t.Error("the menu does not mark the chapters read")
	}

	load(t, ctx, srv.URL+"/id/")
	eval[bool](t, ctx, `(document.querySelector("[data-progress] .reset").click(), true)`)
	until(t, ctx, `document.readyState == "complete" && document.querySelector("[data-continue]").textContent == "Mulai kursus"`, 10*time.Second)
	if !eval[bool](t, ctx, `document.querySelector("[data-progress]").hidden && !document.querySelector(".course-sections a.read")`) {
		t.Error("clearing left progress on the page")
	}
}

// A checklist ticked in a chapter shows the same ticks on its worksheet,
// and the other way round.
func TestTicksShared(t *testing.T) {
	ctx, srv, _ := onPhone(t)
	load(t, ctx, srv.URL+"/id/konten/produksi-video/")
	click(t, ctx, `[data-storage] input[data-key="mikrofon"]`)
	load(t, ctx, srv.URL+"/id/worksheets/produksi-video/")
	if !eval[bool](t, ctx, `document.querySelector('input[data-key="mikrofon"]').checked`) {
		t.Fatal("the worksheet does not show the tick made in the chapter")
	}
	if got := text(t, ctx, ".sheet-actions .progress"); !strings.HasPrefix(got, "1 dari ") {
		t.Errorf("the worksheet counts %q", got)
	}
	click(t, ctx, `input[data-key="cahaya-45"]`)
	load(t, ctx, srv.URL+"/en/konten/produksi-video/")
	if !eval[bool](t, ctx, `document.querySelector('[data-storage] input[data-key="cahaya-45"]').checked`) {
		t.Error("the English chapter does not show the tick made on the Indonesian worksheet")
	}
}

// A table wider than the phone scrolls in its own box, shows a shadow at
// the edge that hides columns, and keeps its first column in view.
func TestWideTable(t *testing.T) {
	ctx, srv, _ := onPhone(t)
	load(t, ctx, srv.URL+"/id/pasar/dampak-penghentian-live/")
	wrap := `document.querySelector(".table-wrap")`
	if !eval[bool](t, ctx, `(w => w.scrollWidth > w.clientWidth)(`+wrap+`)`) {
		t.Skip("the table fits the phone; nothing to check")
	}
	if bg := eval[string](t, ctx, `getComputedStyle(`+wrap+`).backgroundImage`); !strings.Contains(bg, "radial-gradient") {
		t.Errorf("the table's box has no edge shadow: %s", bg)
	}
	eval[bool](t, ctx, `(w => (w.scrollIntoView(), scrollBy(0, -80), true))(`+wrap+`)`)
	shot(t, ctx, "table-start")
	first := `document.querySelector(".table-wrap tbody tr > :first-child").getBoundingClientRect().left - ` + wrap + `.getBoundingClientRect().left`
	eval[bool](t, ctx, `(`+wrap+`.scrollLeft = 200, true)`)
	time.Sleep(100 * time.Millisecond)
	shot(t, ctx, "table-scrolled")
	if d := eval[float64](t, ctx, first); d < 0 || d > 2 {
		t.Errorf("after scrolling the table, its first column moved %v px from the box's edge", d)
	}
}
