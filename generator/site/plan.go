package site

import (
	"fmt"
	"sort"
	"time"

	"gopkg.in/yaml.v3"

	"lentera/generator/data"
)

// PlanSettings are site.yaml's plan: how the chapters' durations become a
// timetable of training days for the trainer edition's session plan.
type PlanSettings struct {
	Start  time.Duration // when each day starts, from midnight
	End    time.Duration // no session runs past it, unless it alone fills the day
	Date   time.Time     // the first day; zero when not set
	DateAt [2]int        // the line and column of date in site.yaml, for errors
	Breaks []Break       // by time of day
	Given  bool          // site.yaml has a plan: the trainer edition is built for it
}

// Break is a pause taken every day.
type Break struct {
	At     time.Duration // from midnight: taken at the first session boundary at or after it
	Length time.Duration
	Title  data.Text
}

// DefaultPlan is the plan of a site that says nothing: days from 09:00 to
// 17:00 with no breaks.
func DefaultPlan() PlanSettings {
	return PlanSettings{Start: 9 * time.Hour, End: 17 * time.Hour}
}

func planSettings(d *data.Decoder, v *yaml.Node) PlanSettings {
	p := DefaultPlan()
	p.Given = true
	var endNode *yaml.Node
	d.Object(v, "plan", data.Fields{
		"start": func(v *yaml.Node) { p.Start = clock(d, v) },
		"end":   func(v *yaml.Node) { p.End, endNode = clock(d, v), v },
		"date":  func(v *yaml.Node) { p.Date, p.DateAt = d.Date(v), [2]int{v.Line, v.Column} },
		"breaks": func(v *yaml.Node) {
			d.List(v, "breaks", func(n *yaml.Node) { p.Breaks = append(p.Breaks, planBreak(d, n)) })
			sort.SliceStable(p.Breaks, func(i, j int) bool { return p.Breaks[i].At < p.Breaks[j].At })
		},
	})
	if endNode != nil && p.End <= p.Start {
		d.Failf(endNode, "end %s is not after start %s", Clock(p.End), Clock(p.Start))
	}
	return p
}

func planBreak(d *data.Decoder, n *yaml.Node) Break {
	var b Break
	d.Object(n, "a break", data.Fields{
		"at":     func(v *yaml.Node) { b.At = clock(d, v) },
		"length": func(v *yaml.Node) { b.Length = duration(d, v, "length") },
		"title":  func(v *yaml.Node) { b.Title = d.Text(v) },
	}, "at", "length", "title")
	return b
}

// clock reads a time of day written HH:MM.
func clock(d *data.Decoder, v *yaml.Node) time.Duration {
	s := d.String(v)
	t, err := time.Parse("15:04", s)
	if err != nil {
		d.Failf(v, "expected a time of day written HH:MM, like 09:00, found %q", v.Value)
		return 0
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}

// Clock writes a time of day as HH:MM.
func Clock(d time.Duration) string {
	m := int(d / time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60%24, m%60)
}
