package render

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"lentera/generator/site"
)

// The layouts' print functions give what Go's give, and refuse to pad
// past maxPad or to make more text than a page may hold.
func TestPrintIsBounded(t *testing.T) {
	for _, tc := range []struct{ layout, want, err string }{
		{layout: `{{printf "%05d|%-4s|%.2f|%x" 7 "a" 3.14159 255}}`, want: "00007|a   |3.14|ff"},
		{layout: `{{printf "%[2]s %[1]s" "a" "b"}}`, want: "b a"},
		{layout: `{{printf "%*d|%%d|%.0f" 3 7 2.5}}`, want: "  7|%d|2"},
		{layout: `{{print "a" 1 "b"}}|{{println "x"}}`, want: "a1b|x\n"},
		{layout: `{{printf "%1000d" 1 | len}}`, want: "1000"},
		{layout: `{{printf "%01000000d" 1}}`, err: `printf "%01000000d": a width or precision of 1000000, where printf pads to 1000 at most`},
		{layout: `{{printf "%.5000f" 1.0}}`, err: "a width or precision of 5000"},
		{layout: `{{printf "%99999999999999999999d" 1}}`, err: "a width or precision of 99999999999999999999"},
		{layout: `{{printf "%*d" 5000 1}}`, err: "a width or precision from an argument (*), and an argument of 5000"},
		{layout: `{{printf "%s%s" .big .big}}`, err: "printf would make 2.0MB of text, more than the 1.5MB a page may hold (limits.page)"},
		{layout: `{{$s := "xxxxxxxx"}}{{range seq 20}}{{$s = print $s $s}}{{end}}`, err: "print would make 2MB of text"},
		{layout: `{{$s := "xxxxxxxx"}}{{range seq 20}}{{$s = printf "%v%v" $s $s}}{{end}}`, err: "printf would make 2.0MB of text"},
	} {
		b := &binding{r: &Renderer{site: &site.Site{Config: &site.Config{PageLimit: 3 << 19}}}}
		set := template.Must(template.New("t").Funcs(template.FuncMap{"print": b.print, "printf": b.printf, "println": b.println, "seq": b.seq}).Parse(tc.layout))
		checkRun(t, set, map[string]string{"big": strings.Repeat("x", 1<<20)}, tc.layout, tc.want, tc.err)
	}
}

// A format checkPadding lets through makes no more than maxPad and a
// verb's own text for each of its characters, and the arguments it left
// over, whatever else is in it.
func FuzzPaddings(f *testing.F) {
	for _, s := range []string{"%05d", "%-20s|%.2f", "%[2]*[1]d", "%01000000d", "%.5000f", "%%%d", "%#+ 0x", "%9999999999999999999999d", "100%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		args := []any{12345, "abc", 1.5, 999}
		if len(format) > 200 || checkPadding(format, args) != nil {
			return
		}
		if n := len(fmt.Sprintf(format, args...)); n > 100+len(format)*(maxPad+64) {
			t.Errorf("%q made %d bytes", format, n)
		}
	})
}
