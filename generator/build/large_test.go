package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// A 20 MB chapter of ordinary Markdown builds once limits.textFile allows
// it, and is refused, by name, under the default limit.
func TestLargeChapter(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds a 20 MB chapter; slow under -short and -race")
	}
	var b strings.Builder
	b.WriteString("---\ntitle: Besar\n---\n")
	for i := 0; b.Len() < 20<<20; i++ {
		switch {
		case i%20 == 0:
			fmt.Fprintf(&b, "## Bagian %d\n\n", i)
		case i%7 == 0:
			b.WriteString("- satu dua tiga\n- empat lima enam\n\n")
		default:
			b.WriteString(strings.Repeat("Penjual kecil belajar menjual lewat video pendek dengan cahaya yang baik. ", 8) + "\n\n")
		}
	}
	site := fstest.MapFS{
		"site.yaml":       {Data: []byte("title: Uji\nlanguages: [id]\nlimits: {textFile: 32MB}\n")},
		"content/id/a.md": {Data: []byte(b.String())},
	}
	res, err := Build(context.Background(), Options{Site: site, BuildDate: testDate})
	if err != nil {
		t.Fatalf("a 20 MB chapter with limits.textFile 32MB: %v", err)
	}
	found := false
	for _, f := range res.Files {
		if f.Path == "id/a/index.html" {
			found = len(f.Body) > 20<<20 && strings.Contains(string(f.Body), "Bagian 1000")
		}
	}
	if !found {
		t.Error("the chapter's page is missing or short")
	}
	site["site.yaml"] = &fstest.MapFile{Data: []byte("title: Uji\nlanguages: [id]\n")}
	_, err = Build(context.Background(), Options{Site: site, BuildDate: testDate})
	if err == nil || !strings.Contains(err.Error(), "content/id/a.md: is 20.0MB, over the limit of 16MB for text files") {
		t.Errorf("under the default limit: %v", err)
	}
}
