package data

import (
	"time"

	"gopkg.in/yaml.v3"
)

// Table is a grid with a header row. With RowHeaders (the default), the first
// cell of each row heads that row.
type Table struct {
	Columns    []Text
	Rows       [][]Cell
	RowHeaders bool
}

// Cell is one table cell: a text, or a typed value that is formatted for
// each language (a rupiah amount, a percentage, a number or a date).
type Cell struct {
	Kind   CellKind
	Text   Text
	Number float64
	Date   time.Time
}

// CellKind says how a cell is written out.
type CellKind string

// The kinds of cell.
const (
	CellText    CellKind = ""
	CellMoney   CellKind = "money"
	CellPercent CellKind = "percent"
	CellNumber  CellKind = "number"
	CellDate    CellKind = "date"
)

func (t *Table) fields(d *Decoder) Fields {
	return Fields{
		"columns":    func(v *yaml.Node) { t.Columns = d.Texts(v, "columns") },
		"rowHeaders": func(v *yaml.Node) { t.RowHeaders = d.Bool(v) },
		"rows": func(v *yaml.Node) {
			d.List(v, "rows", func(row *yaml.Node) { t.Rows = append(t.Rows, d.row(row, len(t.Columns))) })
		},
	}
}

func (d *Decoder) row(n *yaml.Node, columns int) []Cell {
	var cells []Cell
	d.List(n, "a table row", func(v *yaml.Node) { cells = append(cells, d.cell(v)) })
	if n.Kind == yaml.SequenceNode && columns > 0 && len(cells) != columns {
		d.Failf(n, "row has %d cells but the table has %d columns", len(cells), columns)
	}
	return cells
}

// cell tells a typed value ({money: 1000}) from a translated text
// ({id: …, en: …}) by its key.
func (d *Decoder) cell(n *yaml.Node) Cell {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		return Cell{Text: d.Text(n)}
	}
	kind := CellKind(n.Content[0].Value)
	value := n.Content[1]
	switch kind {
	case CellMoney, CellPercent, CellNumber:
		return Cell{Kind: kind, Number: d.Float(value)}
	case CellDate:
		return Cell{Kind: kind, Date: d.Date(value)}
	}
	return Cell{Text: d.Text(n)}
}
