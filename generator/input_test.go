//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"lentera/generator/internal/testsite"
)

// inputCase is one bad or odd site, built over a good one: the command's
// exit status, the lines its errors must hold, and, when it fails, the
// previous output left byte for byte as it was.
type inputCase struct {
	name  string
	files string                          // txtar: files written over baseSite (an empty file name list is fine)
	setup func(t *testing.T, site string) // what txtar cannot hold: links, pipes, sockets, big files
	code  int                             // exit status
	want  []string                        // lines in stderr, paths from the site folder
	check func(t *testing.T, out string)  // exit 0: what the output holds
}

// baseSite is built first; its output is what a failed build must keep.
const baseSite = `
-- site.yaml --
title: T
languages: [en]
-- content/en/a.md --
---
title: A
---
Text.
`

func TestInputs(t *testing.T) {
	for _, c := range inputCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runInputCase(t, c)
		})
	}
}

func runInputCase(t *testing.T, c inputCase) {
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeArchive(t, site, baseSite)
	if code, _, stderr := runCmd("build", "--site", site, "--out", out); code != 0 {
		t.Fatalf("base site: exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	writeArchive(t, site, c.files)
	if c.setup != nil {
		c.setup(t, site)
	}
	code, stderr := runWithin(t, 60*time.Second, "build", "--site", site, "--out", out)
	stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
	if code != c.code {
		t.Errorf("exit status %d, want %d; stderr:\n%s", code, c.code, stderr)
	}
	for _, w := range c.want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if code != 0 {
		if after := snapshot(t, out); !equalTrees(before, after) {
			t.Errorf("a failed build changed %s", out)
		}
		return
	}
	if c.check != nil {
		c.check(t, out)
	}
}

// runWithin runs the command, failing the test rather than hanging when it
// does not finish: a pipe read would block for ever.
func runWithin(t *testing.T, d time.Duration, args ...string) (int, string) {
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := runCmd(args...)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(d):
		t.Fatalf("build did not finish in %v", d)
		return 0, ""
	}
}

func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		testsite.WriteFile(t, dir, f.Name, f.Data)
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		body, err := os.ReadFile(p)
		files[p] = body
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, body := range a {
		if other, ok := b[p]; !ok || !bytes.Equal(body, other) {
			return false
		}
	}
	return true
}

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
func link(name, target string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		if rest, ok := strings.CutPrefix(target, "OUT/"); ok {
			outside := filepath.Join(filepath.Dir(site), "outside")
			testsite.WriteFile(t, outside, rest, []byte("---\ntitle: Secret\n---\nsecret: 42\n"))
			target = filepath.Join(outside, filepath.FromSlash(rest))
		}
		p := filepath.Join(site, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		_ = os.RemoveAll(p)
		must(t, os.Symlink(target, p))
	}
}

func fifo(name string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, syscall.Mkfifo(p, 0o644))
	}
}

func socket(name string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
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

const linkWords = "is a symbolic link to "

func inputCases() []inputCase {
	return []inputCase{
		// Links and special files, anywhere in the site.
		{name: "link-chapter-outside", setup: link("content/en/b.md", "OUT/b.md"), code: 1,
			want: []string{"content/en/b.md: " + linkWords, "(outside the site folder)", "build failed with 1 error"}},
		{name: "link-chapter-inside", setup: link("content/en/b.md", "a.md"), code: 1,
			want: []string{"content/en/b.md: " + linkWords + "a.md (inside the site)"}},
		{name: "link-asset-passwd", setup: link("assets/p.txt", "/etc/passwd"), code: 1,
			want: []string{"assets/p.txt: " + linkWords + "/etc/passwd (outside the site folder)"}},
		{name: "link-asset-dev-zero", setup: link("assets/z.txt", "/dev/zero"), code: 1,
			want: []string{"assets/z.txt: " + linkWords + "/dev/zero"}},
		{name: "link-stylesheet", setup: link("assets/css/x.css", "OUT/x.css"), code: 1,
			want: []string{"assets/css/x.css: " + linkWords}},
		{name: "link-content-folder", setup: link("content", "OUT/en/a.md"), code: 1,
			want: []string{"content: " + linkWords}},
		{name: "link-language-folder", setup: link("content/en", "OUT/en"), code: 1,
			want: []string{"content/en: " + linkWords}},
		{name: "link-data-file", setup: link("content/data/c.yaml", "OUT/c.yaml"), code: 1,
			want: []string{"content/data/c.yaml: " + linkWords}},
		{name: "link-data-folder", setup: link("content/data", "OUT/data"), code: 1,
			want: []string{"content/data: " + linkWords}},
		{name: "link-layout", setup: link("layouts/base.html", "OUT/base.html"), code: 1,
			want: []string{"layouts/base.html: " + linkWords}},
		{name: "link-ui-strings", setup: link("layouts/i18n/en/ui.yaml", "OUT/ui.yaml"), code: 1,
			want: []string{"layouts/i18n/en/ui.yaml: " + linkWords}},
		{name: "link-site-yaml", setup: link("site.yaml", "OUT/site.yaml"), code: 1,
			want: []string{"site.yaml: " + linkWords}},
		{name: "link-static-file", setup: link("content/en/fig.png", "OUT/fig.png"), code: 1,
			want: []string{"content/en/fig.png: " + linkWords}},
		{name: "link-static-folder-inside", setup: link("content/en/figs", "../en"), code: 1,
			want: []string{"content/en/figs: " + linkWords + "../en (inside the site)"}},
		{name: "fifo-chapter", setup: fifo("content/en/x.md"), code: 1,
			want: []string{"content/en/x.md: is a named pipe (FIFO): only regular files"}},
		{name: "fifo-static-file", setup: fifo("content/en/x.png"), code: 1,
			want: []string{"content/en/x.png: is a named pipe (FIFO)"}},
		{name: "fifo-asset", setup: fifo("assets/x.js"), code: 1,
			want: []string{"assets/x.js: is a named pipe (FIFO)"}},
		{name: "fifo-data", setup: fifo("content/data/x.yaml"), code: 1,
			want: []string{"content/data/x.yaml: is a named pipe (FIFO)"}},
		{name: "socket-chapter", setup: socket("content/en/s.md"), code: 1,
			want: []string{"content/en/s.md: is a socket"}},

		// Size limits.
		{name: "text-over-limit", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits: {textFile: 1KB}\n-- content/en/b.md --\n---\ntitle: B\n---\n" + strings.Repeat("word ", 300) + "\n", code: 1,
			want: []string{"content/en/b.md: is 1.5KB, over the limit of 1KB for text files; if it belongs in the site, raise limits.textFile in site.yaml"}},
		{name: "file-over-limit", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits: {file: 1KB}\n-- content/en/big.bin --\n" + strings.Repeat("0123456789", 200) + "\n", code: 1,
			want: []string{"content/en/big.bin: is 2.0KB, over the limit of 1KB for files; if it belongs in the site, raise limits.file in site.yaml"}},
		{name: "asset-over-limit", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits: {textFile: 1KB}\n-- assets/css/zz.css --\n" + strings.Repeat("a{color:red}\n", 100), code: 1,
			want: []string{"assets/css/zz.css: is 1.3KB, over the limit of 1KB for text files"}},
		{name: "limit-raised", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits: {textFile: 2KB, file: 1MB}\n-- content/en/b.md --\n---\ntitle: B\n---\n" + strings.Repeat("word ", 300) + "\n",
			check: contains("en/b/index.html", "word word")},
		{name: "limit-bad-value", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits:\n  textFile: lots\n", code: 1,
			want: []string{`site.yaml:4:13: expected a size like 16MB, 512KB or 1GB, found "lots"`}},
		{name: "limit-unknown-key", files: "-- site.yaml --\ntitle: T\nlanguages: [en]\nlimits: {text: 1MB}\n", code: 1,
			want: []string{`site.yaml:3:10: unknown key "text" in limits (known: file, textFile)`}},

		// Directive nesting.
		{name: "nesting-64-builds", files: "-- content/en/a.md --\n" + nested(64, 3),
			check: contains("en/a/index.html", "x")},
		{name: "nesting-65", files: "-- content/en/a.md --\n" + nested(65, 3), code: 1,
			want: []string{"content/en/a.md:68: :::tip is nested more than 64 containers deep", "build failed with 1 error"}},
		{name: "nesting-20000", files: "-- content/en/a.md --\n" + nested(20000, 1), code: 1,
			want: []string{"content/en/a.md:68: :::tip is nested more than 64 containers deep", "build failed with 1 error"}},
		{name: "nesting-over-many-lines", files: "-- content/en/a.md --\n" + nested(60, 20000), code: 1,
			want: []string{"60 containers are open here, around too many lines"}},

		// Front matter types.
		{name: "draft-quoted-yes", files: "-- content/en/a.md --\n---\ntitle: A\ndraft: \"yes\"\n---\n", code: 1,
			want: []string{`content/en/a.md:3:8: expected true or false (without quotes), found "yes"`}},
		{name: "draft-quoted-no", files: "-- content/en/a.md --\n---\ntitle: A\ndraft: \"no\"\n---\n", code: 1,
			want: []string{`content/en/a.md:3:8: expected true or false (without quotes), found "no"`}},
		{name: "draft-quoted-false", files: "-- content/en/a.md --\n---\ntitle: A\ndraft: \"false\"\n---\n", code: 1,
			want: []string{`content/en/a.md:3:8: expected true or false (without quotes), found "false"`}},
		{name: "draft-yes", files: "-- content/en/a.md --\n---\ntitle: A\ndraft: yes\n---\n", code: 1,
			want: []string{`content/en/a.md:3:8: expected true or false (without quotes), found "yes"`}},
		{name: "draft-true-unpublishes", files: "-- content/en/b.md --\n---\ntitle: B\ndraft: true\n---\n",
			check: func(t *testing.T, out string) {
				if _, err := os.Stat(filepath.Join(out, "en", "b")); err == nil {
					t.Error("a draft was published")
				}
			}},
		{name: "weight-quoted", files: "-- content/en/a.md --\n---\ntitle: A\nweight: \"10\"\n---\n", code: 1,
			want: []string{`content/en/a.md:3:9: expected a whole number, found "10"`}},
		{name: "weight-fraction", files: "-- content/en/a.md --\n---\ntitle: A\nweight: 1.5\n---\n", code: 1,
			want: []string{`content/en/a.md:3:9: expected a whole number, found the number 1.5`}},
		{name: "title-empty", files: "-- content/en/a.md --\n---\ntitle: \"\"\n---\n", code: 1,
			want: []string{`content/en/a.md:2:8: expected a text, found an empty one`}},
		{name: "title-blank", files: "-- content/en/a.md --\n---\ntitle: \"  \"\n---\n", code: 1,
			want: []string{`content/en/a.md:2:8: expected a text, found an empty one`}},
		{name: "title-null", files: "-- content/en/a.md --\n---\ntitle:\n---\n", code: 1,
			want: []string{`content/en/a.md:2:7: expected a text, found empty`}},

		// Text encodings and line ends.
		{name: "bom-chapter", files: "-- content/en/a.md --\n\uFEFF---\ntitle: Bom\n---\nText.\n",
			check: contains("en/a/index.html", "<title>Bom · T</title>")},
		{name: "bom-site-yaml", files: "-- site.yaml --\n\uFEFFtitle: Bom site\nlanguages: [en]\n",
			check: contains("en/index.html", "Bom site")},
		{name: "bom-data", files: "-- content/data/c.yaml --\n\uFEFFkind: checklist\ntitle: C\nitems: [{text: bom item}]\n-- content/en/b.md --\n---\ntitle: B\n---\n::checklist{src=\"c\"}\n",
			check: contains("en/b/index.html", "bom item")},
		{name: "crlf", files: "-- site.yaml --\ntitle: Crlf\r\nlanguages: [en]\r\n-- content/en/a.md --\n---\r\ntitle: A crlf\r\nweight: 2\r\n---\r\nLine one\r\nline two.\r\n",
			check: contains("en/a/index.html", "<title>A crlf · Crlf</title>", "Line one\nline two.")},
		{name: "utf8-title", files: "-- content/en/a.md --\n---\ntitle: Caf\xe9\n---\n", code: 1,
			want: []string{"content/en/a.md:2:11: invalid UTF-8 (byte 0xe9): save the file as UTF-8"}},
		{name: "utf8-body", files: "-- content/en/a.md --\n---\ntitle: A\n---\nOne.\nTwo \xff\xfe.\n", code: 1,
			want: []string{"content/en/a.md:5:5: invalid UTF-8 (byte 0xff)"}},
		{name: "utf8-site-yaml", files: "-- site.yaml --\ntitle: T\xc3\nlanguages: [en]\n", code: 1,
			want: []string{"site.yaml:1:9: invalid UTF-8 (byte 0xc3)"}},
		{name: "utf8-data", files: "-- content/data/c.yaml --\nkind: checklist\ntitle: C\nitems: [{text: \x80}]\n", code: 1,
			want: []string{"content/data/c.yaml:3:16: invalid UTF-8 (byte 0x80)"}},
		{name: "yaml-indent-front-matter", files: "-- content/en/a.md --\n---\ntitle: A\nparams:\n  a: 1\n  b: 2\n c: 3\n---\n", code: 1,
			want: []string{"content/en/a.md:6: invalid YAML: did not find expected key"}},
		{name: "yaml-indent-data", files: "-- content/data/c.yaml --\nkind: checklist\ntitle: C\nitems:\n  - text: one\n    note: x\n   - text: two\n", code: 1,
			want: []string{"content/data/c.yaml:6:"}},

		// Outputs: one path, one source; names as URLs.
		{name: "case-pages", files: "-- content/en/Intro.md --\n---\ntitle: I\n---\n-- content/en/intro.md --\n---\ntitle: i\n---\n", code: 1,
			want: []string{"content/en/intro.md:1:1: this page's URL /en/intro/ differs only in case from /en/Intro/, the URL of content/en/Intro.md"}},
		{name: "case-folders", files: "-- content/en/Part/x.md --\n---\ntitle: X\n---\n-- content/en/part/y.md --\n---\ntitle: Y\n---\n", code: 1,
			want: []string{"content/en/part/y.md:1:1: publishes the folder /en/part/, and content/en/Part/x.md publishes the folder /en/Part/: the names differ only in case"}},
		{name: "case-files", files: "-- content/en/Fig.svg --\n<svg/>\n-- content/en/fig.svg --\n<svg/>\n", code: 1,
			want: []string{"content/en/fig.svg: publishes /en/fig.svg, and content/en/Fig.svg publishes /en/Fig.svg"}},
		{name: "static-file-over-page", files: "-- content/en/a/index.html --\n<p>hi</p>\n", code: 1,
			want: []string{"content/en/a/index.html: publishes /en/a/index.html, which content/en/a.md also publishes"}},
		{name: "static-file-over-folder", files: "-- content/en/b.md --\n---\ntitle: B\n---\n-- content/en/b --\nplain\n", code: 1,
			want: []string{"content/en/b.md"}},
		{name: "page-over-section", files: "-- content/en/a/_index.md --\n---\ntitle: S\n---\n", code: 1,
			want: []string{"this page has the same URL /en/a/ as"}},
		{name: "space-in-name", files: "-- content/en/a b.md --\n---\ntitle: Spaced\n---\n[back](a.md) [self](<a b.md>)\n-- content/en/my fig.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n-- content/en/c.md --\n---\ntitle: C\n---\n[spaced](<a b.md>) ![figure](<my fig.svg>)\n",
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
		{name: "reserved-in-name", files: "-- content/en/c#1?.md --\n---\ntitle: Hash\n---\n-- content/en/100%.md --\n---\ntitle: Pct\n---\n",
			check: func(t *testing.T, out string) {
				contains("sitemap.xml", "<loc>/en/c%231%3F/</loc>", "<loc>/en/100%25/</loc>")(t, out)
				contains("en/c#1?/index.html", "Hash")(t, out)
				contains("en/100%/index.html", "Pct")(t, out)
			}},
		{name: "space-in-data-name", files: "-- content/data/my list.yaml --\nkind: checklist\ntitle: L\nitems: [{text: x}]\n-- content/en/b.md --\n---\ntitle: B\n---\n::checklist{src=\"my list\"}\n",
			check: func(t *testing.T, out string) {
				contains("en/b/index.html", `/en/worksheets/my%20list/`)(t, out)
				contains("en/worksheets/my list/index.html", "L")(t, out)
			}},
	}
}
