package readertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lentera/generator/build"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/testsite"
)

// rtlCourse is a course in Arabic, written right to left, and English.
var rtlCourse = map[string]string{
	"site.yaml":                  "title: {ar: دليل البيع بالفيديو القصير, en: Selling with short videos}\nlanguages: [ar, en]\n",
	"content/ar/_index.md":       "---\ntitle: الرئيسية\n---\nدليل عملي للمشاريع الصغيرة.\n",
	"content/en/_index.md":       "---\ntitle: Home\n---\nA practical guide for small businesses.\n",
	"content/ar/video/_index.md": "---\ntitle: الفيديو\n---\n",
	"content/ar/video/cahaya.md": "---\ntitle: الإضاءة الجيدة\nweight: 1\n---\n" +
		"ضع مصدر الضوء أمام المنتج بزاوية خمس وأربعين درجة.\n\n" +
		"> الصورة الواضحة تبيع أكثر.\n\n" +
		"- هاتف مشحون\n- حامل ثابت\n\n" +
		"| اليوم | المنتج | السعر | الكمية | الملاحظات |\n|---|---|---|---|---|\n| السبت | قهوة | ٢٥٠٠٠ | ١٢ | بيعت كلها قبل الظهر في السوق |\n\n" +
		":::trainer\nاسأل المشاركين عن هواتفهم.\n:::\n\n## التصوير\n\nصوّر في الصباح.\n",
	"content/ar/video/suara.md": "---\ntitle: الصوت\nweight: 2\n---\nسجّل في مكان هادئ.\n",
}

// A course in a language written right to left reads right to left: its
// pages say so (dir), the text, quotes and lists start at the right, a wide
// table scrolls without widening the page, the link to a language written
// left to right says so, axe finds nothing, and its slides move on with the
// left arrow. Its UI strings, which the theme lacks, are English, and name
// languages in English.
func TestRightToLeftCourse(t *testing.T) {
	out := t.TempDir()
	if _, err := build.Build(context.Background(), build.Options{SiteDir: testsite.New(t, rtlCourse), Out: out}); err != nil {
		t.Fatal(err)
	}
	axe := browsertest.AxeScript(t)
	srv := browsertest.Serve(t, out)
	ctx := fresh(t, phone(t))

	load(t, ctx, srv.URL+"/en/")
	if dir := eval[string](t, ctx, `document.documentElement.dir`); dir != "" {
		t.Errorf("the English home has dir=%q", dir)
	}
	load(t, ctx, srv.URL+"/ar/video/cahaya/")
	if dir := eval[string](t, ctx, `document.documentElement.dir`); dir != "rtl" {
		t.Fatalf("the Arabic chapter has dir=%q, want rtl", dir)
	}
	if got := eval[string](t, ctx, `(a => a ? a.dir : "none")(document.querySelector(".lang-switch a[lang=en]"))`); got != "ltr" {
		t.Errorf("the link to the English page has dir %q, want ltr", got)
	}
	// Where a block starts: its right edge against the text column's.
	starts := eval[map[string]bool](t, ctx, `(() => {
		const main = document.querySelector(".content").getBoundingClientRect();
		const at = sel => Math.abs(document.querySelector(sel).getBoundingClientRect().right - main.right) < 2;
		const bq = getComputedStyle(document.querySelector(".content blockquote"));
		return {
			paragraph: at(".content > p"),
			quoteLineRight: bq.borderRightWidth == "4px" && bq.borderLeftWidth == "0px",
			listIndentRight: parseFloat(getComputedStyle(document.querySelector(".content ul")).paddingRight) > 0,
			noOverflow: document.scrollingElement.scrollWidth <= innerWidth,
			tableScrolls: (w => w.scrollWidth > w.clientWidth)(document.querySelector(".table-wrap")),
		};
	})()`)
	for what, ok := range starts {
		if !ok {
			t.Errorf("the Arabic chapter: not %s", what)
		}
	}
	// The theme has no Arabic strings: the notice is in English, and
	// names the language in English too.
	if got := text(t, ctx, ".notice"); !strings.Contains(got, "English") || strings.Contains(got, "الإنجليزية") {
		t.Errorf("the notice that the page is not in English says %q", got)
	}
	shot(t, ctx, "rtl-chapter")
	checkAxe(t, ctx, axe, "the Arabic chapter")

	load(t, ctx, srv.URL+"/trainer/ar/video/cahaya/slides/")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowLeft)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `location.hash`); got != "#2" {
		t.Errorf("the left arrow on the first slide of an Arabic deck led to %q, want the second slide (#2)", got)
	}
}
