package markup

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs makes the automatic ids of a page's headings, in any script:
// letters (accents kept), marks and digits stay, lower-cased; spaces, '-'
// and '_' become '-'; anything else goes. "¿Qué editor usar?" is
// "qué-editor-usar", "Основы" is "основы", as GitHub and Pandoc write them,
// so links copied from either keep working. Text is NFC first, so an
// accent typed as a combining mark gives the same id as a precomposed one.
// An id already taken on the page gets "-1", "-2", ….
type headingIDs struct {
	taken map[string]bool
	// next is, by id, the first number its next copy may take: those
	// below are taken, and taken ids stay so. Counting from 1 each time,
	// 10,000 headings of one text took 5 s.
	next map[string]int
	// twice are the ids written by hand that were taken already: the
	// page would have two elements of that id.
	twice map[string]bool
	// reserved are the layouts' ids (see Input.Reserved): taken from the
	// start, so that a heading "Main" is "main-1".
	reserved map[string]bool
}

func newHeadingIDs(reserved []string) *headingIDs {
	ids := &headingIDs{taken: map[string]bool{}, next: map[string]int{}, twice: map[string]bool{}, reserved: map[string]bool{}}
	for _, id := range reserved {
		ids.taken[id], ids.reserved[id] = true, true
	}
	return ids
}

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := slug(string(value))
	if id == "" {
		id = "heading"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	unique := id
	for i := max(ids.next[id], 1); ids.taken[unique]; i++ {
		unique = id + "-" + strconv.Itoa(i)
		ids.next[id] = i + 1
	}
	ids.taken[unique] = true
	return []byte(unique)
}

// Put implements parser.IDs: an id written by hand ({#id}) is taken.
func (ids *headingIDs) Put(value []byte) {
	if ids.taken[string(value)] {
		ids.twice[string(value)] = true
	}
	ids.taken[string(value)] = true
}

// slug is the id text of a heading.
func slug(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	return b.String()
}
