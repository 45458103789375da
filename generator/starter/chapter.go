package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// weightStep leaves room between chapters for one put in later.
const weightStep = 10

var chapterPath = regexp.MustCompile(`^([a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*$`)

// NewChapter writes the chapter rel ("section/name") in every language of
// the site in dir: the same path, a shared translationKey, and a weight
// after the chapters already in the section. It writes nothing when any of
// the files exists, and returns the paths it wrote.
func NewChapter(dir string, langs []string, rel string) ([]string, error) {
	rel = strings.TrimSuffix(rel, ".md")
	if !chapterPath.MatchString(rel) {
		return nil, fmt.Errorf("new chapter: %q is not a path like pasar/harga-jual: lowercase letters, digits and hyphens, folders split by /, ending with the chapter's name", rel)
	}
	var paths []string
	for _, l := range langs {
		p := filepath.Join(dir, "content", l, filepath.FromSlash(rel)+".md")
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("new chapter: %s already exists; nothing was written", p)
		}
		// A section folder of that name has that URL already.
		if fi, err := os.Lstat(strings.TrimSuffix(p, ".md")); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("new chapter: %s is a section, at the URL the chapter would have; name a chapter in it, such as %s/NAME; nothing was written", strings.TrimSuffix(p, ".md"), rel)
		}
		paths = append(paths, p)
	}
	weight, err := nextWeight(filepath.Join(dir, "content", langs[0], filepath.FromSlash(path.Dir(rel))))
	if err != nil {
		return nil, err
	}
	for i, l := range langs {
		tmpl, err := fs.ReadFile(files, path.Join("files", source(l), "chapter.md"))
		if err != nil {
			return nil, err
		}
		body := strings.NewReplacer("TITLE", quote(titleOf(path.Base(rel))), "WEIGHT", strconv.Itoa(weight), "KEY", quote(rel)).Replace(string(tmpl))
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: a file that appeared since the check above is not
		// written over either.
		f, err := os.OpenFile(paths[i], os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return paths[:i], fmt.Errorf("new chapter: %w", err)
		}
		_, err = f.WriteString(body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return paths[:i+1], err
		}
	}
	return paths, nil
}

// titleOf turns a file name into a title to replace: "harga-jual" is
// "Harga jual".
func titleOf(name string) string {
	s := strings.ReplaceAll(name, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// nextWeight is one step after the largest weight of the pages in folder.
// A missing folder is a new section, which starts at the first step.
func nextWeight(folder string) (int, error) {
	entries, err := os.ReadDir(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return weightStep, nil
	}
	if err != nil {
		return 0, fmt.Errorf("new chapter: %w", err)
	}
	max := 0
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".md" || e.Name() == "_index.md" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(folder, e.Name()))
		if err != nil {
			return 0, fmt.Errorf("new chapter: %w", err)
		}
		if w := frontWeight(src); w > max {
			max = w
		}
	}
	return (max/weightStep + 1) * weightStep, nil
}

// frontWeight reads the weight in a page's front matter; 0 when it has
// none or cannot be read, as the build would order it.
func frontWeight(src []byte) int {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return 0
	}
	front, _, _ := bytes.Cut(rest, []byte("\n---"))
	var m struct{ Weight int }
	if yaml.Unmarshal(front, &m) != nil {
		return 0
	}
	return m.Weight
}
