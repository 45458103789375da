// Package session lays a language's chapters out as a timetable: in course
// order, each for its duration, from the day's start time, with the breaks
// of site.yaml's plan between them, rolling over to the next day when a
// session would run past the day's end.
package session

import (
	"time"

	"lentera/generator/site"
)

// Plan is the timetable of one language.
type Plan struct {
	Days     []Day
	Sections []Total       // teaching time per section, in course order
	Total    time.Duration // teaching time, breaks left out
	Untimed  []*site.Page  // chapters without a duration, left out of the days
}

// Day is one training day.
type Day struct {
	N     int       // 1, 2, …
	Date  time.Time // zero when site.yaml's plan has no date
	Slots []Slot
	Total time.Duration // teaching time
	Start time.Duration // from midnight
	End   time.Duration
}

// Slot is a session or a break. Start and End are from midnight of its
// day.
type Slot struct {
	Start, End time.Duration
	Page       *site.Page  // a session
	Break      *site.Break // a break
}

// Total is the teaching time of a section.
type Total struct {
	Section *site.Page // nil for chapters outside any section
	Total   time.Duration
}

// Make lays out the chapters of lang.
func Make(lang *site.Language, settings site.PlanSettings) *Plan {
	p := &Plan{}
	l := &layout{settings: settings, plan: p}
	l.newDay()
	for _, c := range lang.Chapters {
		if c.Meta.Draft {
			continue
		}
		d := c.Meta.Duration
		if d == 0 {
			p.Untimed = append(p.Untimed, c)
			continue
		}
		l.takeBreaks()
		if day := l.day(); len(day.Slots) > 0 && l.now+d > settings.End {
			l.newDay()
			l.takeBreaks()
		}
		l.add(Slot{Start: l.now, End: l.now + d, Page: c})
		l.day().Total += d
		p.Total += d
		p.addToSection(c.Section(), d)
	}
	if day := l.day(); len(day.Slots) == 0 && len(p.Days) > 1 {
		p.Days = p.Days[:len(p.Days)-1]
	}
	for i := range p.Days {
		p.Days[i].trimBreaks()
	}
	return p
}

type layout struct {
	settings site.PlanSettings
	plan     *Plan
	now      time.Duration
	taken    int // breaks of the current day already taken, in time order
}

func (l *layout) day() *Day { return &l.plan.Days[len(l.plan.Days)-1] }

func (l *layout) newDay() {
	n := len(l.plan.Days) + 1
	day := Day{N: n, Start: l.settings.Start, End: l.settings.Start}
	if !l.settings.Date.IsZero() {
		day.Date = l.settings.Date.AddDate(0, 0, n-1)
	}
	l.plan.Days = append(l.plan.Days, day)
	l.now, l.taken = l.settings.Start, 0
}

// takeBreaks inserts every break whose time has come: a session is never
// cut, so a break waits for the session running at its time to end.
func (l *layout) takeBreaks() {
	for l.taken < len(l.settings.Breaks) && l.settings.Breaks[l.taken].At <= l.now {
		b := &l.settings.Breaks[l.taken]
		l.taken++
		if len(l.day().Slots) == 0 {
			continue // a day does not open with a break
		}
		l.add(Slot{Start: l.now, End: l.now + b.Length, Break: b})
	}
}

func (l *layout) add(s Slot) {
	day := l.day()
	day.Slots = append(day.Slots, s)
	day.End, l.now = s.End, s.End
}

// trimBreaks drops breaks at the end of a day: nobody pauses before going
// home.
func (d *Day) trimBreaks() {
	for len(d.Slots) > 0 && d.Slots[len(d.Slots)-1].Break != nil {
		d.Slots = d.Slots[:len(d.Slots)-1]
	}
	if len(d.Slots) > 0 {
		d.End = d.Slots[len(d.Slots)-1].End
	}
}

func (p *Plan) addToSection(sec *site.Page, d time.Duration) {
	for i := range p.Sections {
		if p.Sections[i].Section == sec {
			p.Sections[i].Total += d
			return
		}
	}
	p.Sections = append(p.Sections, Total{Section: sec, Total: d})
}

// At is the moment a time of day on day happens, for calendars: on the
// plan's date, or zero without one.
func (d Day) At(t time.Duration) time.Time {
	if d.Date.IsZero() {
		return time.Time{}
	}
	return d.Date.Add(t)
}
