package render

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// formatter writes dates, numbers and amounts the way a language writes
// them: digits grouped and decimals marked by x/text's locale data, words
// (month names, "triliun", "menit") from the language's UI strings.
type formatter struct {
	lang    string
	ui      Strings
	printer *message.Printer
}

func newFormatter(lang string, ui Strings) *formatter {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return &formatter{lang: lang, ui: ui, printer: message.NewPrinter(tag)}
}

// Date is "27 November 2026".
func (f *formatter) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + f.month(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateRange is "18 Februari – 19 Maret 2026", shortened where the two share
// a month or year, and one date when they are the same day.
func (f *formatter) DateRange(start, end time.Time) string {
	switch {
	case start.Equal(end):
		return f.Date(start)
	case start.Year() != end.Year():
		return f.Date(start) + " – " + f.Date(end)
	case start.Month() != end.Month():
		return strconv.Itoa(start.Day()) + " " + f.month(start.Month()) + " – " + f.Date(end)
	}
	return strconv.Itoa(start.Day()) + "–" + f.Date(end)
}

func (f *formatter) month(m time.Month) string {
	if s, ok := f.ui["month_"+strconv.Itoa(int(m))]; ok {
		return s
	}
	return m.String()
}

// Number groups digits and shows at most one decimal.
func (f *formatter) Number(v float64) string {
	return f.printer.Sprint(number.Decimal(v, number.MaxFractionDigits(1)))
}

// Integer groups digits.
func (f *formatter) Integer(v int) string {
	return f.printer.Sprint(number.Decimal(v))
}

// Percent is "40%".
func (f *formatter) Percent(v float64) string {
	return f.ui.format("format_percent", f.Number(v))
}

var scales = []struct {
	key   string
	value float64
}{
	{"number_trillion", 1e12},
	{"number_billion", 1e9},
	{"number_million", 1e6},
}

// Money is a rupiah amount: "Rp528,6 triliun", "IDR 528.6 trillion";
// amounts under a million in full: "Rp250.000".
func (f *formatter) Money(v float64) string {
	for _, s := range scales {
		if math.Abs(v) >= s.value {
			return f.ui.format("format_money", f.Number(v/s.value)+" "+f.ui[s.key])
		}
	}
	return f.ui.format("format_money", f.printer.Sprint(number.Decimal(v, number.MaxFractionDigits(0))))
}

// Duration is "1 jam 30 menit", "45 min".
func (f *formatter) Duration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	var parts []string
	if h > 0 {
		parts = append(parts, f.ui.format("format_hours", strconv.Itoa(h)))
	}
	if m > 0 || h == 0 {
		parts = append(parts, f.ui.format("format_minutes", strconv.Itoa(m)))
	}
	return strings.Join(parts, " ")
}
