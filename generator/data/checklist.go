package data

import (
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Checklist is a list of things to tick, optionally in titled groups.
type Checklist struct {
	Groups []ChecklistGroup
}

// ChecklistGroup is a run of items under an optional title.
type ChecklistGroup struct {
	Title Text
	Items []ChecklistItem
}

// ChecklistItem is one box to tick. ID keys the reader's saved tick, so it
// stays the same when items are reworded.
type ChecklistItem struct {
	ID   string
	Text Text
	Hint Text
	line int
}

func (c *Checklist) fields(d *Decoder) Fields {
	return Fields{
		"items": func(v *yaml.Node) {
			c.Groups = append(c.Groups, ChecklistGroup{Items: d.items(v)})
		},
		"groups": func(v *yaml.Node) {
			d.List(v, "groups", func(g *yaml.Node) {
				var group ChecklistGroup
				d.Object(g, "a checklist group", Fields{
					"title": func(v *yaml.Node) { group.Title = d.Text(v) },
					"items": func(v *yaml.Node) { group.Items = d.items(v) },
				}, "title", "items")
				c.Groups = append(c.Groups, group)
			})
		},
	}
}

func (d *Decoder) items(n *yaml.Node) []ChecklistItem {
	var items []ChecklistItem
	d.List(n, "items", func(v *yaml.Node) {
		item := ChecklistItem{line: v.Line}
		d.Object(v, "a checklist item", Fields{
			"id":   func(v *yaml.Node) { item.ID = d.id(v) },
			"text": func(v *yaml.Node) { item.Text = d.Text(v) },
			"hint": func(v *yaml.Node) { item.Hint = d.Text(v) },
		}, "text")
		items = append(items, item)
	})
	return items
}

var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (d *Decoder) id(n *yaml.Node) string {
	id := d.String(n)
	if id != "" && !validID.MatchString(id) {
		d.Failf(n, "id %q must be lowercase letters, digits and hyphens", id)
	}
	return id
}

// check runs the rules that span the whole checklist: it has items, given in
// exactly one way, and item IDs are unique. Items without an ID are numbered.
func (c *Checklist) check(d *Decoder, root *yaml.Node) {
	if len(c.Groups) == 0 {
		d.Failf(root, "checklist needs items (or groups of items)")
		return
	}
	seen := map[string]bool{}
	n := 0
	for g := range c.Groups {
		for i := range c.Groups[g].Items {
			n++
			item := &c.Groups[g].Items[i]
			if item.ID == "" {
				item.ID = strconv.Itoa(n)
			}
			if seen[item.ID] {
				d.Failf(&yaml.Node{Line: item.line, Column: 1}, "checklist item id %q is used twice", item.ID)
			}
			seen[item.ID] = true
		}
	}
}

// Items returns every item, groups flattened.
func (c *Checklist) Items() []ChecklistItem {
	var all []ChecklistItem
	for _, g := range c.Groups {
		all = append(all, g.Items...)
	}
	return all
}
