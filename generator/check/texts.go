package check

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"lentera/generator/data"
	"lentera/generator/site"
)

// dataTexts warns about text fields, in data files and site.yaml, that
// have an entry for some languages and not for others: readers of those
// see the default language's text.
func (c *checker) dataTexts(cfg *site.Config) {
	files := []string{site.ConfigFile}
	_ = fs.WalkDir(c.fsys, site.DataDir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (path.Ext(p) == ".yaml" || path.Ext(p) == ".yml") {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		src, err := fs.ReadFile(c.fsys, f)
		if err != nil {
			continue // the build has reported it
		}
		root, err := data.Parse(f, src)
		if err != nil {
			continue
		}
		c.walkTexts(f, root, "", cfg.Languages)
	}
}

// walkTexts visits every node below n; field is its path in the file,
// such as items[2].text.
func (c *checker) walkTexts(file string, n *yaml.Node, field string, langs []string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, k := range n.Content {
			c.walkTexts(file, k, field, langs)
		}
	case yaml.SequenceNode:
		for i, k := range n.Content {
			c.walkTexts(file, k, field+"["+strconv.Itoa(i)+"]", langs)
		}
	case yaml.MappingNode:
		if missing := missingLangs(n, langs); missing != nil {
			c.add(Warning, file, n.Line, n.Column, "%s has no %s text; readers of %s see the %s text",
				field, strings.Join(missing, ", "), strings.Join(missing, ", "), langs[0])
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if field != "" {
				key = field + "." + key
			}
			c.walkTexts(file, n.Content[i+1], key, langs)
		}
	}
}

// missingLangs returns the languages a translated text lacks, or nil when
// n is no translated text: a mapping whose keys are all languages of the
// site, the default among them, with a text for each.
func missingLangs(n *yaml.Node, langs []string) []string {
	if len(langs) < 2 || len(n.Content) == 0 {
		return nil
	}
	has := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if !contains(langs, k) || v.Kind != yaml.ScalarNode {
			return nil
		}
		has[k] = strings.TrimSpace(v.Value) != ""
	}
	if !has[langs[0]] {
		return nil
	}
	var missing []string
	for _, l := range langs[1:] {
		if !has[l] {
			missing = append(missing, l)
		}
	}
	return missing
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
