package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"regexp"
	"strings"
	"testing"

	"lentera/generator/site"
)

// The bundled playbook builds cleanly and is what the issue asks of it.
func TestBundledPlaybook(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate})
	if err != nil {
		t.Fatalf("the bundled site does not build:\n%s", errorLines(err))
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	for _, lang := range res.Site.Languages {
		if n := len(lang.Chapters); n < 12 {
			t.Errorf("%s has %d chapters, want at least 12", lang.Code, n)
		}
		for _, p := range lang.Chapters {
			if p.Meta.Description == "" || len(p.Meta.Objectives) == 0 || p.Meta.Duration == 0 {
				t.Errorf("%s lacks a description, objectives or a duration", p.File)
			}
			if p.Translation(otherLang(res.Site, lang.Code)) == nil {
				t.Errorf("%s has no translation", p.File)
			}
		}
	}
}

func otherLang(s *site.Site, code string) string {
	for _, l := range s.Languages {
		if l.Code != code {
			return l.Code
		}
	}
	return code
}

var linked = regexp.MustCompile(`(?:href|src)="(/assets/[^"]+\.(?:css|js))"`)

// A chapter costs a reader on a metered connection at most 30 KB gzipped,
// with the stylesheet and scripts it loads.
func TestChapterWeight(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate})
	if err != nil {
		t.Fatal(err)
	}
	files := byPath(res.Files)
	heaviest, most := "", 0
	for _, lang := range res.Site.Languages {
		for _, p := range lang.Chapters {
			path := strings.TrimPrefix(p.URL, "/") + "index.html"
			total := gzipSize(t, files[path])
			for _, m := range linked.FindAllStringSubmatch(string(files[path]), -1) {
				asset, ok := files[strings.TrimPrefix(m[1], "/")]
				if !ok {
					t.Errorf("%s links %s, which is not built", path, m[1])
				}
				total += gzipSize(t, asset)
			}
			if total > most {
				heaviest, most = path, total
			}
		}
	}
	t.Logf("heaviest chapter: %s, %.1f KB gzipped with its CSS and JS", heaviest, float64(most)/1024)
	if most > 30*1024 {
		t.Errorf("%s weighs %d bytes gzipped, over 30 KB", heaviest, most)
	}
}

func gzipSize(t *testing.T, b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Len()
}
