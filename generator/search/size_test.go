package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

// maxClientGzip is the budget for the client: 6 KB gzipped.
const maxClientGzip = 6 << 10

// TestClientSize minifies the client as a search page carries it, with
// each language's stemmer, and checks that it stays within budget once
// gzipped.
func TestClientSize(t *testing.T) {
	m := minify.New()
	m.AddFunc("text/javascript", js.Minify)
	for _, lang := range []string{"id", "en", "es"} {
		var all []byte
		for _, name := range ClientScripts(lang) {
			src, err := os.ReadFile(filepath.Join(filepath.Dir(clientPath), name))
			if err != nil {
				t.Fatal(err)
			}
			min, err := m.Bytes("text/javascript", src)
			if err != nil {
				t.Fatalf("minify %s: %v", name, err)
			}
			all = append(append(all, min...), ';')
		}
		var gz bytes.Buffer
		w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		w.Write(all)
		w.Close()
		t.Logf("%s: %d bytes minified, %d minified and gzipped", lang, len(all), gz.Len())
		if gz.Len() > maxClientGzip {
			t.Errorf("the %s client is %d bytes minified and gzipped; the budget is %d", lang, gz.Len(), maxClientGzip)
		}
	}
}
