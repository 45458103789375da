package render

import (
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"text/template/parse"

	"lentera/generator/fileerr"
)

// checkLoops refuses a range over a number written in layout file f
// ({{range 10000}}): Go's templates run such a loop without calling
// anything, so a page left running past its time (see within) could not
// be stopped, and would keep a processor busy as long as the dev server
// runs. seq counts the same and can be stopped.
func checkLoops(fsys fs.FS, set *template.Template, f string) error {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.ParseName != f {
			continue
		}
		if n := numberRange(t.Tree.Root); n != nil {
			where, _ := t.Tree.ErrorContext(n)
			line, col := position(where)
			return fileerr.Errorf(layoutFile(fsys, f), line, col, "range over the number %s: write range seq %[1]s, which counts to %d at most", n.Pipe.Cmds[0].Args[0], maxSeq)
		}
	}
	return nil
}

// numberRange is the first range over a number literal in n.
func numberRange(n parse.Node) *parse.RangeNode {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if r := numberRange(c); r != nil {
				return r
			}
		}
	case *parse.RangeNode:
		if cmds := n.Pipe.Cmds; len(cmds) == 1 && len(cmds[0].Args) == 1 {
			if _, ok := cmds[0].Args[0].(*parse.NumberNode); ok {
				return n
			}
		}
		return branchRange(&n.BranchNode)
	case *parse.IfNode:
		return branchRange(&n.BranchNode)
	case *parse.WithNode:
		return branchRange(&n.BranchNode)
	}
	return nil
}

func branchRange(b *parse.BranchNode) *parse.RangeNode {
	if r := numberRange(b.List); r != nil {
		return r
	}
	return numberRange(b.ElseList)
}

var contextPos = regexp.MustCompile(`:(\d+):(\d+)$`)

// position reads the line and column of ErrorContext's "name:line:col".
func position(where string) (line, col int) {
	m := contextPos.FindStringSubmatch(where)
	if m == nil {
		return 0, 0
	}
	line, _ = strconv.Atoi(m[1])
	col, _ = strconv.Atoi(m[2])
	return line, col
}
