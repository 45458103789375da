package render

import (
	"errors"
	"html/template"
	"strings"
	"testing"
)

// Every range runs through loop: what ranges over data works as Go's
// templates have it, and a count is bounded, and ends once the renderer is
// stopped.
func TestLoops(t *testing.T) {
	data := map[string]any{"list": []string{"a", "b"}, "map": map[string]int{"y": 2, "x": 1}, "three": any(3), "huge": any(20000), "ptr": new(int)}
	*data["ptr"].(*int) = 2
	for _, tc := range []struct{ layout, want, err string }{
		{layout: `{{range 3}}{{.}}{{end}}`, want: "012"},
		{layout: `{{range $i := 2}}[{{$i}}]{{end}}`, want: "[0][1]"},
		{layout: `{{range 0}}x{{else}}none{{end}}`, want: "none"},
		{layout: `{{range .three}}{{.}}{{end}}`, want: "012"},
		{layout: `{{range .ptr}}{{.}}{{end}}`, want: "01"},
		{layout: `{{range .list}}{{.}}{{end}}`, want: "ab"},
		{layout: `{{range $k, $v := .map}}{{$k}}{{$v}}{{end}}`, want: "x1y2"},
		{layout: `{{range .missing}}x{{else}}none{{end}}`, want: "none"},
		{layout: `{{with .list}}{{range .}}{{range 2}}.{{end}}{{end}}{{end}}`, want: "...."},
		{layout: `{{if true}}{{range 10001}}x{{end}}{{end}}`, err: "range over 10001: a layout's loop counts to 10000 at most"},
		{layout: `{{range .huge}}x{{end}}`, err: "range over 20000"},
		{layout: `{{range $i, $x := 3}}x{{end}}`, err: "more than one variable"},
	} {
		b := &binding{r: &Renderer{}}
		set := template.Must(template.New("t").Funcs(template.FuncMap{"loop": b.loop}).Parse(tc.layout))
		boundLoops(set, "t")
		checkRun(t, set, data, tc.layout, tc.want, tc.err)
	}
}

// checkRun runs set on data and checks that it writes want, or fails with
// an error that says wantErr.
func checkRun(t *testing.T, set *template.Template, data any, layout, want, wantErr string) {
	t.Helper()
	var out strings.Builder
	err := set.Execute(&out, data)
	switch {
	case wantErr != "":
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("%s: error %v, want %q", layout, err, wantErr)
		}
	case err != nil || out.String() != want:
		t.Errorf("%s: %q, %v; want %q", layout, out.String(), err, want)
	}
}

// Once the renderer is stopped, the next range or template call fails:
// work without end needs one of them at every turn.
func TestLoopStopsWithTheRenderer(t *testing.T) {
	for _, tc := range []struct{ layout, want string }{
		{`{{range $i := 100}}{{if eq $i 3}}{{stop}}{{end}}{{range 1}}{{$i}}{{end}}{{end}}`, "012"},
		{`{{define "r"}}{{if eq . 3}}{{stop}}{{end}}{{.}}{{template "r" add . 1}}{{end}}{{template "r" 0}}`, "0123"},
		{`{{define "r"}}{{stop}}[{{template "s"}}]{{end}}{{define "s"}}x{{end}}{{template "r" 0}}`, "["},
	} {
		b := &binding{r: &Renderer{}}
		set := template.Must(template.New("t").Funcs(template.FuncMap{
			"loop": b.loop,
			"add":  func(a, b int) int { return a + b },
			"stop": func() string { b.r.stopped.Store(true); return "" },
		}).Parse(tc.layout))
		boundLoops(set, "t")
		var out strings.Builder
		err := set.Execute(&out, nil)
		if !errors.Is(err, ErrStopped) || out.String() != tc.want {
			t.Errorf("%s: %q, %v; want %q and the renderer stopped", tc.layout, out.String(), err, tc.want)
		}
	}
}
