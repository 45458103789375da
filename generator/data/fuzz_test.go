package data

import (
	"testing"

	"lentera/generator/fileerr"
)

// Any bytes either decode or fail with a positioned error; never a panic.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"kind: checklist\ntitle: x\nitems: [{text: a, hint: b}]\n",
		"kind: table\ntitle: {id: a, en: b}\ncolumns: [a]\nrows: [[{money: 1e12}]]\n",
		"kind: calendar\ntitle: k\nevents: [{name: e, start: 2026-01-01, end: 2026-01-02, phases: [{name: p, start: 2026-01-01, end: 2026-01-01}]}]\n",
		"kind: plan\ntitle: p\nphases: [{weeks: [1, 2], goal: g, tasks: [t], outputs: [o]}]\n",
		"kind: [\n", "&a [*a]", "kind: table\nrows: *x\n", "",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Decode("f.yaml", "f", src, []string{"id", "en"})
		if err == nil {
			if doc == nil || doc.Kind == "" {
				t.Fatal("no error and no document")
			}
			return
		}
		if len(fileerr.All(err)) == 0 {
			t.Fatalf("error without a position: %v", err)
		}
	})
}
