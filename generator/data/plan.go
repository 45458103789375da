package data

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Plan is a week-by-week action plan.
type Plan struct {
	Phases []PlanPhase
}

// PlanPhase is a run of weeks with one goal, its tasks and what it delivers.
type PlanPhase struct {
	Weeks   []int
	Goal    Text
	Tasks   []Text
	Outputs []Text
}

func (p *Plan) fields(d *Decoder) Fields {
	return Fields{
		"phases": func(v *yaml.Node) {
			d.List(v, "phases", func(n *yaml.Node) { p.Phases = append(p.Phases, d.planPhase(n)) })
		},
	}
}

func (d *Decoder) planPhase(n *yaml.Node) PlanPhase {
	var p PlanPhase
	d.Object(n, "a plan phase", Fields{
		"weeks":   func(v *yaml.Node) { p.Weeks = d.weeks(v) },
		"goal":    func(v *yaml.Node) { p.Goal = d.Text(v) },
		"tasks":   func(v *yaml.Node) { p.Tasks = d.Texts(v, "tasks") },
		"outputs": func(v *yaml.Node) { p.Outputs = d.Texts(v, "outputs") },
	}, "weeks", "goal")
	return p
}

// weeks accepts one week number or a list of them.
func (d *Decoder) weeks(n *yaml.Node) []int {
	var weeks []int
	add := func(v *yaml.Node) {
		w := d.Int(v)
		if w < 1 {
			d.Failf(v, "week numbers start at 1, found %s", v.Value)
		}
		weeks = append(weeks, w)
	}
	if n.Kind == yaml.SequenceNode {
		d.List(n, "weeks", add)
	} else {
		add(n)
	}
	return weeks
}

// Span is the phase's weeks as "1–2", or "3" for a single week.
func (p PlanPhase) Span() string {
	if len(p.Weeks) == 0 {
		return ""
	}
	first, last := p.Weeks[0], p.Weeks[len(p.Weeks)-1]
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// TaskID keys the reader's tick for task i of phase p.
func (p PlanPhase) TaskID(i int) string {
	return fmt.Sprintf("w%s-%d", Slug(p.Span()), i+1)
}
