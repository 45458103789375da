package site

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/internal/wire"
)

// Every field of Meta but Params survives the build cache: a field added
// to Meta and not to its encoding fails here, since each is set.
func TestFrontMattersRoundTrip(t *testing.T) {
	var m Meta
	v := reflect.ValueOf(&m).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case v.Type().Field(i).Name == "Params":
		case f.Kind() == reflect.String:
			f.SetString(v.Type().Field(i).Name)
		case f.Kind() == reflect.Int, f.Kind() == reflect.Int64:
			f.SetInt(int64(i + 1))
		case f.Kind() == reflect.Bool:
			f.SetBool(true)
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.ValueOf([]string{"a", "b"}))
		default:
			t.Fatalf("Meta.%s is of a kind the test cannot set: encode it and set it here", v.Type().Field(i).Name)
		}
	}
	w := wire.NewWriter(nil)
	FrontMatters{7: m}.Encode(w)
	r := wire.NewReader(w.Bytes())
	got := DecodeFrontMatters(r)
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, FrontMatters{7: m}) {
		t.Errorf("decoded %+v, want %+v", got[7], m)
	}
}

// A loader takes front matter it was given by its text rather than parse
// it, and hands back the front matter of its pages, but for params.
func TestLoaderRemembersFrontMatter(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":               {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md":    {Data: []byte("---\ntitle: Beranda\n---\n")},
		"content/id/satu.md":      {Data: []byte("---\ntitle: Satu\nweight: 2\n---\nTeks.\n")},
		"content/id/parameter.md": {Data: []byte("---\ntitle: Parameter\nparams: {a: 1}\n---\n")},
	}
	var first Loader
	if _, err := first.Load(fsys, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	fronts := first.FrontMatters()
	if len(fronts) != 2 {
		t.Fatalf("%d front matters kept, want the two without params: %v", len(fronts), fronts)
	}
	for k, m := range fronts {
		if m.Title == "Satu" {
			m.Title = "Satu, dari cache"
			fronts[k] = m
		}
	}
	var next Loader
	next.Remember(fronts)
	s, err := next.Load(fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.PageOf("content/id/satu.md"); p == nil || p.Meta.Title != "Satu, dari cache" || p.Meta.Weight != 2 {
		t.Errorf("the remembered front matter was not taken: %+v", p)
	}
	if p := s.PageOf("content/id/parameter.md"); p == nil || p.Meta.Params["a"] != 1 {
		t.Errorf("front matter with params was not parsed: %+v", p)
	}
}

// A loader that let go of the pages' text still hands back their front
// matter, and its next load reads every page again, the unchanged ones
// too, rather than give them no text.
func TestLoaderAfterLettingGoOfBodies(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Kursus\nlanguages: [id]\n")},
		"content/id/_index.md": {Data: []byte("---\ntitle: Beranda\n---\nSelamat datang.\n")},
		"content/id/satu.md":   {Data: []byte("---\ntitle: Satu\n---\nTeks satu.\n")},
		"content/id/dua.md":    {Data: []byte("---\ntitle: Dua\n---\nTeks dua.\n")},
	}
	var l Loader
	if _, err := l.Load(fsys, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	l.LetGoOfBodies()
	if n := len(l.FrontMatters()); n != 3 {
		t.Errorf("%d front matters after letting go of the text, want 3", n)
	}
	fsys["content/id/dua.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Dua\n---\nTeks dua, diubah.\n")}
	s, err := l.Load(fsys, Options{}, map[string]bool{"content/id/dua.md": true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"content/id/_index.md": "Selamat datang.\n", "content/id/satu.md": "Teks satu.\n", "content/id/dua.md": "Teks dua, diubah.\n"}
	for file, text := range want {
		// The front matter's lines stay as blanks, for line numbers.
		if p := s.PageOf(file); p == nil || strings.TrimSpace(string(p.Source)) != strings.TrimSpace(text) {
			t.Errorf("%s: text %q after letting go, want %q", file, pageSource(p), text)
		}
	}
}

func pageSource(p *Page) string {
	if p == nil {
		return "(no page)"
	}
	return string(p.Source)
}
