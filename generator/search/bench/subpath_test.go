package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/browser/browsertest"
)

// TestSearchUnderSubPath publishes a small site under /kursus/ (its baseURL
// has that path) and searches it there: the client must read the index next
// to its page, and results must link under the sub-path.
func TestSearchUnderSubPath(t *testing.T) {
	b := startBrowser(t, "builds a site and starts Chromium")
	site := t.TempDir()
	files := map[string]string{
		"site.yaml":            "title: {id: Kursus, en: Course}\nlanguages: [id, en]\nbaseURL: https://example.org/kursus/\n",
		"content/id/_index.md": "---\ntitle: Beranda\n---\n\nSelamat datang.\n",
		"content/en/_index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
		"content/id/harga.md":  "---\ntitle: Strategi harga\n---\n\n## Diskon {#diskon}\n\nMemasarkan produk dengan diskon kecil.\n",
		"content/en/harga.md":  "---\ntitle: Pricing strategy\n---\n\n## Discounts {#diskon}\n\nMarketing products with small discounts.\n",
	}
	for name, body := range files {
		if err := writeFile(filepath.Join(site, filepath.FromSlash(name)), []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	if _, err := BuildSite(context.Background(), site, filepath.Join(root, "kursus")); err != nil {
		t.Fatalf("build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "kursus", "id", "search", "index.json")); err != nil {
		t.Fatalf("no index: %v", err)
	}
	srv := browsertest.Serve(t, root, host...)
	ctx, cancel := b.Fresh()
	defer cancel()
	openSearch(t, ctx, srv.URL+"/kursus/id/search/?q=pemasaran")
	links := resultLinks(t, ctx)
	if len(links) != 1 || !strings.HasPrefix(links[0], "/kursus/id/harga/") {
		t.Errorf("under /kursus/: got %v, want /kursus/id/harga/...", links)
	}
}
