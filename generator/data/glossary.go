package data

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Glossary is a list of terms and what they mean. Chapters mark the first
// use of each term and explain it in place; the site gets a glossary page
// per language.
type Glossary struct {
	Terms []Term
}

// Term is one entry. Synonyms and Forms are other ways the term is
// written (pendapatan for omzet; hooks for hook), which mark it as well.
type Term struct {
	ID         string
	Term       Text
	Definition Text
	Synonyms   Words
	Forms      Words
	node       *yaml.Node
}

// Words is a list of words for every language, or a list per language.
type Words struct {
	all []string
	by  map[string][]string
}

// In returns the words of lang. A list given for every language counts in
// each; a per-language list does not fall back, since the forms of a word
// belong to its language.
func (w Words) In(lang string) []string {
	if w.by != nil {
		return w.by[lang]
	}
	return w.all
}

// Names is every way the term is written in lang: the term (falling back
// to the default language), its synonyms and its forms.
func (t Term) Names(lang, fallback string) []string {
	names := []string{t.Term.In(lang, fallback)}
	names = append(names, t.Synonyms.In(lang)...)
	return append(names, t.Forms.In(lang)...)
}

func (g *Glossary) fields(d *Decoder) Fields {
	return Fields{
		"terms": func(v *yaml.Node) {
			d.List(v, "terms", func(n *yaml.Node) { g.Terms = append(g.Terms, d.term(n)) })
		},
	}
}

func (d *Decoder) term(n *yaml.Node) Term {
	t := Term{node: n}
	d.Object(n, "a glossary term", Fields{
		"id":         func(v *yaml.Node) { t.ID = d.id(v) },
		"term":       func(v *yaml.Node) { t.Term = d.Text(v) },
		"definition": func(v *yaml.Node) { t.Definition = d.Text(v) },
		"synonyms":   func(v *yaml.Node) { t.Synonyms = d.words(v, "synonyms") },
		"forms":      func(v *yaml.Node) { t.Forms = d.words(v, "forms") },
	}, "term", "definition")
	return t
}

// words decodes a list of words, or a mapping from language to a list.
func (d *Decoder) words(n *yaml.Node, what string) Words {
	if n.Kind != yaml.MappingNode {
		return Words{all: d.Strings(n, what)}
	}
	w := Words{by: map[string][]string{}}
	fields := Fields{}
	for _, lang := range d.Langs {
		fields[lang] = func(v *yaml.Node) { w.by[lang] = d.Strings(v, what) }
	}
	d.Object(n, what+" per language", fields)
	return w
}

// check gives terms without an id one from their default-language name,
// and reports ids used twice.
func (g *Glossary) check(d *Decoder) {
	seen := map[string]bool{}
	for i := range g.Terms {
		t := &g.Terms[i]
		if t.ID == "" {
			t.ID = Slug(t.Term.In(d.lang(), d.lang()))
		}
		if seen[t.ID] {
			d.Failf(t.node, "glossary term %q is used twice (give one an id of its own)", t.ID)
		}
		seen[t.ID] = true
	}
}

func (d *Decoder) lang() string {
	if len(d.Langs) == 0 {
		return ""
	}
	return d.Langs[0]
}

// Line is where the term is written, for messages that span files.
func (t Term) Line() (int, int) { return t.node.Line, t.node.Column }

// Sorted returns the terms in alphabetical order of their name in lang.
func (g *Glossary) Sorted(lang, fallback string) []Term {
	terms := append([]Term(nil), g.Terms...)
	sort.SliceStable(terms, func(i, j int) bool {
		return strings.ToLower(terms[i].Term.In(lang, fallback)) < strings.ToLower(terms[j].Term.In(lang, fallback))
	})
	return terms
}
