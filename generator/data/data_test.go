package data

import (
	"strings"
	"testing"
	"time"
)

var langs = []string{"id", "en"}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"no kind", "title: x\n", "d.yaml:1:1: data file has no kind key"},
		{"unknown kind", "kind: quizz\ntitle: x\n", `d.yaml:1:7: unknown data kind "quizz"`},
		{"unknown field", "kind: checklist\ntitle: x\nitems: [{text: a}]\ncolour: red\n", `d.yaml:4:1: unknown key "colour" in checklist file`},
		{"missing title", "kind: checklist\nitems: [{text: a}]\n", `d.yaml:1:1: checklist file is missing the required key "title"`},
		{"item without text", "kind: checklist\ntitle: x\nitems:\n  - hint: h\n", `d.yaml:4:5: a checklist item is missing the required key "text"`},
		{"no items", "kind: checklist\ntitle: x\n", "d.yaml:1:1: checklist needs items"},
		{"duplicate id", "kind: checklist\ntitle: x\nitems:\n  - {id: a, text: 1}\n  - {id: a, text: 2}\n", `d.yaml:5:1: checklist item id "a" is used twice`},
		{"bad id", "kind: checklist\ntitle: x\nitems: [{id: Big One, text: a}]\n", `d.yaml:3:14: id "Big One" must be lowercase`},
		{"wrong type", "kind: table\ntitle: x\ncolumns: a\nrows: []\n", "d.yaml:3:10: columns must be a list, not \"a\""},
		{"row length", "kind: table\ntitle: x\ncolumns: [a, b]\nrows:\n  - [1]\n", "d.yaml:5:5: row has 1 cells but the table has 2 columns"},
		{"bad date", "kind: calendar\ntitle: x\nevents:\n  - {name: e, start: 2026-02-30, end: 2026-03-01}\n", `d.yaml:4:22: expected a date written YYYY-MM-DD, found "2026-02-30"`},
		{"end before start", "kind: calendar\ntitle: x\nevents:\n  - name: e\n    start: 2026-03-02\n    end: 2026-03-01\n", "d.yaml:6:10: end 2026-03-01 is before start 2026-03-02"},
		{"phase end before start", "kind: calendar\ntitle: x\nevents:\n  - name: e\n    start: 2026-03-01\n    end: 2026-03-09\n    phases:\n      - {name: p, start: 2026-03-05, end: 2026-03-04}\n", "d.yaml:8:43: end 2026-03-04 is before start 2026-03-05"},
		{"budget range", "kind: calendar\ntitle: x\nevents:\n  - name: e\n    start: 2026-03-01\n    end: 2026-03-09\n    phases: [{name: p, start: 2026-03-01, end: 2026-03-02, budget: 150}]\n", "budget is a percentage from 0 to 100"},
		{"week zero", "kind: plan\ntitle: x\nphases: [{weeks: [0, 1], goal: g}]\n", "d.yaml:3:19: week numbers start at 1"},
		{"week text", "kind: plan\ntitle: x\nphases: [{weeks: soon, goal: g}]\n", `d.yaml:3:18: expected a whole number, found "soon"`},
		{"missing default language", "kind: plan\ntitle: {en: Plan}\nphases: [{weeks: 1, goal: g}]\n", `d.yaml:2:8: translated text has no "id" entry`},
		{"unknown language", "kind: plan\ntitle: {id: a, fr: b}\nphases: [{weeks: 1, goal: g}]\n", `d.yaml:2:16: unknown key "fr" in a translated text`},
		{"quiz without questions", "kind: quiz\ntitle: x\nquestions: []\n", "d.yaml:1:1: quiz needs questions"},
		{"quiz no correct answer", "kind: quiz\ntitle: x\nquestions:\n  - text: q\n    options:\n      - text: a\n      - text: b\n", "d.yaml:6:7: no option is marked correct: true"},
		{"quiz single with two correct", "kind: quiz\ntitle: x\nquestions:\n  - text: q\n    options: [{text: a, correct: true}, {text: b, correct: true}]\n", "d.yaml:5:14: a single-choice question has 2 correct options"},
		{"quiz duplicate id", "kind: quiz\ntitle: x\nquestions:\n  - {id: a, type: truefalse, text: q, answer: true}\n  - {id: a, type: truefalse, text: r, answer: false}\n", `d.yaml:5:5: question id "a" is used twice`},
		{"quiz unknown key", "kind: quiz\ntitle: x\nquestions:\n  - type: truefalse\n    text: q\n    answr: true\n", `d.yaml:6:5: unknown key "answr" in a question`},
		{"quiz unknown type", "kind: quiz\ntitle: x\nquestions:\n  - {type: essay, text: q}\n", `d.yaml:4:12: unknown question type "essay"`},
		{"quiz truefalse without answer", "kind: quiz\ntitle: x\nquestions:\n  - {type: truefalse, text: q}\n", `d.yaml:4:5: a true/false question is missing the required key "answer"`},
		{"quiz truefalse with options", "kind: quiz\ntitle: x\nquestions:\n  - {type: truefalse, text: q, answer: true, options: [{text: a}]}\n", "d.yaml:4:55: a true/false question has no options"},
		{"quiz one option", "kind: quiz\ntitle: x\nquestions:\n  - {text: q, options: [{text: a, correct: true}]}\n", "d.yaml:4:24: a question needs at least two options"},
		{"quiz answer on choices", "kind: quiz\ntitle: x\nquestions:\n  - {text: q, answer: true, options: [{text: a, correct: true}, {text: b}]}\n", "d.yaml:4:23: answer is for true/false questions"},
		{"glossary duplicate", "kind: glossary\ntitle: x\nterms:\n  - {term: Hook, definition: a}\n  - {term: hook, definition: b}\n", `d.yaml:5:5: glossary term "hook" is used twice`},
		{"glossary missing definition", "kind: glossary\ntitle: x\nterms:\n  - {term: Hook}\n", `d.yaml:4:5: a glossary term is missing the required key "definition"`},
		{"glossary forms language", "kind: glossary\ntitle: x\nterms:\n  - {term: Hook, definition: a, forms: {fr: [hooks]}}\n", `d.yaml:4:41: unknown key "fr" in forms per language`},
		{"syntax", "kind: plan\ntitle: [x\n", "d.yaml:2: invalid YAML"},
		{"not a mapping", "- a\n- b\n", "d.yaml:1:1: a data file must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("d.yaml", "d", []byte(tt.yaml), langs)
			if err == nil {
				t.Fatalf("decoded without error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, tt.want)
			}
		})
	}
}

func TestDecodeAllErrorsAtOnce(t *testing.T) {
	_, err := Decode("d.yaml", "d", []byte("kind: checklist\ntitle: x\nitems:\n  - {hint: a}\n  - {text: b, colour: c}\n"), langs)
	if err == nil || strings.Count(err.Error(), "d.yaml:") != 2 {
		t.Errorf("want two errors, one per bad item; got %v", err)
	}
}

func TestTextFallsBackToDefaultLanguage(t *testing.T) {
	doc, err := Decode("d.yaml", "d", []byte("kind: checklist\ntitle: {id: Daftar, en: List}\nitems:\n  - text: {id: Satu}\n  - text: Dua\n"), langs)
	if err != nil {
		t.Fatal(err)
	}
	items := doc.Checklist.Items()
	for _, tt := range []struct{ got, want string }{
		{doc.Title.In("en", "id"), "List"},
		{items[0].Text.In("en", "id"), "Satu"},
		{items[1].Text.In("en", "id"), "Dua"},
		{items[0].ID, "1"},
		{items[1].ID, "2"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if items[0].Text.Has("en") || !items[1].Text.Has("en") {
		t.Error("Has: a per-language text lacks en; a plain text has every language")
	}
}

func TestCalendarOrderAndNext(t *testing.T) {
	doc, err := Decode("d.yaml", "d", []byte(`kind: calendar
title: K
events:
  - {name: "12.12", start: 2026-12-12, end: 2026-12-12}
  - {name: Ramadan, start: 2026-02-18, end: 2026-03-19}
  - {name: "11.11", start: 2026-11-11, end: 2026-11-11}
`), langs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range doc.Calendar.Events {
		names = append(names, e.Name.In("id", "id"))
	}
	if got := strings.Join(names, " "); got != "Ramadan 11.11 12.12" {
		t.Errorf("events in order %q", got)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tt := range []struct{ today, want string }{
		{"2026-01-01", "Ramadan"},
		{"2026-03-19", "Ramadan"}, // its last day is still upcoming
		{"2026-03-20", "11.11"},
		{"2026-11-27", "12.12"},
	} {
		if got := doc.Calendar.Next(day(tt.today)); got == nil || got.Name.In("id", "id") != tt.want {
			t.Errorf("Next(%s) = %v, want %s", tt.today, got, tt.want)
		}
	}
	if doc.Calendar.Next(day("2027-01-01")) != nil {
		t.Error("Next after the last event should be nil")
	}
}

func TestTableCells(t *testing.T) {
	doc, err := Decode("d.yaml", "d", []byte(`kind: table
title: T
columns: [a, b, c, d, e]
rows:
  - [{id: Satu, en: One}, {money: 528.6e12}, {percent: 40}, {date: 2026-03-20}, {number: 3}]
`), langs)
	if err != nil {
		t.Fatal(err)
	}
	row := doc.Table.Rows[0]
	kinds := []CellKind{CellText, CellMoney, CellPercent, CellDate, CellNumber}
	for i, k := range kinds {
		if row[i].Kind != k {
			t.Errorf("cell %d kind %q, want %q", i, row[i].Kind, k)
		}
	}
	if row[1].Number != 528.6e12 || row[0].Text.In("en", "id") != "One" {
		t.Errorf("cells decoded as %+v", row)
	}
}

func TestQuizTrueFalseOptions(t *testing.T) {
	doc, err := Decode("d.yaml", "d", []byte("kind: quiz\ntitle: K\nquestions:\n  - type: truefalse\n    text: {id: Benar, en: True}\n    answer: false\n    feedback: {true: {id: Bukan, en: No}}\n"), langs)
	if err != nil {
		t.Fatal(err)
	}
	q := doc.Quiz.Questions[0]
	if q.ID != "1" || len(q.Options) != 2 || q.Options[0].Key != "quiz_true" || q.Options[0].Correct || !q.Options[1].Correct {
		t.Errorf("true/false question decoded as %+v", q)
	}
	if got := q.Options[0].Feedback.In("en", "id"); got != "No" {
		t.Errorf("feedback on true: %q", got)
	}
	if got := q.Correct(); len(got) != 1 || got[0] != 1 {
		t.Errorf("Correct() = %v, want [1]", got)
	}
}

func TestGlossaryNames(t *testing.T) {
	doc, err := Decode("d.yaml", "d", []byte("kind: glossary\ntitle: G\nterms:\n  - term: {id: Omzet, en: Revenue}\n    definition: x\n    synonyms: [turnover]\n    forms: {id: [omzetnya]}\n"), langs)
	if err != nil {
		t.Fatal(err)
	}
	term := doc.Glossary.Terms[0]
	if term.ID != "omzet" {
		t.Errorf("id %q, want omzet", term.ID)
	}
	if got := strings.Join(term.Names("en", "id"), ","); got != "Revenue,turnover" {
		t.Errorf("English names %q", got)
	}
	if got := strings.Join(term.Names("id", "id"), ","); got != "Omzet,turnover,omzetnya" {
		t.Errorf("Indonesian names %q", got)
	}
}

// A YAML problem is reported where it is: a control character YAML
// refuses, whose message from yaml.v3 has no line, and a tab that indents
// a line, which yaml.v3 puts on the line of the value before it when that
// value ends its line.
func TestYAMLProblemPlace(t *testing.T) {
	for src, want := range map[string]string{
		"kind: checklist\ntitle: C\n\titems: []\n":       "x.yaml:3: invalid YAML: found a tab character that violates indentation",
		"kind: table\n\ttitle: x\n":                      "x.yaml:2: invalid YAML: found a tab character that violates indentation",
		"kind: table\ntitle: x\nnote: y\n\n\trows: []\n": "x.yaml:5: invalid YAML: found a tab character that violates indentation",
		"title: \"a\x01b\"\n":                            "x.yaml:1:10: invalid YAML: control characters are not allowed",
		"kind: table\ntitle: x\x7f\n":                    "x.yaml:2:9: invalid YAML: control characters are not allowed",
		"kind: table\n# é\ntitle: \x1b[31m\n":            "x.yaml:3:8: invalid YAML: control characters are not allowed",
	} {
		_, err := Parse("x.yaml", []byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %s", src, err, want)
		}
	}
}
