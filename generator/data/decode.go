package data

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"lentera/generator/fileerr"
)

// Parse reads one YAML document and returns its root node. Syntax errors and
// invalid UTF-8 come back as a fileerr.Error; a byte order mark is skipped.
// To keep line numbers true to the file when the YAML is a slice of it
// (front matter), pad src with leading newlines.
func Parse(path string, src []byte) (*yaml.Node, error) {
	src, err := CheckText(path, src)
	if err != nil {
		return nil, err
	}
	if line := pastMaxItems(src); line > 0 {
		return nil, fileerr.Errorf(path, line, 0, "the file has more than %d YAML items (lines, and -, :, , [ and { in them) by this line; a file may have at most that: split it", maxItems)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, syntaxError(path, src, err)
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}, nil
	}
	return doc.Content[0], nil
}

// yaml.v3 keeps a node of some 200 bytes for every value of a file, and
// the build what it decodes of them: 15 MB of table rows took 2 GB and
// 30 s to build. A file of more than maxItems (each line, and each
// character that may start a value of its own) fails before it is parsed;
// a real checklist or calendar has a few hundred.
const maxItems = 200_000

// pastMaxItems is the line at which src passes maxItems, or 0.
func pastMaxItems(src []byte) int {
	items, line := 0, 1
	for _, c := range src {
		switch c {
		case '\n':
			line++
			items++
		case '-', ':', ',', '[', '{':
			items++
		default:
			continue
		}
		if items > maxItems {
			return line
		}
	}
	return 0
}

var (
	yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)
	// yaml.v3 counts lines from 0 in the errors of its parser (as opposed
	// to its scanner), so these messages name the line before the problem.
	zeroBased = regexp.MustCompile(`^did not find expected (key|node content|',' or '[\]}]'|'-' indicator|<document start>)`)
)

func syntaxError(path string, src []byte, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		detail := msg[len(m[0]):]
		switch {
		case zeroBased.MatchString(detail):
			line = problemLine(src, line+1, detail)
		case strings.HasPrefix(detail, "found a tab character that violates indentation"):
			line = tabIndented(src, line)
		}
		return fileerr.New(path, line, 0, errors.New("invalid YAML: "+detail))
	}
	line, col := 0, 0
	if strings.Contains(msg, "control characters are not allowed") {
		// yaml.v3 says where nothing else is; the first such character is.
		line, col = controlAt(src)
	}
	return fileerr.New(path, line, col, fmt.Errorf("invalid YAML: %s", strings.TrimPrefix(msg, "yaml: ")))
}

// tabIndented is the first line from line on that a tab indents. yaml.v3
// names the line of the value it was reading when it met the tab, which
// is the line before when that value ends a line ("b: 2" then "\tc: 3").
func tabIndented(src []byte, line int) int {
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 >= line && strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t") {
			return i + 1
		}
	}
	return line
}

// controlAt is the line and column of the first control character YAML
// refuses (all but tab, line feed and carriage return, and DEL and the C1
// controls); 0, 0 when there is none.
func controlAt(src []byte) (line, col int) {
	line, col = 1, 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r < 0x20 && r != '\t' && r != '\r', r >= 0x7f && r <= 0x9f && r != 0x85:
			return line, col
		}
		col++
	}
	return 0, 0
}

// problemLine finds the line a parser error is about. yaml.v3 names the
// start of the block that holds the problem (its "context mark"), not the
// problem: a key indented one space too little on line 7 of a mapping that
// starts on line 5 is reported at line 5. The problem is on the first line
// whose prefix of the document fails the same way; a binary search finds
// it, since a prefix that holds the bad line keeps failing.
func problemLine(src []byte, context int, detail string) int {
	ends := lineEnds(src)
	fails := func(n int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal(src[:ends[n-1]], &doc)
		return err != nil && strings.HasSuffix(err.Error(), detail)
	}
	lo, hi := context, len(ends)
	if lo < 1 || lo > hi || !fails(hi) {
		return context
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// lineEnds lists the offset just past each line of src.
func lineEnds(src []byte) []int {
	var ends []int
	for i, b := range src {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		ends = append(ends, len(src))
	}
	return ends
}

// bom is the UTF-8 byte order mark some editors put at the start of a file.
var bom = []byte("\uFEFF")

// CheckText accepts src as text: it drops a byte order mark, and reports
// the first byte that is not UTF-8 at its line and column (in bytes, as the
// parsers count).
func CheckText(path string, src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, bom)
	if utf8.Valid(src) {
		return src, nil
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			start := bytes.LastIndexByte(src[:i], '\n') + 1
			line := bytes.Count(src[:start], []byte("\n")) + 1
			return nil, fileerr.Errorf(path, line, i-start+1, "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", src[i])
		}
		i += size
	}
	return src, nil
}

// Decoder turns YAML nodes into Go values and keeps every problem it meets,
// each with the node's position, so that one run reports all of them.
type Decoder struct {
	Path  string
	Langs []string // the site's languages; the first is the default
	errs  []error
}

// Err joins the problems found so far, or is nil.
func (d *Decoder) Err() error { return errors.Join(d.errs...) }

// Failf records a problem at node n.
func (d *Decoder) Failf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, fileerr.Errorf(d.Path, n.Line, n.Column, format, args...))
}

// Fields is the decoder's view of one mapping: each known key's handler is
// called with the key's value; unknown keys and missing required ones are
// reported.
type Fields map[string]func(value *yaml.Node)

// Object decodes mapping n (described as what in messages) through fields.
func (d *Decoder) Object(n *yaml.Node, what string, fields Fields, required ...string) {
	if n.Kind != yaml.MappingNode {
		d.Failf(n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		handle, ok := fields[key.Value]
		switch {
		case !ok:
			d.Failf(key, "unknown key %q in %s (known: %s)", key.Value, what, knownKeys(fields))
		case seen[key.Value]:
			d.Failf(key, "key %q appears twice in %s", key.Value, what)
		default:
			seen[key.Value] = true
			handle(value)
		}
	}
	for _, k := range required {
		if !seen[k] {
			d.Failf(n, "%s is missing the required key %q", what, k)
		}
	}
}

func knownKeys(fields Fields) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// describe names a node's type for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "empty"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}

func (d *Decoder) scalar(n *yaml.Node, want string) bool {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return true
	}
	d.Failf(n, "expected %s, found %s", want, describe(n))
	return false
}

// String decodes a scalar as text. Numbers and booleans are accepted as
// their written form, so `name: 11.11` means the string "11.11".
func (d *Decoder) String(n *yaml.Node) string {
	if !d.scalar(n, "a text") {
		return ""
	}
	return n.Value
}

// Int decodes a whole number, written as one: "10" in quotes is a text.
func (d *Decoder) Int(n *yaml.Node) int {
	if !d.scalar(n, "a whole number") {
		return 0
	}
	var v int
	if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		d.Failf(n, "expected a whole number, found %s", describe(n))
	}
	return v
}

// Float decodes a number.
func (d *Decoder) Float(n *yaml.Node) float64 {
	if !d.scalar(n, "a number") {
		return 0
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || n.Tag == "!!str" && n.Style != 0 {
		d.Failf(n, "expected a number, found %s", describe(n))
	}
	return v
}

// Bool decodes true or false, written as YAML booleans: "yes", "no" and
// "false" in quotes are texts, and an error rather than a guess.
func (d *Decoder) Bool(n *yaml.Node) bool {
	if !d.scalar(n, "true or false") {
		return false
	}
	var v bool
	if n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		d.Failf(n, "expected true or false (without quotes), found %s", describe(n))
	}
	return v
}

// NonEmpty decodes a text that must have something in it.
func (d *Decoder) NonEmpty(n *yaml.Node) string {
	s := d.String(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" && strings.TrimSpace(s) == "" {
		d.Failf(n, "expected a text, found an empty one")
	}
	return s
}

// Date decodes a calendar date written YYYY-MM-DD.
func (d *Decoder) Date(n *yaml.Node) time.Time {
	if !d.scalar(n, "a date (YYYY-MM-DD)") {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		d.Failf(n, "expected a date written YYYY-MM-DD, found %s", describe(n))
	}
	return t
}

// Map calls each for every key and value of mapping n, whose keys the
// caller names (language codes, directive names); a mapping of known keys
// is an Object. example shows a mapping in the message when n is not one.
func (d *Decoder) Map(n *yaml.Node, what, example string, each func(key, value *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.Failf(n, "%s must be a mapping of %s", what, example)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		each(n.Content[i], n.Content[i+1])
	}
}

// List calls each for every item of sequence n.
func (d *Decoder) List(n *yaml.Node, what string, each func(item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.Failf(n, "%s must be a list, not %s", what, describe(n))
		return
	}
	for _, item := range n.Content {
		each(item)
	}
}

// Strings decodes a list of plain strings.
func (d *Decoder) Strings(n *yaml.Node, what string) []string {
	var out []string
	d.List(n, what, func(item *yaml.Node) { out = append(out, d.String(item)) })
	return out
}

// Text decodes a text field: a plain string, or a mapping from language code
// to string. The default language must be present in a mapping, because it
// is what every other language falls back to.
func (d *Decoder) Text(n *yaml.Node) Text {
	if n.Kind == yaml.ScalarNode {
		return Plain(d.String(n))
	}
	if n.Kind != yaml.MappingNode {
		d.Failf(n, "expected a text or a mapping of language to text, found %s", describe(n))
		return Text{}
	}
	t := Text{by: map[string]string{}}
	fields := Fields{}
	for _, lang := range d.Langs {
		fields[lang] = func(v *yaml.Node) { t.by[lang] = d.String(v) }
	}
	d.Object(n, "a translated text", fields)
	if len(d.Langs) > 0 && t.by[d.Langs[0]] == "" {
		d.Failf(n, "translated text has no %q entry (the default language, which the others fall back to)", d.Langs[0])
	}
	return t
}

// Texts decodes a list of text fields.
func (d *Decoder) Texts(n *yaml.Node, what string) []Text {
	var out []Text
	d.List(n, what, func(item *yaml.Node) { out = append(out, d.Text(item)) })
	return out
}
