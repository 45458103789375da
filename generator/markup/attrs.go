package markup

import (
	"fmt"
	"strings"
)

// attrs are a directive's {…} attributes, in the order written.
type attrs struct {
	keys   []string
	values map[string]string
	id     string
	class  []string
}

// parseHead reads what follows the colons of a directive line:
// name, then an optional [label], then optional {attributes}, then nothing
// but, as Pandoc allows, more colons. A space between the colons and the
// name is allowed (":::  tip"). Pandoc's fenced divs, ::: {.tip #id},
// name the directive by their first class.
func parseHead(line string) (name, label string, a attrs, err error) {
	s := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(s, "{") {
		return pandocHead(s)
	}
	end := 0
	for end < len(s) && isNameByte(s[end], end == 0) {
		end++
	}
	if end == 0 {
		return "", "", a, fmt.Errorf("directive name expected after the colons, found %q", clip(s))
	}
	name, s = s[:end], s[end:]
	if strings.HasPrefix(s, "[") {
		label, s, err = bracketed(s)
		if err != nil {
			return name, "", a, err
		}
	}
	if strings.HasPrefix(s, "{") {
		closing := strings.IndexByte(s, '}')
		if closing < 0 {
			return name, label, a, fmt.Errorf("attributes of ::%s are not closed with }", name)
		}
		a, err = parseAttrs(s[1:closing])
		if err != nil {
			return name, label, a, fmt.Errorf("attributes of ::%s: %w", name, err)
		}
		s = s[closing+1:]
	}
	if rest := closingColons(s); rest != "" {
		return name, label, a, fmt.Errorf("unexpected %q after directive ::%s (attributes go in {…} right after the name)", clip(rest), name)
	}
	return name, label, a, nil
}

// pandocHead reads a fenced div's {attributes}, whose first class names
// the directive: ::: {.callout-tip title="Hook"}.
func pandocHead(s string) (name, label string, a attrs, err error) {
	closing := strings.IndexByte(s, '}')
	if closing < 0 {
		return "", "", a, fmt.Errorf("attributes %q are not closed with }", clip(s))
	}
	a, err = parseAttrs(s[1:closing])
	if err != nil {
		return "", "", a, fmt.Errorf("attributes %s: %w", s[:closing+1], err)
	}
	if len(a.class) == 0 {
		return "", "", a, fmt.Errorf("%s names no directive: give its name as the first class, as in ::: {.tip}", s[:closing+1])
	}
	name, a.class = a.class[0], a.class[1:]
	if rest := closingColons(s[closing+1:]); rest != "" {
		return name, "", a, fmt.Errorf("unexpected %q after directive ::%s", clip(rest), name)
	}
	return name, "", a, nil
}

// closingColons is what is left of a directive line's end but spaces and
// the colons Pandoc lets a fence end with (::: tip :::).
func closingColons(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":"))
}

func isNameByte(b byte, first bool) bool {
	letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	return letter || !first && (b >= '0' && b <= '9' || b == '-' || b == '_')
}

// bracketed splits "[label] rest" at the bracket that closes the first one.
func bracketed(s string) (inside, rest string, err error) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return s[1:i], s[i+1:], nil
			}
		}
	}
	return "", "", fmt.Errorf("label [%s is not closed with ]", clip(s[1:]))
}

// parseAttrs reads `key="value" key='value' key=value key #id .class`.
func parseAttrs(s string) (attrs, error) {
	a := attrs{values: map[string]string{}}
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return a, nil
		}
		var tok string
		var err error
		switch s[0] {
		case '#':
			tok, s = word(s[1:])
			if tok == "" {
				return a, fmt.Errorf("# must be followed by an id")
			}
			a.id = tok
			continue
		case '.':
			tok, s = word(s[1:])
			if tok == "" {
				return a, fmt.Errorf(". must be followed by a class name")
			}
			a.class = append(a.class, tok)
			continue
		}
		var key, value string
		key, s = word(s)
		if key == "" {
			return a, fmt.Errorf("unexpected %q", clip(s))
		}
		if strings.HasPrefix(s, "=") {
			value, s, err = attrValue(s[1:])
			if err != nil {
				return a, fmt.Errorf("value of %s: %w", key, err)
			}
		}
		if _, dup := a.values[key]; dup {
			return a, fmt.Errorf("attribute %s is given twice", key)
		}
		a.keys = append(a.keys, key)
		a.values[key] = value
	}
}

// word reads up to the next space, quote, '=', '#', '.' at a word start, or end.
func word(s string) (string, string) {
	i := 0
	for i < len(s) && !strings.ContainsRune(" \t=\"'{}", rune(s[i])) {
		i++
	}
	return s[:i], s[i:]
}

func attrValue(s string) (value, rest string, err error) {
	if s == "" {
		return "", "", fmt.Errorf("missing value after =")
	}
	if q := s[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return "", "", fmt.Errorf("quote %c is not closed", q)
		}
		return s[1 : 1+end], s[2+end:], nil
	}
	value, rest = word(s)
	return value, rest, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
