package data

// Text is a piece of text a reader sees: either the same in every language or
// written once per language.
type Text struct {
	all string
	by  map[string]string
}

// Plain is a text that reads the same in every language.
func Plain(s string) Text { return Text{all: s} }

// In returns the text in lang, or in fallback when lang has no entry.
func (t Text) In(lang, fallback string) string {
	if t.by == nil {
		return t.all
	}
	if s, ok := t.by[lang]; ok && s != "" {
		return s
	}
	return t.by[fallback]
}

// Has reports whether the text has its own entry for lang (a plain text has
// one for every language).
func (t Text) Has(lang string) bool {
	if t.by == nil {
		return true
	}
	return t.by[lang] != ""
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool {
	if t.all != "" {
		return false
	}
	for _, s := range t.by {
		if s != "" {
			return false
		}
	}
	return true
}
