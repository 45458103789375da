package markup

import (
	"strings"
	"testing"

	"lentera/generator/site"
)

// Each language gets its own quotation marks; dashes, ellipses and the
// apostrophe are the same everywhere, and code is left alone.
func TestTypographyPerLanguage(t *testing.T) {
	conv := New(Options{})
	src := `"Outer 'inner' quote" -- it's here... ` + "`\"code\"`"
	for lang, want := range map[string]string{
		"en":    `“Outer ‘inner’ quote” – it’s here… <code>&quot;code&quot;</code>`,
		"id":    `“Outer ‘inner’ quote” – it’s here…`,
		"de":    `„Outer ‚inner‘ quote“ – it’s here…`,
		"fr":    "«\u202fOuter “inner” quote\u202f» – it’s here…",
		"es":    `«Outer “inner” quote» – it’s here…`,
		"pt-PT": `«Outer “inner” quote»`,
		"pt-BR": `“Outer ‘inner’ quote”`,
		"ru":    `«Outer „inner“ quote»`,
		"sv":    `”Outer ’inner’ quote”`,
	} {
		s, page := fixture(t, src)
		page.Lang = lang
		in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed}
		doc, err := conv.Convert(in, Pass{})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(doc.HTML(Pass{})); !strings.Contains(got, want) {
			t.Errorf("%s: got %s, want it to hold %s", lang, got, want)
		}
	}
}
