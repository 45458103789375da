package render

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"lentera"
)

// builtInLangs are the languages the theme ships UI strings for.
var builtInLangs = []string{"id", "en", "ms", "es", "fr", "pt", "de", "nl"}

// Every UI string of the theme exists in every language the theme ships, so
// no page falls back to a key or to another language, and no theme file
// holds a key English does not have; each form of a plural string fills
// in its own verbs as the other form does.
func TestThemeStringsComplete(t *testing.T) {
	english, err := readLang(lentera.Theme, "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range builtInLangs {
		own, err := readLang(lentera.Theme, lang)
		if err != nil {
			t.Fatal(err)
		}
		// Plural forms differ from language to language: the keys must not.
		for _, key := range english.Keys() {
			if _, ok := own[key]; !ok && key != nameKey {
				t.Errorf("UI string %q exists in en but not in %s", key, lang)
			}
		}
		for _, key := range own.Keys() {
			if _, ok := english[key]; !ok {
				t.Errorf("UI string %q exists in %s but not in en", key, lang)
			}
		}
	}
	for _, lang := range builtInLangs {
		own, _ := readLang(lentera.Theme, lang)
		for k, form := range own {
			key, _, isForm := strings.Cut(k, formSep)
			if isForm && !strings.Contains(fmt.Sprintf(form, "A", "2", "C"), "A") {
				t.Errorf("%s: a plural form of %q does not show its first value: %q", lang, key, form)
			}
			if isForm && strings.Contains(fmt.Sprintf(form, "A", "2", "C"), "%!") != strings.Contains(fmt.Sprintf(own[key], "A", "2", "C"), "%!") {
				t.Errorf("%s: a plural form of %q fills its values unlike the other form: %q", lang, key, form)
			}
		}
	}
	_, warnings, err := loadStrings(lentera.Theme, nil, builtInLangs, nil)
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
}

// A site's partial file keeps its keys, takes the rest from the theme's
// strings of the same language, then from the default language, then from
// English, and one warning per language lists what was borrowed.
func TestStringsFallBackKeyByKey(t *testing.T) {
	site := fstest.MapFS{
		"layouts/i18n/es/ui.yaml": {Data: []byte("home: Portada\n")},
		"layouts/i18n/id/ui.yaml": {Data: []byte("home: Halaman utama\n")},
		"layouts/i18n/sv/ui.yaml": {Data: []byte("home: Hem\nprev: Föregående\n")},
	}
	layouts := overlayFS{site, lentera.Theme}
	langs := []string{"id", "es", "sv", "xh"}
	ui, warnings, err := loadStrings(layouts, lentera.Theme, langs, map[string]string{"xh": "isiXhosa"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, key, want string }{
		{"es", "home", "Portada"},                    // the site's
		{"es", "next", "Siguiente"},                  // the theme's Spanish
		{"id", "home", "Halaman utama"},              // the site's
		{"id", "next", "Berikutnya"},                 // the theme's Indonesian
		{"sv", "prev", "Föregående"},                 // the site's
		{"sv", "next", "Berikutnya"},                 // the default language's
		{"sv", "home", "Hem"},                        // the site's
		{"xh", "skip_to_content", "Langsung ke isi"}, // the default language's
	} {
		if got := ui.strings[c.lang][c.key]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	for lang, want := range map[string]string{"id": "Bahasa Indonesia", "es": "Español", "sv": "Svenska", "xh": "isiXhosa"} {
		if got := ui.names[lang]; got != want {
			t.Errorf("name of %s = %q, want %q", lang, got, want)
		}
	}
	// xh borrows every string, from Indonesian: its sentences are
	// Indonesian and name languages so.
	for lang, want := range map[string]string{"id": "id", "es": "es", "sv": "sv", "xh": "id"} {
		if got := ui.speaks[lang]; got != want {
			t.Errorf("the strings of %s are in %q, want %q", lang, got, want)
		}
	}
	ui, arWarnings, _ := loadStrings(lentera.Theme, nil, []string{"ar", "id"}, nil)
	if ui.speaks["ar"] != "en" || ui.speaks["id"] != "id" {
		t.Errorf("an Arabic course without Arabic strings: its strings are in %q and the Indonesian's in %q, want en and id", ui.speaks["ar"], ui.speaks["id"])
	}
	if len(arWarnings) != 1 || !strings.Contains(arWarnings[0].Error(), `for language "ar": using English ones;`) {
		t.Errorf("the default language without strings borrows English's, want the warning to say so: %v", arWarnings)
	}
	var text []string
	for _, w := range warnings {
		text = append(text, w.Error())
	}
	all := strings.Join(text, "\n")
	if len(warnings) != 2 || !strings.Contains(all, `"sv"`) || !strings.Contains(all, "skip_to_content") ||
		strings.Contains(all, "language_name") || !strings.Contains(all, `no UI strings for language "xh"`) {
		t.Errorf("want one warning for sv listing its missing keys and one for xh, got:\n%s", all)
	}
}

// overlayFS is the site's files over the theme's, merging folders, as the
// build gives the renderer.
type overlayFS struct{ site, theme fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.site.Open(name); err == nil {
		return f, nil
	}
	return o.theme.Open(name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.site, name)
	b, errB := fs.ReadDir(o.theme, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	for _, e := range a {
		seen[e.Name()] = true
	}
	for _, e := range b {
		if !seen[e.Name()] {
			a = append(a, e)
		}
	}
	return a, nil
}

// A string given as plural forms takes the form CLDR's rules give the
// number in the page's language, else its other form; a site that words
// the string its own way, without forms, does not get the theme's; and a
// form the rules do not know, or a string without other, is an error
// that names the file and line.
func TestPluralForms(t *testing.T) {
	site := fstest.MapFS{
		"layouts/i18n/en/ui.yaml": {Data: []byte("more_chapters: \"%s more modules\"\n")},
	}
	ui, _, err := loadStrings(overlayFS{site, lentera.Theme}, lentera.Theme, []string{"en", "fr", "id", "pt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "chapters_count", 1, "%s chapter"},
		{"en", "chapters_count", 0, "%s chapters"},
		{"en", "chapters_count", 2, "%s chapters"},
		{"fr", "chapters_count", 0, "%s chapitre"}, // French counts 0 as one
		{"fr", "chapters_count", 1000, "%s chapitres"},
		{"pt", "chapters_count", 1, "%s capítulo"},
		{"id", "chapters_count", 1, "%s bab"}, // one form for every number
		{"en", "more_chapters", 1, "%s more modules"},
		{"en", "status_changes", 1, "%s change since %s:"},
	} {
		got, err := ui.strings[c.lang].form(c.lang, language.MustParse(c.lang), c.key, c.n)
		if err != nil || got != c.want {
			t.Errorf("%s %q for %d: got %q (%v), want %q", c.lang, c.key, c.n, got, err, c.want)
		}
	}
	for name, c := range map[string]struct{ yaml, want string }{
		"unknown form":   {"x:\n  one: a\n  single: b\n  other: c\n", `layouts/i18n/en/x.yaml:3:3: UI string "x": "single" is not a plural form`},
		"without other":  {"x:\n  one: a\n", `layouts/i18n/en/x.yaml:2:3: UI string "x" has no form other:`},
		"a list":         {"x: [a, b]\n", `layouts/i18n/en/x.yaml:1:4: UI string "x" must be a text, or its plural forms`},
		"a NUL in a key": {"\"x\\0one\": b\n", `layouts/i18n/en/x.yaml:1:1: UI string "x\x00one" has a NUL in its key`},
	} {
		_, err := readLang(fstest.MapFS{"layouts/i18n/en/x.yaml": {Data: []byte(c.yaml)}}, "en")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s", name, err, c.want)
		}
	}
}
