// Package starter writes a small course to begin from: site.yaml, one
// section of two chapters in every language, a checklist, a trainer note
// and a README for the course's own authors. Its texts are written in each
// language the theme has UI strings in (Languages); any other language
// gets the English text to translate.
package starter

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed all:files
var files embed.FS

// fallback is the language whose texts stand in for a language the
// starter has no texts in.
const fallback = "en"

// texts are a language's strings.yaml.
type texts struct {
	Title       string
	Description string
	Slugs       struct{ Section, First, Second, Checklist string }
	Checklist   struct {
		Title string
		Items []string
	}
	Breaks struct{ Coffee, Lunch string }
}

// Write creates the course in dir, which must be empty or not exist yet,
// and returns the paths it wrote. langs are the site's languages, the
// default first.
func Write(dir string, langs []string) ([]string, error) {
	if len(langs) == 0 {
		return nil, errors.New("init: no language given")
	}
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	all := map[string]texts{}
	for _, l := range langs {
		t, err := readTexts(l)
		if err != nil {
			return nil, err
		}
		all[l] = t
	}
	def := all[langs[0]]
	names := strings.NewReplacer(
		"SECTION", def.Slugs.Section, "FIRST", def.Slugs.First,
		"SECOND", def.Slugs.Second, "CHECKLIST", def.Slugs.Checklist,
	)
	out := map[string]string{
		"site.yaml": siteYAML(langs, all),
		path.Join("content", "data", def.Slugs.Checklist+".yaml"): checklistYAML(langs, all),
	}
	readme, err := fs.ReadFile(files, path.Join("files", source(langs[0]), "README.md"))
	if err != nil {
		return nil, err
	}
	out["README.md"] = strings.Replace(names.Replace(string(readme)), "TITLE", def.Title, 1)
	for _, l := range langs {
		root := path.Join("files", source(l), "content")
		err := fs.WalkDir(files, root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			body, err := fs.ReadFile(files, p)
			out[path.Join("content", l, names.Replace(strings.TrimPrefix(p, root+"/")))] = names.Replace(string(body))
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return writeAll(dir, out)
}

// Languages are the languages the starter has texts in, sorted.
func Languages() []string {
	entries, _ := fs.ReadDir(files, "files")
	var langs []string
	for _, e := range entries {
		if e.IsDir() {
			langs = append(langs, e.Name())
		}
	}
	return langs
}

// source is the folder of the starter's texts for a language: its own,
// its base language's (pt for pt-BR), or English.
func source(lang string) string {
	for _, l := range []string{lang, strings.SplitN(lang, "-", 2)[0]} {
		if _, err := fs.Stat(files, path.Join("files", l)); err == nil {
			return l
		}
	}
	return fallback
}

// Written reports whether the starter has texts in lang, or only the
// English ones to translate.
func Written(lang string) bool {
	return source(lang) != fallback || strings.SplitN(lang, "-", 2)[0] == fallback
}

func readTexts(lang string) (texts, error) {
	var t texts
	src, err := fs.ReadFile(files, path.Join("files", source(lang), "strings.yaml"))
	if err == nil {
		err = yaml.Unmarshal(src, &t)
	}
	return t, err
}

// emptyDir makes sure dir is a folder with nothing in it, creating it
// when needed: init never writes over someone's work.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("init: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("init: %s is not empty (it holds %s); choose a new or empty folder", dir, entries[0].Name())
	}
	return nil
}

func writeAll(dir string, out map[string]string) ([]string, error) {
	var written []string
	for _, rel := range sortedKeys(out) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(p, []byte(out[rel]), 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// text writes a text field: one entry per language.
func text(langs []string, all map[string]texts, pick func(texts) string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l + ": " + quote(pick(all[l]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// quote is a YAML string: a JSON string is one.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func siteYAML(langs []string, all map[string]texts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The course's settings; every key is described in lentera's docs/format.md.\n")
	fmt.Fprintf(&b, "title: %s\n", text(langs, all, func(t texts) string { return t.Title }))
	fmt.Fprintf(&b, "description: %s\n", text(langs, all, func(t texts) string { return t.Description }))
	fmt.Fprintf(&b, "languages: [%s]\n", strings.Join(langs, ", "))
	fmt.Fprintf(&b, "# baseURL: https://example.org/kursus/   # where the course is published\n")
	b.WriteString(planYAML(langs, all))
	return b.String()
}

func checklistYAML(langs []string, all map[string]texts) string {
	var b strings.Builder
	b.WriteString("kind: checklist\n")
	fmt.Fprintf(&b, "title: %s\n", text(langs, all, func(t texts) string { return t.Checklist.Title }))
	b.WriteString("items:\n")
	for i := range all[langs[0]].Checklist.Items {
		fmt.Fprintf(&b, "  - text: %s\n", text(langs, all, func(t texts) string { return t.Checklist.Items[i] }))
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
