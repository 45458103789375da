package markup

import (
	"bytes"
	"os"
	"testing"

	"github.com/alecthomas/chroma/v2/styles"
)

// highlight.css is the stylesheet chroma makes of HighlightStyle, so that
// a newer chroma's colours reach the sites.
func TestHighlightCSSIsCurrent(t *testing.T) {
	var want bytes.Buffer
	if err := codeFormatter.WriteCSS(&want, styles.Get(HighlightStyle)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("highlight.css", want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return // the one embedded is the old one until the next build
	}
	if !bytes.Equal(HighlightCSS(), want.Bytes()) {
		t.Error("highlight.css is not what chroma makes of the style: go test ./generator/markup -run HighlightCSS -update")
	}
}
