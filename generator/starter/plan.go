package starter

import (
	"fmt"
	"strings"
)

// planYAML is the session plan's settings: days from nine to four, with a
// coffee break and lunch.
func planYAML(langs []string, all map[string]texts) string {
	var b strings.Builder
	b.WriteString("# The trainer edition's session plan: the chapters' durations laid out from\n")
	b.WriteString("# start, with these breaks; set date to get the sessions as a calendar file.\n")
	b.WriteString("plan:\n  start: \"09:00\"\n  end: \"16:00\"\n  # date: 2026-03-02\n  breaks:\n")
	fmt.Fprintf(&b, "    - {at: \"10:30\", length: 15m, title: %s}\n", text(langs, all, func(t texts) string { return t.Breaks.Coffee }))
	fmt.Fprintf(&b, "    - {at: \"12:00\", length: 1h, title: %s}\n", text(langs, all, func(t texts) string { return t.Breaks.Lunch }))
	return b.String()
}
