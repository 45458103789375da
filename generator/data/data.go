// Package data reads the YAML files under content/data/ that chapters embed
// with directives (::checklist, ::table, ::calendar, ::plan, ::quiz),
// and the glossary, whose terms chapters mark where they first use them.
//
// Each file names its kind at the top (kind: checklist) and is decoded node
// by node, so that every wrong type, missing or unknown key, bad date and
// inverted date range is reported as path:line:col. Text fields are either a
// plain string or a mapping from language code to string; a language without
// an entry falls back to the site's default language.
package data

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"lentera/generator/fileerr"
	"lentera/generator/sitefs"
)

// Doc is one data file.
type Doc struct {
	Src         string // how directives name it: the path under the data folder, without ".yaml"
	Path        string // the file, for messages
	Kind        string
	Title       Text
	Description Text
	Sum         [32]byte // SHA-256 of the file, so rebuilds can tell an edit
	Broken      bool     // the file failed to load; embeds of it are not reported again

	// Exactly one of these is set, by Kind.
	Checklist *Checklist
	Table     *Table
	Calendar  *Calendar
	Plan      *Plan
	Quiz      *Quiz
	Glossary  *Glossary
}

// Kinds lists the kinds of data file, in the order the docs present them.
var Kinds = []string{"checklist", "table", "calendar", "plan", "quiz", "glossary"}

// kindFields returns the keys a kind adds to the common ones, and which of
// them are required.
func kindFields(d *Decoder, doc *Doc) (Fields, []string) {
	switch doc.Kind {
	case "checklist":
		doc.Checklist = &Checklist{}
		return doc.Checklist.fields(d), nil
	case "table":
		doc.Table = &Table{RowHeaders: true}
		return doc.Table.fields(d), []string{"columns", "rows"}
	case "calendar":
		doc.Calendar = &Calendar{}
		return doc.Calendar.fields(d), []string{"events"}
	case "plan":
		doc.Plan = &Plan{}
		return doc.Plan.fields(d), []string{"phases"}
	case "quiz":
		doc.Quiz = &Quiz{}
		return doc.Quiz.fields(d), []string{"questions"}
	case "glossary":
		doc.Glossary = &Glossary{}
		return doc.Glossary.fields(d), []string{"terms"}
	}
	return nil, nil
}

// Decode reads one data file. src is the name directives use for it.
func Decode(filePath, src string, content []byte, langs []string) (*Doc, error) {
	root, err := Parse(filePath, content)
	if err != nil {
		return nil, err
	}
	d := &Decoder{Path: filePath, Langs: langs}
	doc := &Doc{Src: src, Path: filePath, Sum: sha256.Sum256(content)}
	if !d.kind(root, doc) {
		return nil, d.Err()
	}
	fields, required := kindFields(d, doc)
	fields["kind"] = func(*yaml.Node) {}
	fields["title"] = func(v *yaml.Node) { doc.Title = d.Text(v) }
	fields["description"] = func(v *yaml.Node) { doc.Description = d.Text(v) }
	d.Object(root, doc.Kind+" file", fields, append(required, "kind", "title")...)
	if doc.Checklist != nil {
		doc.Checklist.check(d, root)
	}
	if doc.Quiz != nil {
		doc.Quiz.check(d, root)
	}
	if doc.Glossary != nil {
		doc.Glossary.check(d)
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return doc, nil
}

// kind finds and checks the kind key before anything else, because it
// decides which other keys are allowed.
func (d *Decoder) kind(root *yaml.Node, doc *Doc) bool {
	if root.Kind != yaml.MappingNode {
		d.Failf(root, "a data file must be a mapping with a kind key, not %s", describe(root))
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "kind" {
			continue
		}
		v := root.Content[i+1]
		doc.Kind = d.String(v)
		for _, k := range Kinds {
			if k == doc.Kind {
				return true
			}
		}
		d.Failf(v, "unknown data kind %q (known: %s)", doc.Kind, strings.Join(Kinds, ", "))
		return false
	}
	d.Failf(root, "data file has no kind key (one of: %s)", strings.Join(Kinds, ", "))
	return false
}

// Load reads every *.yaml file below dir in fsys. The result maps each
// file's Src to it.
func Load(fsys fs.FS, dir string, langs []string) (map[string]*Doc, error) {
	docs := map[string]*Doc{}
	if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		return docs, nil
	}
	var errs []error
	err := fs.WalkDir(fsys, dir, func(p string, entry fs.DirEntry, err error) error {
		if err != nil {
			return fileerr.New(p, 0, 0, err)
		}
		if err := sitefs.Entry(fsys, p, entry); err != nil {
			errs = append(errs, err)
			return nil
		}
		if entry.IsDir() || !isYAML(p) {
			return nil
		}
		content, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fileerr.New(p, 0, 0, err))
			return nil
		}
		src := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, dir+"/"), ".yaml"), ".yml")
		if prev, dup := docs[src]; dup {
			errs = append(errs, fileerr.Errorf(p, 0, 0, "data name %q is also used by %s", src, prev.Path))
			return nil
		}
		doc, err := Decode(p, src, content, langs)
		if err != nil {
			errs = append(errs, err)
			docs[src] = &Doc{Src: src, Path: p, Broken: true}
			return nil
		}
		docs[src] = doc
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return docs, errors.Join(errs...)
}

func isYAML(p string) bool {
	ext := path.Ext(p)
	return ext == ".yaml" || ext == ".yml"
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes a lowercase ASCII identifier from s, for IDs and file names.
func Slug(s string) string {
	return strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(s), "-"), "-")
}
