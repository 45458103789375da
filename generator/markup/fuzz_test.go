package markup

import (
	"strings"
	"testing"

	"lentera/generator/site"
)

// Directive lines either parse or fail with a message; never a panic.
func FuzzParseHead(f *testing.F) {
	for _, seed := range []string{
		`checklist{src="a"}`, `tip[Judul *tebal*]{#id .c}`, `x{a='b' c=d e}`,
		`table{src="a`, `a[b[c]d]`, `{}`, ` tip`, `a{#}`, `a{.}`, `a{=}`,
		`{.tip #x title="T"}`, `{#x}`, `tip :::`, `{.a} ::: b`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		name, _, a, err := parseHead(line)
		if err == nil && name == "" {
			t.Fatalf("%q parsed without a name", line)
		}
		if err == nil && len(a.keys) != len(a.values) {
			t.Fatalf("%q: %d keys, %d values", line, len(a.keys), len(a.values))
		}
	})
}

// Any Markdown converts or fails with positioned errors; never a panic.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"::checklist{src=\"c\"}\n", ":::tip\n::::exercise\n:::\n", "::::a\n:::b\n::::\n",
		"## H {#h}\n[x](b.md#dua) ![i](fig/x.png)\n", "```\n:::\n```\n", ":::trainer\n| a |\n|---|\n:::\n",
		"!!! tip \"T\"\n    a\n\n    !!! warning\n\tb\n:::tip\n!!! exercise x\n    c\n:::\n", "![a](fig/x.png){alt='b' width=3 .c}{d}\n",
		"~~~\nx\n~~~\n{: .output}\n\n> ## T\n> > a\n> {: .solution}\n{: .tip}\n{:x}\n",
		"[a]{#b .c} x [d]{#e f=g} [[h]]{#i} [j *k*]{#l}\n: m\n",
	} {
		f.Add(seed)
	}
	conv := New(Options{})
	f.Fuzz(func(t *testing.T, md string) {
		// What the loader refuses (a file that is not UTF-8) never reaches
		// the converter; it must say where.
		s, err := loadFixture(md)
		if err != nil {
			if !strings.Contains(err.Error(), "a.md:") {
				t.Fatalf("load error without the file: %v", err)
			}
			return
		}
		in := Input{Site: s, Page: s.Lang("id").Chapters[0], URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
		if _, err := conv.Convert(in, Pass{}, Pass{Edition: "trainer"}, Pass{Workbook: true}); err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}
