package site

import (
	"bytes"
	"testing"

	"lentera/generator/fileerr"
)

// Front matter either parses or fails with a position, and the body always
// keeps the file's line count, so Markdown lines keep their numbers.
func FuzzParseFile(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: A\n---\nbody\n", "---\ntitle: A\nweight: x\n---\n", "---\n---\n", "no front matter",
		"---\ntitle: A\n---", "---\r\ntitle: A\r\n---\r\nx\r\n", "---\ntitle: [\n---\n", "---\nparams: {a: 1}\ntitle: t\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pf, err := parseFile("a.md", src, nil)
		body := pf.body
		if err != nil {
			if len(fileerr.All(err)) == 0 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		norm := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		if bytes.Count(body, []byte("\n")) != bytes.Count(norm, []byte("\n")) {
			t.Fatalf("body has %d lines, file %d", bytes.Count(body, []byte("\n")), bytes.Count(norm, []byte("\n")))
		}
	})
}
