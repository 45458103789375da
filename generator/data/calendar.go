package data

import (
	"sort"
	"time"

	"gopkg.in/yaml.v3"
)

// Calendar is a set of dated events, such as the shopping seasons of a year.
type Calendar struct {
	Events []Event // by start date
}

// Event is a span of whole days with the campaign phases around it.
type Event struct {
	ID     string // stable across rebuilds; part of the iCalendar UID
	Name   Text
	Note   Text
	Start  time.Time
	End    time.Time // the last day, inclusive
	Phases []Phase   // by start date
}

// Phase is one step of a campaign (pre-peak, peak, post-peak) and what the
// effort and budget go to in it.
type Phase struct {
	Name   Text
	Focus  Text
	Start  time.Time
	End    time.Time
	Budget float64 // share of the campaign budget in percent; 0 when not given
}

func (c *Calendar) fields(d *Decoder) Fields {
	return Fields{
		"events": func(v *yaml.Node) {
			d.List(v, "events", func(e *yaml.Node) { c.Events = append(c.Events, d.event(e)) })
			sort.SliceStable(c.Events, func(i, j int) bool { return c.Events[i].Start.Before(c.Events[j].Start) })
			d.uniqueIDs(v, c.Events)
		},
	}
}

func (d *Decoder) event(n *yaml.Node) Event {
	var e Event
	fields := Fields{
		"id":   func(v *yaml.Node) { e.ID = d.id(v) },
		"name": func(v *yaml.Node) { e.Name = d.Text(v) },
		"note": func(v *yaml.Node) { e.Note = d.Text(v) },
		"phases": func(v *yaml.Node) {
			d.List(v, "phases", func(p *yaml.Node) { e.Phases = append(e.Phases, d.phase(p)) })
			sort.SliceStable(e.Phases, func(i, j int) bool { return e.Phases[i].Start.Before(e.Phases[j].Start) })
		},
	}
	checkSpan := d.span(fields, &e.Start, &e.End)
	d.Object(n, "an event", fields, "name", "start", "end")
	checkSpan()
	if e.ID == "" && len(d.Langs) > 0 {
		e.ID = Slug(e.Name.In(d.Langs[0], d.Langs[0]) + "-" + e.Start.Format(time.DateOnly))
	}
	return e
}

func (d *Decoder) phase(n *yaml.Node) Phase {
	var p Phase
	fields := Fields{
		"name":   func(v *yaml.Node) { p.Name = d.Text(v) },
		"focus":  func(v *yaml.Node) { p.Focus = d.Text(v) },
		"budget": func(v *yaml.Node) { p.Budget = d.percent(v) },
	}
	checkSpan := d.span(fields, &p.Start, &p.End)
	d.Object(n, "a phase", fields, "name", "start", "end")
	checkSpan()
	return p
}

// span adds the start and end keys of a range of days to fields. Call the
// check it returns after decoding: it reports an end before its start, at
// the end date.
func (d *Decoder) span(fields Fields, start, end *time.Time) (check func()) {
	var endNode *yaml.Node
	fields["start"] = func(v *yaml.Node) { *start = d.Date(v) }
	fields["end"] = func(v *yaml.Node) { *end, endNode = d.Date(v), v }
	return func() {
		switch {
		case endNode == nil || end.IsZero():
		case !start.IsZero() && end.Before(*start):
			d.Failf(endNode, "end %s is before start %s", end.Format(time.DateOnly), start.Format(time.DateOnly))
		case end.Year() == 9999 && end.Month() == 12 && end.Day() == 31:
			// A calendar file ends an all-day event on the day after,
			// and its dates have four digits.
			d.Failf(endNode, "end 9999-12-31 is past the last day a calendar can hold, 9999-12-30")
		}
	}
}

func (d *Decoder) percent(n *yaml.Node) float64 {
	v := d.Float(n)
	if v < 0 || v > 100 {
		d.Failf(n, "budget is a percentage from 0 to 100, found %s", n.Value)
	}
	return v
}

func (d *Decoder) uniqueIDs(n *yaml.Node, events []Event) {
	seen := map[string]bool{}
	for _, e := range events {
		if seen[e.ID] {
			d.Failf(n, "two events have the id %q; give one of them its own id", e.ID)
		}
		seen[e.ID] = true
	}
}

// Next returns the first event that has not ended by day today, or nil.
func (c *Calendar) Next(today time.Time) *Event {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for i := range c.Events {
		if !c.Events[i].End.Before(day) {
			return &c.Events[i]
		}
	}
	return nil
}
