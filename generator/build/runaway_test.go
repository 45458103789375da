package build

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A page whose layouts run past limits.pageTime fails the build, and the
// run left behind, a loop that writes nothing, ends soon after: in the dev
// server it would otherwise keep a processor busy until it is restarted.
// Whether the loop counts with seq, ranges over a number or calls a
// template that calls itself.
func TestRunawayLayoutEnds(t *testing.T) {
	for _, layout := range []string{
		`{{range seq 10000}}{{range seq 10000}}{{range seq 10000}}{{end}}{{end}}{{end}}`,
		`{{$n := 10000}}{{range $n}}{{range $n}}{{range $n}}{{end}}{{end}}{{end}}`,
		`{{range add 9999 1}}{{range add 9999 1}}{{range add 9999 1}}{{end}}{{end}}{{end}}`,
		`{{template "r" 0}}{{end}}{{define "r"}}{{if lt . 40}}{{template "r" add . 1}}{{template "r" add . 1}}{{end}}`,
	} {
		site := fstest.MapFS{
			"site.yaml":            {Data: []byte("title: Uji\nlanguages: [id]\nlimits: {pageTime: 200ms}\n")},
			"content/id/a.md":      {Data: []byte("---\ntitle: A\n---\nTeks.\n")},
			"layouts/chapter.html": {Data: []byte(`{{define "main"}}` + layout + `{{end}}`)},
		}
		_, err := Build(context.Background(), Options{Site: site, BuildDate: testDate})
		if err == nil || !strings.Contains(err.Error(), "ran past 200ms") {
			t.Fatalf("%s: build error %v, want the page time", layout, err)
		}
		for end := time.Now().Add(10 * time.Second); layoutsRunning(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(end) {
				t.Fatalf("%s: the layouts left behind still run 10 s after the build", layout)
			}
		}
	}
}

// layoutsRunning reports whether a goroutine runs a page's layouts.
func layoutsRunning() bool {
	buf := make([]byte, 1<<20)
	return strings.Contains(string(buf[:runtime.Stack(buf, true)]), "render.(*Renderer).within.func")
}

// Once one page runs past its time, the pages still running and those
// after stop at once. The build reports the page that ran past its limit,
// and not each page stopped because of it, which would blame the theme's
// layout where it stopped.
func TestStoppedPagesNotReported(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Uji\nlanguages: [id]\nlimits: {pageTime: 200ms}\n")},
		"layouts/chapter.html": {Data: []byte(`{{define "main"}}{{range seq 10000}}{{range seq 10000}}{{range seq 10000}}{{end}}{{end}}{{end}}{{end}}`)},
	}
	for _, name := range strings.Split("abcdefgh", "") {
		site["content/id/"+name+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + name + "\n---\nTeks.\n")}
	}
	_, err := Build(context.Background(), Options{Site: site, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "ran past 200ms") {
		t.Fatalf("build error %v, want the page time", err)
	}
	if strings.Contains(err.Error(), "stopped") {
		t.Errorf("build error reports the pages stopped after the first:\n%v", err)
	}
	for end := time.Now().Add(10 * time.Second); layoutsRunning(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("the layouts left behind still run 10 s after the build")
		}
	}
}
