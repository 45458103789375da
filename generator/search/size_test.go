package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

// maxClientGzip is the budget for the client: 6 KB gzipped.
const maxClientGzip = 6 << 10

// TestClientSize minifies the client as the build does and checks that it
// stays within budget once gzipped.
func TestClientSize(t *testing.T) {
	src, err := os.ReadFile(clientPath)
	if err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("text/javascript", js.Minify)
	min, err := m.Bytes("text/javascript", src)
	if err != nil {
		t.Fatalf("minify: %v", err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(min)
	w.Close()
	t.Logf("search.js: %d bytes, %d minified, %d minified and gzipped", len(src), len(min), gz.Len())
	if gz.Len() > maxClientGzip {
		t.Errorf("search.js is %d bytes minified and gzipped; the budget is %d", gz.Len(), maxClientGzip)
	}
}
