package check

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// Formats are the ways a report can be written.
var Formats = []string{"text", "json", "github"}

// Write writes the report in format.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "text":
		return r.text(w)
	case "json":
		return r.json(w)
	case "github":
		return r.github(w)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, ", "))
}

// text is one line per finding, as editors and terminals read them, then
// the notes and a count.
func (r *Report) text(w io.Writer) error {
	for _, f := range r.Findings {
		fmt.Fprintln(w, f)
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	_, err := fmt.Fprintf(w, "%d %s, %d %s\n", r.Errors(), plural(r.Errors(), "error", "errors"), r.Warnings(), plural(r.Warnings(), "warning", "warnings"))
	return err
}

type jsonFinding struct {
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Message  string `json:"message"`
}

func (r *Report) json(w io.Writer) error {
	out := struct {
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
		Findings []jsonFinding `json:"findings"`
		Notes    []string      `json:"notes"`
	}{Errors: r.Errors(), Warnings: r.Warnings(), Findings: []jsonFinding{}, Notes: r.Notes}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{f.Severity.String(), filepath.ToSlash(f.Path), f.Line, f.Col, f.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// github writes workflow commands, which put each finding on its line in
// a pull request's changed files: "::error file=a.md,line=3,col=1::…".
func (r *Report) github(w io.Writer) error {
	for _, f := range r.Findings {
		var props []string
		if f.Path != "" {
			props = append(props, "file="+escapeProperty(filepath.ToSlash(f.Path)))
		}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
		}
		if f.Col > 0 {
			props = append(props, "col="+strconv.Itoa(f.Col))
		}
		cmd := "::" + f.Severity.String()
		if len(props) > 0 {
			cmd += " " + strings.Join(props, ",")
		}
		fmt.Fprintln(w, cmd+"::"+escapeData(f.Message))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "::notice::"+escapeData(n))
	}
	return nil
}

// escapeData and escapeProperty keep a message or a path from being read
// as part of the workflow command: the runner decodes these escapes.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
