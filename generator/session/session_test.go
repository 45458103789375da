package session

import (
	"testing"
	"time"

	"lentera/generator/site"
)

func chapters(durations ...time.Duration) *site.Language {
	l := &site.Language{Code: "id"}
	for i, d := range durations {
		l.Chapters = append(l.Chapters, &site.Page{Kind: site.Chapter, URL: string(rune('a' + i)), Meta: site.Meta{Duration: d}})
	}
	return l
}

type slot struct {
	day        int
	start, end string
	isBreak    bool
}

func slots(p *Plan) []slot {
	var out []slot
	for _, d := range p.Days {
		for _, s := range d.Slots {
			out = append(out, slot{d.N, site.Clock(s.Start), site.Clock(s.End), s.Break != nil})
		}
	}
	return out
}

func TestMake(t *testing.T) {
	h, m := time.Hour, time.Minute
	settings := site.PlanSettings{Start: 9 * h, End: 12 * h, Breaks: []site.Break{
		{At: 9 * h, Length: 10 * m},       // at the day's start: not taken
		{At: 10*h + 30*m, Length: 15 * m}, // waits for the session running then
		{At: 11*h + 55*m, Length: 30 * m}, // would close day 1: dropped
	}}
	p := Make(chapters(h, 45*m, 0, h, 4*h, 30*m, 45*m), settings)
	want := []slot{
		{1, "09:00", "10:00", false},
		{1, "10:00", "10:45", false},
		{1, "10:45", "11:00", true},
		{1, "11:00", "12:00", false},
		// The 4-hour chapter fills a day of its own, past the day's end.
		{2, "09:00", "13:00", false},
		{3, "09:00", "09:30", false},
		{3, "09:30", "10:15", false},
	}
	got := slots(p)
	if len(got) != len(want) {
		t.Fatalf("slots %v\nwant %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("slot %d = %v, want %v", i, got[i], want[i])
		}
	}
	if len(p.Untimed) != 1 || p.Total != 8*h {
		t.Errorf("untimed %d, total %v; want 1 and 8h", len(p.Untimed), p.Total)
	}
	if d := p.Days[0]; d.Total != 2*h+45*m || d.End != 12*h {
		t.Errorf("day 1: total %v, end %v; want 2h45m and 12:00", d.Total, site.Clock(d.End))
	}
	if !p.Days[0].Date.IsZero() || !p.Days[0].At(9*h).IsZero() {
		t.Error("a plan without a date has dates")
	}
}

func TestDates(t *testing.T) {
	settings := site.DefaultPlan()
	settings.Date = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	p := Make(chapters(6*time.Hour, 6*time.Hour), settings)
	if len(p.Days) != 2 {
		t.Fatalf("%d days, want 2", len(p.Days))
	}
	if got := p.Days[1].At(p.Days[1].Slots[0].End); !got.Equal(time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("day 2's session ends %v, want 2026-03-03 15:00", got)
	}
}
