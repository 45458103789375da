package render

import (
	"html/template"
	"slices"
	"testing"
)

// A kind's own template takes the place of a shared one of its name, but
// for an empty one, which parsing would not let replace it; a name only
// one side has is that side's.
func TestTreeOf(t *testing.T) {
	common := template.Must(template.New("").Parse(`{{define "x"}}shared{{end}}{{define "y"}}shared y{{end}}`))
	for _, c := range []struct {
		own, name, want string
	}{
		{`{{define "x"}}own{{end}}`, "x", "own"},
		{`{{define "x"}}{{end}}`, "x", "shared"},
		{`{{define "z"}}own z{{end}}`, "y", "shared y"},
		{`{{define "z"}}own z{{end}}`, "z", "own z"},
	} {
		own := template.Must(template.New("").Parse(c.own))
		tree := treeOf(own, common, c.name)
		if got := tree.Root.String(); got != c.want {
			t.Errorf("own %s: %q is %q, want %q", c.own, c.name, got, c.want)
		}
	}
	if treeOf(template.New(""), common, "none") != nil {
		t.Error("a name defined nowhere has a tree")
	}
}

// Every template a layout calls is found, however deep in if, range and
// with, their else branches too.
func TestCalls(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`{{template "a"}}
{{if .}}{{template "b"}}{{else}}{{range .}}{{template "c"}}{{else}}{{template "d"}}{{end}}{{end}}
{{with .}}{{with .}}{{template "e" .}}{{end}}{{else}}{{template "f"}}{{end}}`))
	var got []string
	calls(tmpl.Tree.Root, func(name string) { got = append(got, name) })
	slices.Sort(got)
	if want := []string{"a", "b", "c", "d", "e", "f"}; !slices.Equal(got, want) {
		t.Errorf("calls %v, want %v", got, want)
	}
}
