package render

import (
	"testing"
	"time"

	"lentera"
)

func TestFormats(t *testing.T) {
	ui, _, err := loadStrings(lentera.Theme, nil, []string{"id", "en"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := ui.strings
	id, en := newFormatter("id", all["id"]), newFormatter("en", all["en"])
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{id.Date(day), "27 November 2026"},
		{en.Date(day), "27 November 2026"},
		{id.Date(day.AddDate(0, -9, 0)), "27 Februari 2026"},
		{id.Money(528.6e12), "Rp528,6 triliun"},
		{en.Money(528.6e12), "IDR 528.6 trillion"},
		{id.Money(100e12), "Rp100 triliun"},
		{id.Money(2.5e9), "Rp2,5 miliar"},
		{en.Money(250000), "IDR 250,000"},
		{id.Money(250000), "Rp250.000"},
		{id.Number(1234.5), "1.234,5"},
		{en.Number(1234.5), "1,234.5"},
		{id.Percent(40), "40%"},
		{id.Integer(2000), "2.000"},
		{id.Duration(90 * time.Minute), "1 jam 30 menit"},
		{en.Duration(45 * time.Minute), "45 min"},
		{en.Duration(2 * time.Hour), "2 h"},
		{id.DateRange(time.Date(2026, 2, 18, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 19, 0, 0, 0, 0, time.UTC)), "18 Februari – 19 Maret 2026"},
		{en.DateRange(time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC)), "20–21 March 2026"},
		{en.DateRange(time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)), "30 December 2026 – 2 January 2027"},
		{en.DateRange(day, day), "27 November 2026"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
