package markup

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lentera/generator/fileerr"
	"lentera/generator/site"
)

// Directive is a generic directive (the CommonMark proposal's syntax):
// a leaf "::name[label]{attrs}" on one line, or a container
// ":::name[label]{attrs}" … ":::" around ordinary Markdown.
type Directive struct {
	ast.BaseBlock
	Name      string
	Label     string
	Attrs     map[string]string
	ID        string
	Classes   []string
	Container bool
	Line      int

	fence    int    // colons of the opening fence
	closed   bool   // a closing fence was seen
	untitled bool   // shown without a title (see admonitionParser)
	textOnly bool   // Label is text, not Markdown: a heading's, without its markup
	alias    string // the name the page wrote, when site.yaml's directives resolved it
	err      error  // a malformed line, reported by the converter
	state    *state
}

// KindDirective is the AST kind of a Directive.
var KindDirective = ast.NewNodeKind("Directive")

// Kind implements ast.Node.
func (d *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (d *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(d, source, level, map[string]string{"Name": d.Name, "Label": d.Label}, nil)
}

// spec says what a directive name accepts.
type spec struct {
	container bool
	data      bool     // embeds a data file of the same kind, named by src
	attrs     []string // besides id (#) and class (.)
	required  []string
}

var specs = map[string]spec{
	"checklist": {data: true, attrs: []string{"src"}, required: []string{"src"}},
	"table":     {data: true, attrs: []string{"src"}, required: []string{"src"}},
	"calendar":  {data: true, attrs: []string{"src"}, required: []string{"src"}},
	"plan":      {data: true, attrs: []string{"src"}, required: []string{"src"}},
	"quiz":      {data: true, attrs: []string{"src"}, required: []string{"src"}},
	"tip":       {container: true},
	"warning":   {container: true},
	"trainer":   {container: true},
	"exercise":  {container: true},
	"solution":  {container: true},
}

// Names lists the directive names, leaves first, for messages and docs.
func Names() []string {
	names := make([]string, 0, len(specs))
	for n := range specs {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := specs[names[i]], specs[names[j]]
		if a.container != b.container {
			return !a.container
		}
		return names[i] < names[j]
	})
	return names
}

// check reports what is wrong with a well-formed directive.
func (d *Directive) check() error {
	sp, ok := specs[d.Name]
	switch {
	case !ok:
		known := strings.Join(Names(), ", ")
		if aliases := d.state.in.Site.Config.Directives; len(aliases) > 0 {
			known += "; site.yaml's directives: " + strings.Join(slices.Sorted(maps.Keys(aliases)), ", ")
		}
		return fmt.Errorf("unknown directive %q (known: %s)", d.Name, known)
	case sp.container && !d.Container:
		return fmt.Errorf("%s is a container: write :::%s, the Markdown, then ::: on its own line", d.Name, d.Name)
	case !sp.container && d.Container:
		return fmt.Errorf("%s is a leaf directive: write ::%s{src=\"…\"} on one line", d.Name, d.Name)
	}
	allowed := map[string]bool{}
	for _, a := range sp.attrs {
		allowed[a] = true
	}
	for k := range d.Attrs {
		if !allowed[k] {
			return fmt.Errorf("unknown attribute %q on ::%s (allowed: %s)", k, d.Name, attrList(sp.attrs))
		}
	}
	for _, k := range sp.required {
		if d.Attrs[k] == "" {
			return fmt.Errorf("::%s needs %s=\"…\"", d.Name, k)
		}
	}
	return nil
}

// resolve puts the container a name of site.yaml's directives stands for
// in its place, with the alias's title unless the page gives one. An alias
// for what is not a container is left as it is: CheckAliases reports it.
func (d *Directive) resolve(in Input) {
	a, ok := in.Site.Config.Directives[d.Name]
	if !ok || !specs[a.As].container {
		return
	}
	d.alias, d.Name = d.Name, a.As
	if d.Label == "" {
		d.Label = a.Label.In(in.Page.Lang, in.Site.Config.DefaultLang())
	}
}

// CheckAliases reports the directives of site.yaml that cannot stand for
// what they name: a container of the converter's own, under a name not
// already one.
func CheckAliases(aliases map[string]site.DirectiveAlias) error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(aliases)) {
		a := aliases[name]
		var err error
		_, taken := specs[name]
		switch sp, ok := specs[a.As]; {
		case taken:
			err = fmt.Errorf("directives: %q is a directive already; choose another name", name)
		case !ok || !sp.container:
			err = fmt.Errorf("directives: %s stands for %q, which is not a container (containers: %s)", name, a.As, strings.Join(containers(), ", "))
		}
		if err != nil {
			errs = append(errs, fileerr.New(site.ConfigFile, a.Line, 0, err))
		}
	}
	return errors.Join(errs...)
}

// containers lists the container directives' names.
func containers() []string {
	var names []string
	for _, n := range Names() {
		if specs[n].container {
			names = append(names, n)
		}
	}
	return names
}

// written is the name as the page wrote it, for messages.
func (d *Directive) written() string {
	if d.alias != "" {
		return d.alias
	}
	return d.Name
}

func attrList(names []string) string {
	return strings.Join(append(append([]string{}, names...), "#id", ".class"), ", ")
}

type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{':'} }

// colons counts the leading colons of a line, after up to three spaces.
func colons(line []byte) (n int, rest []byte) {
	trimmed := bytes.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return 0, line
	}
	for n < len(trimmed) && trimmed[n] == ':' {
		n++
	}
	return n, trimmed[n:]
}

// MaxDepth is how deep containers may nest; a course needs two or three.
const MaxDepth = 64

// nesting bounds the work of nested containers. goldmark visits every open
// container on every line, and keeps a record of each visit until the next
// blank line outside all blocks: n lines inside containers d deep cost n×d
// in time and memory (4,000 :::tip deep took 2.5 GB). So besides the depth,
// the visits are counted, and past a few per line of the page the
// conversion stops with an error: memory stays a small multiple of the
// page.
type nesting struct {
	visits  int
	stopped bool // every container is closed, and no directive opens
}

// visitsPerLine is the budget of container visits per line of the page,
// far above what real nesting costs.
const visitsPerLine = 8

func (st *state) overBudget() bool {
	st.nest.visits++
	return st.nest.visits > visitsPerLine*len(st.lines)+4096
}

func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	n, rest := colons(line)
	if n < 2 {
		return nil, parser.NoChildren
	}
	st := stateOf(pc)
	if st.nest.stopped {
		return nil, parser.NoChildren
	}
	d := &Directive{Container: n >= 3, fence: n, state: st, Line: st.line(seg.Start)}
	reader.AdvanceToEOL()
	if util.IsBlank(rest) {
		d.Container = false // a bare fence opens nothing
		if n >= 3 {
			d.err = fmt.Errorf("closing %s has no open container to close", strings.Repeat(":", n))
		} else {
			d.err = fmt.Errorf("%q is not a directive: a name must follow the colons", strings.TrimSpace(string(line)))
		}
		return d, parser.NoChildren
	}
	var a attrs
	var err error
	d.Name, d.Label, a, err = parseHead(string(bytes.TrimRight(rest, "\r\n")))
	d.Attrs, d.ID, d.Classes = a.values, a.id, a.class
	if title, ok := d.Attrs["title"]; ok && d.Container && d.Label == "" {
		// Pandoc's and Quarto's divs give their title so.
		d.Label = title
		delete(d.Attrs, "title")
	}
	if err == nil {
		d.resolve(st.in)
		err = d.check()
	}
	d.err = err
	if d.Container && len(st.open) >= MaxDepth {
		d.Container, st.nest.stopped = false, true
		d.err = fmt.Errorf(":::%s is nested more than %d containers deep; close some of the containers around it", d.written(), MaxDepth)
	}
	if !d.Container {
		return d, parser.NoChildren
	}
	// A container with an error still holds its lines up to its closing
	// fence, so one mistake is reported once, not again at the fence.
	st.open = append(st.open, d)
	return d, parser.HasChildren
}

func (directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	d := node.(*Directive)
	if !d.Container || d.state.nest.stopped {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if d.state.overBudget() {
		d.state.nest.stopped = true
		d.state.failf(d.state.line(seg.Start), "%d containers are open here, around too many lines (the limit is about %d containers around each line of the page); close some of them", len(d.state.open), visitsPerLine)
		return parser.Close
	}
	n, rest := colons(line)
	if n < 3 || !util.IsBlank(rest) || n < d.fence || insideCode(d, pc) {
		return parser.Continue | parser.HasChildren
	}
	// The innermost open container takes a closing fence it can close, so
	// containers nest with fences of the same length as well as longer
	// outer ones.
	if inner := d.state.innermost(); inner != nil && inner != d && inner.fence <= n {
		return parser.Continue | parser.HasChildren
	}
	reader.AdvanceToEOL()
	d.closed = true
	return parser.Close
}

// insideCode reports whether the innermost open block within d is a fenced
// code block, whose lines are code even when they look like a fence of ours.
func insideCode(d *Directive, pc parser.Context) bool {
	open := pc.OpenedBlocks()
	if len(open) == 0 {
		return false
	}
	last := open[len(open)-1].Node
	if _, ok := last.(*ast.FencedCodeBlock); !ok {
		return false
	}
	for p := last.Parent(); p != nil; p = p.Parent() {
		if p == d {
			return true
		}
	}
	return false
}

func (directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	d := node.(*Directive)
	if d.Container {
		d.state.closeContainer(d)
		if !d.closed && d.err == nil && !d.state.nest.stopped {
			d.err = fmt.Errorf(":::%s is never closed: add a line %s after its content", d.written(), strings.Repeat(":", d.fence))
		}
	}
}

func (directiveParser) CanInterruptParagraph() bool { return true }
func (directiveParser) CanAcceptIndentedLine() bool { return false }

// Page is the page the directive is written in.
func (d *Directive) Page() *site.Page { return d.state.in.Page }
