package linkcheck

import (
	"strings"
	"testing"
)

func TestIDs(t *testing.T) {
	body := []byte(`<h2 id="harga">Harga</h2><a name='lama'></a><p ID="Besar">x</p>` +
		`<span data-id="bukan">y</span><div name="bukan-a">z</div><p id="a&amp;b">`)
	got := IDs(body)
	for _, want := range []string{"harga", "lama", "Besar", "a&b"} {
		if !got[want] {
			t.Errorf("IDs lacks %q: %v", want, got)
		}
	}
	for _, not := range []string{"bukan", "bukan-a"} {
		if got[not] {
			t.Errorf("IDs has %q, which is no id: %v", not, got)
		}
	}
}

func TestCheck(t *testing.T) {
	out := Output{
		"id/a/index.html":         []byte(`<h2 id="harga-pokok">x</h2>`),
		"trainer/id/a/index.html": []byte(`<h2 id="harga-pokok">x</h2><h3 id="catatan-pelatih">y</h3>`),
		"id/fig/f.svg":            []byte(`<svg/>`),
		"id/print/index.html":     nil,
		"id/a%20b/index.html":     nil,
		"id/a b/index.html":       nil,
		"id/c/index.html":         []byte(`<h2 id="qué-editor">x</h2><h2 id="p-c%231">y</h2>`),
	}
	tests := []struct {
		link Link
		want string // "" when it passes
	}{
		{Link{Path: "/id/a/"}, ""},
		{Link{Path: "/id/a"}, ""},
		{Link{Path: "/id/a/", Fragment: "harga-pokok"}, ""},
		{Link{Path: "/id/a/", Fragment: "catatan-pelatih"}, ""},
		{Link{Path: "/id/fig/f.svg"}, ""},
		{Link{Path: "/id/print/", Fragment: "anything"}, ""},
		{Link{Path: "/id/a%20b/"}, ""},
		{Link{Path: "/id/c/", Fragment: "qu%C3%A9-editor"}, ""},
		{Link{Path: "/id/c/", Fragment: "qué-editor"}, ""},
		{Link{Path: "/id/c/", Fragment: "p-c%231"}, ""},
		{Link{Path: "/id/b/", Dest: "/id/b/"}, `dead link "/id/b/": nothing is published at /id/b/`},
		{Link{Path: "/id/a/", Fragment: "harga-pokk", Dest: "a.md#harga-pokk"}, `/id/a/ has no id "harga-pokk" (did you mean #harga-pokok?)`},
		{Link{Path: "/id/a/", Fragment: "zzz", Dest: "#zzz"}, `/id/a/ has no id "zzz"`},
	}
	for _, tt := range tests {
		tt.link.File, tt.link.Line, tt.link.Col = "content/id/x.md", 3, 7
		errs := Check([]Link{tt.link}, out, Editions{"trainer"})
		if tt.want == "" {
			if len(errs) > 0 {
				t.Errorf("%+v: %v, want it to pass", tt.link, errs)
			}
			continue
		}
		if len(errs) != 1 {
			t.Fatalf("%+v: %d errors, want 1", tt.link, len(errs))
		}
		if msg := errs[0].Error(); !strings.HasPrefix(msg, "content/id/x.md:3:7: ") || !strings.Contains(msg, tt.want) {
			t.Errorf("%+v: %v, want %q at content/id/x.md:3:7", tt.link, msg, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "abc", 0}, {"harga-pokk", "harga-pokok", 1}, {"kitten", "sitting", 3}, {"", "ab", 2}} {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
