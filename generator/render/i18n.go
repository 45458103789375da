package render

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

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

// loadStrings reads the UI strings of every language in langs. A language
// with no folder borrows the English strings so that a new language builds at
// once; the warning says what to add.
func loadStrings(fsys fs.FS, langs []string) (map[string]Strings, []error, error) {
	all := map[string]Strings{}
	var warnings []error
	for _, lang := range langs {
		s, err := readLang(fsys, lang)
		if err == nil && len(s) == 0 {
			s, err = readLang(fsys, "en")
			warnings = append(warnings, fileerr.Errorf(path.Join(I18nDir, lang), 0, 0,
				"no UI strings for language %q: using English ones; copy %s/en/ to %s/%s/ and translate it", lang, I18nDir, I18nDir, lang))
		}
		if err != nil {
			return nil, nil, err
		}
		all[lang] = s
	}
	return all, warnings, nil
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
		if v.Kind != yaml.ScalarNode {
			return fileerr.Errorf(file, v.Line, v.Column, "UI string %q must be a text", k.Value)
		}
		into[k.Value] = v.Value
		origin[k.Value] = file
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

// Keys lists the keys, sorted.
func (s Strings) Keys() []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// format fills a pattern like "%d menit" or "Rp{n}" with text.
func (s Strings) format(key, value string) string {
	return strings.ReplaceAll(s[key], "{n}", value)
}
