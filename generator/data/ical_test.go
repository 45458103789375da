package data

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

func icalFixture(t *testing.T) []byte {
	t.Helper()
	long := strings.Repeat("Promosi agresif dengan voucher, live, dan premiere; ", 4)
	doc, err := Decode("k.yaml", "musim", []byte(`kind: calendar
title: {id: Kalender, en: Calendar}
events:
  - name: {id: Lebaran, en: Eid al-Fitr}
    start: 2026-03-20
    end: 2026-03-21
    phases:
      - {name: {id: Puncak, en: Peak}, start: 2026-03-18, end: 2026-03-21, focus: "`+long+`"}
  - {name: "12.12", start: 2026-12-12, end: 2026-12-12}
`), langs)
	if err != nil {
		t.Fatal(err)
	}
	return doc.Calendar.ICal(doc.Title, ICalOptions{
		Src: "musim", Lang: "en", Fallback: "id", ProdID: "-//Uji//lentera//EN",
		Domain: "example.org", Stamp: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
	})
}

// The file is read back by an iCalendar parser this project did not write.
func TestICalParses(t *testing.T) {
	cal, err := ical.NewDecoder(bytes.NewReader(icalFixture(t))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if v := cal.Props.Get(ical.PropVersion); v == nil || v.Value != "2.0" {
		t.Errorf("VERSION = %v", v)
	}
	if v := cal.Props.Get(ical.PropProductID); v == nil || v.Value != "-//Uji//lentera//EN" {
		t.Errorf("PRODID = %v", v)
	}
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events, want 3 (two events and a phase)", len(events))
	}
	uids := map[string]bool{}
	for _, e := range events {
		uid, _ := e.Props.Text(ical.PropUID)
		if uid == "" || uids[uid] {
			t.Errorf("UID %q empty or repeated", uid)
		}
		uids[uid] = true
		start := e.Props.Get(ical.PropDateTimeStart)
		if start.ValueType() != ical.ValueDate {
			t.Errorf("DTSTART %v is not VALUE=DATE", start)
		}
	}
	first := events[0]
	summary, _ := first.Props.Text(ical.PropSummary)
	start, _ := first.DateTimeStart(time.UTC)
	end, _ := first.DateTimeEnd(time.UTC)
	if summary != "Eid al-Fitr" || start.Format(time.DateOnly) != "2026-03-20" || end.Format(time.DateOnly) != "2026-03-22" {
		t.Errorf("first event %q %s–%s, want Eid al-Fitr 2026-03-20 to the exclusive end 2026-03-22", summary, start, end)
	}
	phase := events[1]
	desc, _ := phase.Props.Text(ical.PropDescription)
	if !strings.HasPrefix(desc, "Promosi agresif dengan voucher, live, dan premiere; Promosi") {
		t.Errorf("long description did not survive folding and escaping: %q", desc)
	}
}

// RFC 5545 §3.1: CRLF line ends, no line longer than 75 octets.
func TestICalLines(t *testing.T) {
	out := icalFixture(t)
	if bytes.Contains(bytes.ReplaceAll(out, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a line ends without CR")
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("the long description was not folded")
	}
}

// UIDs stay the same from build to build, so calendar apps update events
// instead of duplicating them.
func TestICalStable(t *testing.T) {
	if !bytes.Equal(icalFixture(t), icalFixture(t)) {
		t.Error("two renderings of the same calendar differ")
	}
}

// A session plan's file: timed events in floating time, read back by the
// same parser.
func TestSessionsICal(t *testing.T) {
	jakarta := time.FixedZone("WIB", 7*3600)
	out := SessionsICal("Kursus, hari 1", []Session{
		{ID: "pasar-lanskap", Summary: "Lanskap; pasar", Description: "Baris satu\nbaris dua",
			Start: time.Date(2026, 3, 2, 9, 0, 0, 0, jakarta), End: time.Date(2026, 3, 2, 9, 45, 0, 0, jakarta)},
		{ID: "konten", Summary: "Konten", Start: time.Date(2026, 3, 3, 13, 0, 0, 0, jakarta), End: time.Date(2026, 3, 3, 14, 30, 0, 0, jakarta)},
	}, ICalOptions{Src: "plan", Lang: "id", ProdID: "-//Uji//lentera//ID", Domain: "example.org", Stamp: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if !bytes.Contains(out, []byte("\r\nDTSTART:20260302T090000\r\n")) || bytes.Contains(out, []byte("T090000Z")) {
		t.Errorf("start is not the floating local time 09:00:\n%s", out)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	// Floating times are read in whatever zone the reader is in.
	start, _ := events[1].DateTimeStart(jakarta)
	end, _ := events[1].DateTimeEnd(jakarta)
	summary, _ := events[0].Props.Text(ical.PropSummary)
	desc, _ := events[0].Props.Text(ical.PropDescription)
	uid, _ := events[0].Props.Text(ical.PropUID)
	if start.Hour() != 13 || end.Sub(start) != 90*time.Minute || summary != "Lanskap; pasar" || desc != "Baris satu\nbaris dua" || uid != "pasar-lanskap.plan.id@example.org" {
		t.Errorf("read back: %v–%v %q %q %q", start, end, summary, desc, uid)
	}
}
