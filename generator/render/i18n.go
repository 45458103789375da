package render

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"gopkg.in/yaml.v3"

	"lentera/generator/data"
	"lentera/generator/fileerr"
)

// I18nDir holds the UI strings: one folder per language, any number of YAML
// files of key: text in it, so a feature can keep its strings in its own
// file. A key must be unique across a language's files.
const I18nDir = "layouts/i18n"

// Strings are the UI strings of one language.
type Strings map[string]string

// A UI string whose text depends on a number is given as its plural
// forms, the categories of CLDR's rules for the language ("1 chapter",
// "2 chapters"):
//
//	chapters_count:
//	  one: "%s chapter"
//	  other: "%s chapters"
//
// Tn picks the form a number takes; T, and a language whose rules have one
// form, take other. Strings keep other under the key and each other form
// under the key, formSep and the form's name, so that the forms go with
// their key wherever it is taken from (see fill).
const formSep = "\x00"

// formNames are the plural categories, as a file names them.
var formNames = map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}

// nameKey is the UI string of a language's own name. It never falls back
// to another language's: a borrowed name would call Spanish "English".
const nameKey = "language_name"

// fallbackLang is the language whose built-in strings are complete by
// definition: every other language falls back to them last.
const fallbackLang = "en"

// uiSet is what loadStrings finds: the strings and the own name of every
// language of the site, and the language its strings are written in.
type uiSet struct {
	strings map[string]Strings
	names   map[string]string
	// speaks is the language of a language's strings: its own, or, for
	// one that has none and borrows them all, the language it borrows
	// from. A sentence names a language in it ("not available in
	// Spanish"), not in the page's ("الإسبانية") amid English words.
	speaks map[string]string
}

// loadStrings reads the UI strings of every language in langs, the first
// being the default. A language's strings are its files in layouts (the
// site's over the theme's), then the theme's own strings for it, key by
// key. A key still missing is borrowed from the default language, then from
// the theme's English, and one warning per language lists the keys it
// borrowed; partial files are fine. names are the language names site.yaml
// sets.
func loadStrings(layouts, theme fs.FS, langs []string, names map[string]string) (*uiSet, []error, error) {
	if theme == nil {
		theme = layouts
	}
	set := &uiSet{strings: map[string]Strings{}, names: map[string]string{}, speaks: map[string]string{}}
	for _, lang := range langs {
		own, err := readLang(layouts, lang)
		if err != nil {
			return nil, nil, err
		}
		builtIn, err := readLang(theme, lang)
		if err != nil {
			return nil, nil, err
		}
		own.fill(builtIn)
		set.strings[lang] = own
		set.names[lang] = languageName(lang, names[lang], own[nameKey])
	}
	english, err := readLang(theme, fallbackLang)
	if err != nil {
		return nil, nil, err
	}
	if len(langs) == 0 {
		return set, nil, nil
	}
	reference := Strings{}
	reference.fill(set.strings[langs[0]])
	reference.fill(english)
	delete(reference, nameKey)
	total := len(reference.Keys())
	var warnings []error
	for _, lang := range langs {
		own := set.strings[lang]
		missing := own.fill(reference)
		delete(own, nameKey)
		set.speaks[lang] = lang
		if len(missing) > 0 {
			warnings = append(warnings, missingWarning(lang, langs[0], missing, total))
		}
		if len(missing) == total {
			// All borrowed: the default language's, or English where it
			// has none either.
			set.speaks[lang] = fallbackLang
			if lang != langs[0] {
				set.speaks[lang] = set.speaks[langs[0]]
			}
		}
	}
	return set, warnings, nil
}

// fill adds the keys of from that s lacks and returns them, sorted. A
// key's plural forms come with it, and only with it: a site that words a
// string its own way does not get the theme's forms of it.
func (s Strings) fill(from Strings) []string {
	added := map[string]bool{}
	for k, v := range from {
		if _, ok := s[k]; !ok && !strings.Contains(k, formSep) {
			s[k] = v
			added[k] = true
		}
	}
	for k, v := range from {
		if key, _, isForm := strings.Cut(k, formSep); isForm && added[key] {
			s[k] = v
		}
	}
	keys := slices.Collect(maps.Keys(added))
	sort.Strings(keys)
	return keys
}

func missingWarning(lang, def string, missing []string, total int) error {
	dir := path.Join(I18nDir, lang)
	from := "the " + def + " ones, then English"
	if def == fallbackLang || def == lang {
		from = "English ones" // the default language borrows from English alone
	}
	if len(missing) == total {
		return fileerr.Errorf(dir, 0, 0, "no UI strings for language %q: using %s; copy %s/%s/ to %s/ and translate it",
			lang, from, I18nDir, fallbackLang, dir)
	}
	return fileerr.Errorf(dir, 0, 0, "%d UI strings missing for language %q, using %s: %s",
		len(missing), lang, from, strings.Join(missing, ", "))
}

// languageName is a language's name in that language: the one site.yaml
// sets, else the language_name UI string of that language itself, else
// CLDR's ("español", capitalised as it stands alone in a menu), else the
// code.
func languageName(code, fromSite, fromUI string) string {
	switch {
	case fromSite != "":
		return fromSite
	case fromUI != "":
		return fromUI
	}
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	name := display.Self.Name(tag)
	if name == "" {
		return code
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// nameIn is the name of language code in language page, "" when the
// language data has none.
func nameIn(page, code string) string {
	in, err := language.Parse(page)
	if err != nil {
		return ""
	}
	tag, err := language.Parse(code)
	if err != nil {
		return ""
	}
	// Tags is nil for languages CLDR has no names in (Minangkabau, say).
	names := display.Tags(in)
	if names == nil {
		return ""
	}
	return names.Name(tag)
}

func readLang(fsys fs.FS, lang string) (Strings, error) {
	dir := path.Join(I18nDir, lang)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return Strings{}, nil
	}
	s := Strings{}
	origin := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		file := path.Join(dir, e.Name())
		if err := readStrings(fsys, file, s, origin); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func readStrings(fsys fs.FS, file string, into Strings, origin map[string]string) error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fileerr.New(file, 0, 0, err)
	}
	root, err := data.Parse(file, src)
	if err != nil {
		return err
	}
	if root.Kind != yaml.MappingNode {
		return fileerr.Errorf(file, root.Line, root.Column, "UI strings must be a mapping of key: text")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if prev, dup := origin[k.Value]; dup {
			return fileerr.Errorf(file, k.Line, k.Column, "UI string %q is already defined in %s", k.Value, prev)
		}
		var err error
		switch {
		case strings.Contains(k.Value, formSep):
			err = fileerr.Errorf(file, k.Line, k.Column, "UI string %q has a NUL in its key", k.Value)
		case v.Kind == yaml.ScalarNode:
			err = checkString(file, k.Value, v)
			into[k.Value] = v.Value
		case v.Kind == yaml.MappingNode:
			err = readForms(file, k.Value, v, into)
		default:
			err = fileerr.Errorf(file, v.Line, v.Column, "UI string %q must be a text, or its plural forms (one: …, other: …)", k.Value)
		}
		if err != nil {
			return err
		}
		origin[k.Value] = file
	}
	return nil
}

// readForms reads the plural forms of the UI string key from node.
func readForms(file, key string, node *yaml.Node, into Strings) error {
	other := false
	for i := 0; i+1 < len(node.Content); i += 2 {
		name, v := node.Content[i], node.Content[i+1]
		if !isFormName(name.Value) {
			return fileerr.Errorf(file, name.Line, name.Column, "UI string %q: %q is not a plural form (zero, one, two, few, many, other)", key, name.Value)
		}
		if v.Kind != yaml.ScalarNode {
			return fileerr.Errorf(file, v.Line, v.Column, "UI string %q: its form %q must be a text", key, name.Value)
		}
		if err := checkString(file, key, v); err != nil {
			return err
		}
		if name.Value == "other" {
			into[key], other = v.Value, true
		} else {
			into[key+formSep+name.Value] = v.Value
		}
	}
	if !other {
		return fileerr.Errorf(file, node.Line, node.Column, "UI string %q has no form other:, the one every language has", key)
	}
	return nil
}

func isFormName(name string) bool {
	for _, n := range formNames {
		if n == name {
			return true
		}
	}
	return false
}

func checkString(file, key string, v *yaml.Node) error {
	if err := checkPadding(v.Value, nil); err != nil {
		return fileerr.Errorf(file, v.Line, v.Column, "UI string %q has %v", key, err)
	}
	return nil
}

// get returns the string for key, or an error that names the missing key.
func (s Strings) get(lang, key string) (string, error) {
	v, ok := s[key]
	if !ok {
		return "", fmt.Errorf("no UI string %q for language %q (add it to %s/%s/)", key, lang, I18nDir, lang)
	}
	return v, nil
}

// form returns the text of key for the number n: the plural form n takes
// in language tag (lang's), when the strings have it, else other.
func (s Strings) form(lang string, tag language.Tag, key string, n int) (string, error) {
	text, err := s.get(lang, key)
	if err != nil {
		return "", err
	}
	if form, ok := s[key+formSep+formNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]]; ok {
		return form, nil
	}
	return text, nil
}

// forms returns the plural forms of key as a JSON object by form name, for
// a script that counts in the page: {"one": "%s box", "other": "%s boxes"}.
func (s Strings) forms(lang, key string) (string, error) {
	text, err := s.get(lang, key)
	if err != nil {
		return "", err
	}
	forms := map[string]string{"other": text}
	for _, name := range formNames {
		if form, ok := s[key+formSep+name]; ok {
			forms[name] = form
		}
	}
	b, err := json.Marshal(forms)
	return string(b), err
}

// Keys lists the keys, sorted; a string's plural forms are under its key.
func (s Strings) Keys() []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		if !strings.Contains(k, formSep) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// format fills a pattern like "%d menit" or "Rp{n}" with text.
func (s Strings) format(key, value string) string {
	return strings.ReplaceAll(s[key], "{n}", value)
}
