//go:build unix

package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"

	"lentera/generator/internal/testsite"
)

// tx reads files from a txtar archive: rows with many files or odd bytes
// read better that way.
func tx(archive string) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// siteYAML is goodSite's settings with more lines after them.
func siteYAML(more string) string { return "-- site.yaml --\ntitle: Uji\nlanguages: [id, en]\n" + more }

func readOut(t *testing.T, out, name string) string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// contains makes a check that output file name holds each line.
func contains(name string, lines ...string) func(*testing.T, string) {
	return func(t *testing.T, out string) {
		got := readOut(t, out, name)
		for _, l := range lines {
			if !strings.Contains(got, l) {
				t.Errorf("%s lacks %q", name, l)
			}
		}
	}
}

// link makes a symbolic link at name in the site to target; a target
// starting with "OUT/" is a file made outside the site.
func link(name, target string) func(*testing.T, string, string) {
	return func(t *testing.T, site, _ string) {
		if rest, ok := strings.CutPrefix(target, "OUT/"); ok {
			outside := filepath.Join(filepath.Dir(site), "outside")
			testsite.WriteFile(t, outside, rest, []byte("---\ntitle: Secret\n---\nsecret: 42\n"))
			target = filepath.Join(outside, filepath.FromSlash(rest))
		}
		p := filepath.Join(site, filepath.FromSlash(name))
		must(t, os.RemoveAll(p))
		symlink(t, target, p)
	}
}

func fifo(name string) func(*testing.T, string, string) {
	return func(t *testing.T, site, _ string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, syscall.Mkfifo(p, 0o644))
	}
}

func socket(name string) func(*testing.T, string, string) {
	return func(t *testing.T, site, _ string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		l, err := net.Listen("unix", p)
		must(t, err)
		t.Cleanup(func() { l.Close() })
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// nested is a chapter with depth :::tip containers around lines of text.
func nested(depth, lines int) string {
	return "---\ntitle: A\n---\n" + strings.Repeat(":::tip\n", depth) + strings.Repeat("x\n", lines) + strings.Repeat(":::\n", depth)
}

// indentedList is a page of one list nested depth deep, an item a line.
func indentedList(depth int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: A\n---\n")
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// footnotes is n footnotes and a paragraph that refers to each.
func footnotes(n int) string {
	var defs, refs strings.Builder
	for i := range n {
		fmt.Fprintf(&defs, "[^%d]: catatan %d\n\n", i, i)
		fmt.Fprintf(&refs, "x[^%d] ", i)
	}
	return defs.String() + refs.String() + "\n"
}

const linkWords = "is a symbolic link to "

// The rows about what a build reads: links, special files, limits, nesting,
// front matter types, encodings, output collisions and URL encoding. They
// join badInputs; the test is TestBadInputs.
func init() {
	badInputs = append(badInputs, []badInput{
		// Links and special files, anywhere in the site.
		{name: "link-chapter-outside", setup: link("content/en/b.md", "OUT/b.md"), code: 1,
			want: []string{"{site}/content/en/b.md: " + linkWords, "(outside the site folder)", "build failed with 1 error"}},
		{name: "link-chapter-inside", setup: link("content/en/b.md", "a.md"), code: 1,
			want: []string{"{site}/content/en/b.md: " + linkWords + "a.md (inside the site)"}},
		{name: "link-asset-passwd", setup: link("assets/p.txt", "/etc/passwd"), code: 1,
			want: []string{"{site}/assets/p.txt: " + linkWords + "/etc/passwd (outside the site folder)"}},
		{name: "link-asset-dev-zero", setup: link("assets/z.txt", "/dev/zero"), code: 1,
			want: []string{"{site}/assets/z.txt: " + linkWords + "/dev/zero"}},
		{name: "link-stylesheet", setup: link("assets/css/x.css", "OUT/x.css"), code: 1,
			want: []string{"{site}/assets/css/x.css: " + linkWords}},
		{name: "link-content-folder", setup: link("content", "OUT/en/a.md"), code: 1,
			want: []string{"{site}/content: " + linkWords}},
		{name: "link-language-folder", setup: link("content/en", "OUT/en"), code: 1,
			want: []string{"{site}/content/en: " + linkWords}},
		{name: "link-data-file", setup: link("content/data/c.yaml", "OUT/c.yaml"), code: 1,
			want: []string{"{site}/content/data/c.yaml: " + linkWords}},
		{name: "link-data-folder", setup: link("content/data", "OUT/data"), code: 1,
			want: []string{"{site}/content/data: " + linkWords}},
		{name: "link-layout", setup: link("layouts/base.html", "OUT/base.html"), code: 1,
			want: []string{"{site}/layouts/base.html: " + linkWords}},
		{name: "link-ui-strings", setup: link("layouts/i18n/en/ui.yaml", "OUT/ui.yaml"), code: 1,
			want: []string{"{site}/layouts/i18n/en/ui.yaml: " + linkWords}},
		{name: "link-site-yaml", setup: link("site.yaml", "OUT/site.yaml"), code: 1,
			want: []string{"{site}/site.yaml: " + linkWords}},
		{name: "link-static-file", setup: link("content/en/fig.png", "OUT/fig.png"), code: 1,
			want: []string{"{site}/content/en/fig.png: " + linkWords}},
		{name: "link-static-folder-inside", setup: link("content/en/figs", "../en"), code: 1,
			want: []string{"{site}/content/en/figs: " + linkWords + "../en (inside the site)"}},
		{name: "fifo-chapter", setup: fifo("content/en/x.md"), code: 1,
			want: []string{"{site}/content/en/x.md: is a named pipe (FIFO): only regular files"}},
		{name: "fifo-static-file", setup: fifo("content/en/x.png"), code: 1,
			want: []string{"{site}/content/en/x.png: is a named pipe (FIFO)"}},
		{name: "fifo-asset", setup: fifo("assets/x.js"), code: 1,
			want: []string{"{site}/assets/x.js: is a named pipe (FIFO)"}},
		{name: "fifo-data", setup: fifo("content/data/x.yaml"), code: 1,
			want: []string{"{site}/content/data/x.yaml: is a named pipe (FIFO)"}},
		{name: "socket-chapter", setup: socket("content/en/s.md"), code: 1,
			want: []string{"{site}/content/en/s.md: is a socket"}},
		{name: "layout, asset and page at once", setup: link("assets/p.txt", "/etc/passwd"), code: 1, files: map[string]string{
			"layouts/section.html": "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n",
			"content/id/a.md":      "---\ntitle: A\nwieght: 1\n---\n"},
			want: []string{
				"{site}/assets/p.txt: " + linkWords + "/etc/passwd",
				`{site}/content/id/a.md:3:1: unknown key "wieght"`,
				"{site}/layouts/section.html:2",
				"build failed with 3 errors"}},

		// Size limits.
		{name: "text-over-limit", files: tx(siteYAML("limits: {textFile: 1KB}\n-- content/en/b.md --\n---\ntitle: B\n---\n") + strings.Repeat("word ", 300) + "\n"), code: 1,
			want: []string{"{site}/content/en/b.md: is 1.5KB, over the limit of 1KB for text files; if it belongs in the site, raise limits.textFile in site.yaml"}},
		{name: "file-over-limit", files: tx(siteYAML("limits: {file: 1KB}\n-- content/en/big.bin --\n") + strings.Repeat("0123456789", 200) + "\n"), code: 1,
			want: []string{"{site}/content/en/big.bin: is 2.0KB, over the limit of 1KB for files; if it belongs in the site, raise limits.file in site.yaml"}},
		{name: "asset-over-limit", files: tx(siteYAML("limits: {textFile: 1KB}\n-- assets/css/zz.css --\n") + strings.Repeat("a{color:red}\n", 100)), code: 1,
			want: []string{"{site}/assets/css/zz.css: is 1.3KB, over the limit of 1KB for text files"}},
		{name: "limit-raised", files: tx(siteYAML("limits: {textFile: 2KB, file: 1MB}\n-- content/en/b.md --\n---\ntitle: B\n---\n") + strings.Repeat("word ", 300) + "\n"),
			check: contains("en/b/index.html", "word word")},
		{name: "limit-bad-value", files: tx(siteYAML("limits:\n  textFile: lots\n")), code: 1,
			want: []string{`{site}/site.yaml:4:13: expected a size like 16MB, 512KB or 1GB, found "lots"`}},
		{name: "limit-unknown-key", files: tx(siteYAML("limits: {text: 1MB}\n")), code: 1,
			want: []string{`{site}/site.yaml:3:10: unknown key "text" in limits (known: file, memory, page, pageTime, textFile)`}},

		// Directive nesting.
		{name: "nesting-64-builds", files: tx("-- content/en/a.md --\n" + nested(64, 3)),
			check: contains("en/a/index.html", "x")},
		{name: "nesting-65", files: tx("-- content/en/a.md --\n" + nested(65, 3)), code: 1,
			want: []string{"{site}/content/en/a.md:68: :::tip is nested more than 64 containers deep", "build failed with 1 error"}},
		{name: "nesting-20000", files: tx("-- content/en/a.md --\n" + nested(20000, 1)), code: 1,
			want: []string{"{site}/content/en/a.md:68: :::tip is nested more than 64 containers deep", "build failed with 1 error"}},
		{name: "nesting-over-many-lines", files: tx("-- content/en/a.md --\n" + nested(60, 20000)), code: 1,
			want: []string{"60 containers are open here, around too many lines"}},

		// Block quotes and lists nest as deep as directives: beyond that,
		// each level costs a scan of the rest of the line.
		{name: "quotes-64-builds", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + strings.Repeat(">", 64) + " x\n"),
			check: contains("en/a/index.html", "<p>x</p>")},
		{name: "quotes-65", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + strings.Repeat(">", 65) + " x\n"), code: 1,
			want: []string{"{site}/content/en/a.md:4: block quotes or lists are nested more than 64 deep", "build failed with 1 error"}},
		{name: "list-200000-on-a-line", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\nIsi.\n\n" + strings.Repeat("- ", 200000) + "x\n"), code: 1,
			want: []string{"{site}/content/en/a.md:6: block quotes or lists are nested more than 64 deep", "build failed with 1 error"}},
		{name: "list-indented-over-lines", files: tx("-- content/en/a.md --\n" + indentedList(100)), code: 1,
			want: []string{"{site}/content/en/a.md:68: block quotes or lists are nested more than 64 deep", "build failed with 1 error"}},

		// Blocks whose parsing grows with the square of their size.
		{name: "paragraph-8KB-builds", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + strings.Repeat("*kata* ", 1170) + "\n"),
			check: contains("en/a/index.html", "<em>kata</em>")},
		{name: "paragraph-over-8KB", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\nIsi.\n\n" + strings.Repeat("*a_ ", 50000) + "\n"), code: 1,
			want: []string{"{site}/content/en/a.md:6: a paragraph, heading or table cell of 195 KB; one may be at most 8 KB", "build failed with 1 error"}},
		{name: "table-cell-over-8KB", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n| a |\n|---|\n| " + strings.Repeat("[a](b", 2000) + " |\n"), code: 1,
			want: []string{"{site}/content/en/a.md:6: a paragraph, heading or table cell of 9 KB", "build failed with 1 error"}},
		{name: "paragraph-of-2001-lines", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + strings.Repeat("[r]: /en/a/\n", 2001)), code: 1,
			want: []string{"{site}/content/en/a.md:4: a paragraph or table of 2001 lines; one may have at most 2000", "build failed with 1 error"}},
		{name: "footnotes-1001", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + footnotes(1001)), code: 1,
			want: []string{"{site}/content/en/a.md:2004: more than 1000 footnotes on one page", "build failed with 1 error"}},
		{name: "footnotes-1000-build", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\n" + footnotes(1000)),
			check: contains("en/a/index.html", "catatan 999")},

		// Front matter types.
		{name: "draft-quoted-yes", files: tx("-- content/en/a.md --\n---\ntitle: A\ndraft: \"yes\"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:8: expected true or false (without quotes), found "yes"`}},
		{name: "draft-quoted-no", files: tx("-- content/en/a.md --\n---\ntitle: A\ndraft: \"no\"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:8: expected true or false (without quotes), found "no"`}},
		{name: "draft-quoted-false", files: tx("-- content/en/a.md --\n---\ntitle: A\ndraft: \"false\"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:8: expected true or false (without quotes), found "false"`}},
		{name: "draft-yes", files: tx("-- content/en/a.md --\n---\ntitle: A\ndraft: yes\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:8: expected true or false (without quotes), found "yes"`}},
		{name: "draft-true-unpublishes", files: tx("-- content/en/b.md --\n---\ntitle: B\ndraft: true\n---\n"),
			check: func(t *testing.T, out string) {
				if _, err := os.Stat(filepath.Join(out, "en", "b")); err == nil {
					t.Error("a draft was published")
				}
			}},
		{name: "weight-quoted", files: tx("-- content/en/a.md --\n---\ntitle: A\nweight: \"10\"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:9: expected a whole number, found "10"`}},
		{name: "weight-fraction", files: tx("-- content/en/a.md --\n---\ntitle: A\nweight: 1.5\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:3:9: expected a whole number, found the number 1.5`}},
		{name: "title-empty", files: tx("-- content/en/a.md --\n---\ntitle: \"\"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:2:8: expected a text, found an empty one`}},
		{name: "title-blank", files: tx("-- content/en/a.md --\n---\ntitle: \"  \"\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:2:8: expected a text, found an empty one`}},
		{name: "title-null", files: tx("-- content/en/a.md --\n---\ntitle:\n---\n"), code: 1,
			want: []string{`{site}/content/en/a.md:2:7: expected a text, found empty`}},

		// Hidden files are never read or published.
		{name: "hidden-files", files: tx("-- content/id/.env --\nSECRET=x\n-- content/id/.git/config --\n[core]\n-- content/id/a.md~ --\nold\n-- assets/css/.DS_Store --\n\x00\x01}{\n-- content/data/.x.yaml --\nkind: nonsense\n-- content/id/~$ndout.docx --\nSiti Aminah\n-- content/id/fig/Thumbs.db --\n\x00\n-- content/id/desktop.ini --\n[.ShellClassInfo]\n"),
			check: func(t *testing.T, out string) {
				for _, name := range []string{"id/.env", "id/.git/config", "id/a.md~", "id/~$ndout.docx", "id/fig/Thumbs.db", "id/desktop.ini"} {
					if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err == nil {
						t.Errorf("hidden file %s was published", name)
					}
				}
			}},

		// Text encodings and line ends.
		{name: "bom-chapter", files: tx("-- content/en/a.md --\n\uFEFF---\ntitle: Bom\n---\nText.\n"),
			check: contains("en/a/index.html", "<title>Bom · Uji</title>")},
		{name: "bom-site-yaml", files: tx("-- site.yaml --\n\uFEFFtitle: Bom site\nlanguages: [id, en]\n"),
			check: contains("en/index.html", "Bom site")},
		{name: "bom-data", files: tx("-- content/data/c.yaml --\n\uFEFFkind: checklist\ntitle: C\nitems: [{text: bom item}]\n-- content/en/b.md --\n---\ntitle: B\n---\n::checklist{src=\"c\"}\n"),
			check: contains("en/b/index.html", "bom item")},
		{name: "crlf", files: tx("-- site.yaml --\ntitle: Crlf\r\nlanguages: [id, en]\r\n-- content/en/a.md --\n---\r\ntitle: A crlf\r\nweight: 2\r\n---\r\nLine one\r\nline two.\r\n"),
			check: contains("en/a/index.html", "<title>A crlf · Crlf</title>", "Line one\nline two.")},
		{name: "utf8-title", files: tx("-- content/en/a.md --\n---\ntitle: Caf\xe9\n---\n"), code: 1,
			want: []string{"{site}/content/en/a.md:2:11: invalid UTF-8 (byte 0xe9): save the file as UTF-8"}},
		{name: "utf8-body", files: tx("-- content/en/a.md --\n---\ntitle: A\n---\nOne.\nTwo \xff\xfe.\n"), code: 1,
			want: []string{"{site}/content/en/a.md:5:5: invalid UTF-8 (byte 0xff)"}},
		{name: "utf8-site-yaml", files: tx("-- site.yaml --\ntitle: Uji\xc3\nlanguages: [id, en]\n"), code: 1,
			want: []string{"{site}/site.yaml:1:11: invalid UTF-8 (byte 0xc3)"}},
		{name: "utf8-data", files: tx("-- content/data/c.yaml --\nkind: checklist\ntitle: C\nitems: [{text: \x80}]\n"), code: 1,
			want: []string{"{site}/content/data/c.yaml:3:16: invalid UTF-8 (byte 0x80)"}},
		{name: "yaml-indent-front-matter", files: tx("-- content/en/a.md --\n---\ntitle: A\nparams:\n  a: 1\n  b: 2\n c: 3\n---\n"), code: 1,
			want: []string{"{site}/content/en/a.md:6: invalid YAML: did not find expected key"}},
		{name: "yaml-indent-data", files: tx("-- content/data/c.yaml --\nkind: checklist\ntitle: C\nitems:\n  - text: one\n    note: x\n   - text: two\n"), code: 1,
			want: []string{"{site}/content/data/c.yaml:6:"}},

		// Outputs: one path, one source; names as URLs.
		{name: "case-pages", files: tx("-- content/en/Intro.md --\n---\ntitle: I\n---\n-- content/en/intro.md --\n---\ntitle: i\n---\n"), code: 1,
			want: []string{"{site}/content/en/intro.md:1:1: this page's URL /en/intro/ differs only in case from /en/Intro/, the URL of content/en/Intro.md"}},
		{name: "case-folders", files: tx("-- content/en/Part/x.md --\n---\ntitle: X\n---\n-- content/en/part/y.md --\n---\ntitle: Y\n---\n"), code: 1,
			want: []string{"{site}/content/en/part/y.md:1:1: publishes the folder /en/part/, and content/en/Part/x.md publishes the folder /en/Part/: the names differ only in case"}},
		{name: "case-files", files: tx("-- content/en/Fig.svg --\n<svg/>\n-- content/en/fig.svg --\n<svg/>\n"), code: 1,
			want: []string{"{site}/content/en/fig.svg: publishes /en/fig.svg, and content/en/Fig.svg publishes /en/Fig.svg"}},
		{name: "static-file-over-page", files: tx(siteYAML("markup: {unsafe: true}\n") + "-- content/en/a/index.html --\n<p>hi</p>\n"), code: 1,
			want: []string{"{site}/content/en/a/index.html: publishes /en/a/index.html, which content/en/a.md also publishes"}},
		{name: "static-file-over-folder", files: tx("-- content/en/b.md --\n---\ntitle: B\n---\n-- content/en/b --\nplain\n"), code: 1,
			want: []string{"{site}/content/en/b: publishes /en/b, where content/en/b.md publishes the folder /en/b/; rename one of them"}},
		{name: "page-over-search-page", files: tx("-- content/en/search.md --\n---\ntitle: S\n---\n:::trainer\nnote\n:::\n"), code: 1,
			want: []string{"{site}/content/en/search.md: publishes /en/search/index.html, which the build makes itself", "build failed with 1 error"}},
		{name: "page-over-section", files: tx("-- content/en/a/_index.md --\n---\ntitle: S\n---\n"), code: 1,
			want: []string{"this page has the same URL /en/a/ as"}},
		{name: "space-in-name", files: tx("-- content/en/a b.md --\n---\ntitle: Spaced\n---\n[back](a.md) [self](<a b.md>)\n-- content/en/my fig.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n-- content/en/c.md --\n---\ntitle: C\n---\n[spaced](<a b.md>) [by path](/en/a%20b/) ![figure](<my fig.svg>)\n"),
			check: func(t *testing.T, out string) {
				contains("sitemap.xml", "<loc>/en/a%20b/</loc>")(t, out)
				contains("en/a b/index.html", `href="/en/a%20b/"`)(t, out)
				contains("en/c/index.html", `href="/en/a%20b/"`, `src="/en/my%20fig.svg"`)(t, out)
				contains("en/my fig.svg", "svg")(t, out)
				if got := readOut(t, out, "sitemap.xml"); strings.Contains(got, "a b") {
					t.Error("sitemap.xml has a raw space")
				}
				search, _ := filepath.Glob(filepath.Join(out, "en", "search", "*", "d*.json"))
				var all []byte
				for _, f := range search {
					b, _ := os.ReadFile(f)
					all = append(all, b...)
				}
				if !bytes.Contains(all, []byte(`"/en/a%20b/"`)) {
					t.Errorf("the search index lacks /en/a%%20b/")
				}
			}},
		{name: "reserved-in-name", files: tx("-- content/en/c#1?.md --\n---\ntitle: Hash\n---\n-- content/en/100%.md --\n---\ntitle: Pct\n---\n"),
			check: func(t *testing.T, out string) {
				contains("sitemap.xml", "<loc>/en/c%231%3F/</loc>", "<loc>/en/100%25/</loc>")(t, out)
				contains("en/c#1?/index.html", "Hash")(t, out)
				contains("en/100%/index.html", "Pct")(t, out)
			}},
		{name: "space-in-data-name", files: tx(siteYAML("baseURL: https://example.org/\n") + "-- content/data/my list.yaml --\nkind: checklist\ntitle: L\nitems: [{text: x}]\n-- content/en/b.md --\n---\ntitle: B\n---\n::checklist{src=\"my list\"}\n"),
			check: func(t *testing.T, out string) {
				contains("en/b/index.html", `/en/worksheets/my%20list/`)(t, out)
				contains("en/worksheets/my list/index.html", `<span class="sheet-url">https://example.org/en/worksheets/my%20list/</span>`)(t, out) // the same $url the QR code encodes
			}},
	}...)
}
