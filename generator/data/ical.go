package data

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// ICalOptions says who publishes a calendar file and in which language.
type ICalOptions struct {
	Src      string    // the data file's name, part of every UID
	Lang     string    // language of the texts
	Fallback string    // language to use where Lang has no text
	ProdID   string    // the PRODID value, e.g. "-//Example Course//lentera//ID"
	Domain   string    // right-hand side of UIDs, usually the site's host
	Stamp    time.Time // DTSTAMP; the build time
}

// ICal writes the calendar as an RFC 5545 iCalendar file: every event and
// every phase becomes an all-day VEVENT whose DTEND is the day after its last
// day, as the standard defines all-day ranges.
func (c *Calendar) ICal(title Text, opt ICalOptions) []byte {
	w := newICal(title.In(opt.Lang, opt.Fallback), opt)
	for _, e := range c.Events {
		name := e.Name.In(opt.Lang, opt.Fallback)
		w.event(opt, e.ID, name, e.Note.In(opt.Lang, opt.Fallback), e.Start, e.End)
		for _, p := range e.Phases {
			summary := name + " – " + p.Name.In(opt.Lang, opt.Fallback)
			w.event(opt, e.ID+"-"+Slug(p.Name.In(opt.Fallback, opt.Fallback)), summary, p.Focus.In(opt.Lang, opt.Fallback), p.Start, p.End)
		}
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

type icalWriter struct{ buf bytes.Buffer }

func (w *icalWriter) event(opt ICalOptions, id, summary, description string, start, end time.Time) {
	w.vevent(opt, id, summary, description,
		"DTSTART;VALUE=DATE:"+start.Format("20060102"),
		"DTEND;VALUE=DATE:"+end.AddDate(0, 0, 1).Format("20060102"),
		"TRANSP:TRANSPARENT")
}

// vevent writes one VEVENT; times are its DTSTART, DTEND and TRANSP lines.
func (w *icalWriter) vevent(opt ICalOptions, id, summary, description string, times ...string) {
	w.line("BEGIN:VEVENT")
	w.line("UID:" + id + "." + opt.Src + "." + opt.Lang + "@" + opt.Domain)
	w.line("DTSTAMP:" + opt.Stamp.UTC().Format("20060102T150405Z"))
	w.line(times[0])
	w.line(times[1])
	w.line("SUMMARY:" + icalEscape(summary))
	if description != "" {
		w.line("DESCRIPTION:" + icalEscape(description))
	}
	w.line(times[2])
	w.line("END:VEVENT")
}

// Session is one timed event of a session plan.
type Session struct {
	ID          string // stable across rebuilds; part of the UID
	Summary     string
	Description string
	Start, End  time.Time // wall-clock times; their zone is not written
}

// newICal starts a calendar named name.
func newICal(name string, opt ICalOptions) *icalWriter {
	w := &icalWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + opt.ProdID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + icalEscape(name))
	return w
}

// SessionsICal writes timed sessions as an iCalendar file. Times are
// floating (RFC 5545, 3.3.5): 09:00 is nine o'clock wherever the training
// takes place, which is what a timetable means.
func SessionsICal(name string, sessions []Session, opt ICalOptions) []byte {
	w := newICal(name, opt)
	const local = "20060102T150405"
	for _, s := range sessions {
		w.vevent(opt, s.ID, s.Summary, s.Description,
			"DTSTART:"+s.Start.Format(local), "DTEND:"+s.End.Format(local), "TRANSP:OPAQUE")
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

// line writes one content line, folded so that no physical line is longer
// than 75 octets, never splitting a UTF-8 sequence, each ended with CRLF.
func (w *icalWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space of a continuation line counts
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

var icalEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)

func icalEscape(s string) string { return icalEscaper.Replace(s) }
