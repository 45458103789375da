package render

import (
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
)

// boundLoops makes the layouts in file f stoppable. Go's templates cannot
// be stopped from outside, so a page left running past its time (see
// within) would keep a processor busy as long as the dev server runs.
// Every range and every template call in f passes its value through loop
// ({{range .X}} runs as {{range .X | loop}}), which fails once the
// renderer is stopped: work without end needs a range inside a range, or
// a template that calls itself, and each turn of those goes through loop.
// A range over a number ({{range $n}}) is bounded as seq is, since it
// alone could count for ever without going through loop again.
func boundLoops(set *template.Template, f string) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.ParseName == f {
			boundIn(t.Tree.Root)
		}
	}
}

func boundIn(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			boundIn(c)
		}
	case *parse.RangeNode:
		throughLoop(n.Pipe)
		boundBranch(&n.BranchNode)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			// Called without a value, the template gets none: loop,
			// called with nothing, gives none.
			n.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line}
		}
		throughLoop(n.Pipe)
	case *parse.IfNode:
		boundBranch(&n.BranchNode)
	case *parse.WithNode:
		boundBranch(&n.BranchNode)
	}
}

func boundBranch(b *parse.BranchNode) {
	boundIn(b.List)
	boundIn(b.ElseList)
}

// throughLoop ends pipe with a call to loop.
func throughLoop(pipe *parse.PipeNode) {
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pipe.Pos}
	cmd.Args = []parse.Node{parse.NewIdentifier("loop").SetPos(pipe.Pos)}
	pipe.Cmds = append(pipe.Cmds, cmd)
}

// loop hands on the value a range or a template call was given, or fails
// once the renderer is stopped, or when it is a count beyond maxSeq. It
// takes and gives reflect.Value so that the value goes on as it came: a
// missing map key stays an empty range.
func (b *binding) loop(v ...reflect.Value) (reflect.Value, error) {
	if b.r.stopped.Load() {
		return reflect.Value{}, ErrStopped
	}
	if len(v) == 0 {
		return reflect.Value{}, nil
	}
	e := v[0] // what range looks through to: data's numbers are often in an any
	for e.IsValid() && (e.Kind() == reflect.Interface || e.Kind() == reflect.Pointer) && !e.IsNil() {
		e = e.Elem()
	}
	if e.IsValid() && (e.CanInt() && e.Int() > maxSeq || e.CanUint() && e.Uint() > maxSeq) {
		return reflect.Value{}, fmt.Errorf("range over %v: a layout's loop counts to %d at most", e, maxSeq)
	}
	return v[0], nil
}
