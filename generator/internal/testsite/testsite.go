// Package testsite writes the small sites and files that tests in every
// package build and read.
package testsite

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFile writes one file, named by a slash-separated path, under dir,
// making its folders.
func WriteFile(t testing.TB, dir, name string, body []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Write writes files under dir.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		WriteFile(t, dir, name, []byte(body))
	}
}

// New writes files into a new temporary folder and returns it.
func New(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, files)
	return dir
}

// Root is the repository's root, the folder holding go.mod above the
// working directory: the bundled playbook.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the test's folder")
		}
		dir = up
	}
}

// Course is a bilingual site of n chapters per language, in sections of
// ten, each a few paragraphs with a heading, a list and links: big enough
// that a build takes a while, for tests of what happens meanwhile.
func Course(n int) map[string]string {
	files := map[string]string{
		"site.yaml":            "title: {id: Kursus, en: Course}\nlanguages: [id, en]\n",
		"content/id/_index.md": "---\ntitle: Beranda\n---\nSelamat datang.\n",
		"content/en/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
	}
	words := map[string][]string{
		"id": {"jualan", "video", "pendek", "pelanggan", "harga", "stok", "toko", "siaran", "ongkir", "ulasan"},
		"en": {"selling", "video", "short", "customer", "price", "stock", "shop", "stream", "shipping", "review"},
	}
	for lang, w := range words {
		for s := range (n + 9) / 10 {
			files[fmt.Sprintf("content/%s/s%02d/_index.md", lang, s)] = fmt.Sprintf("---\ntitle: %s %d\nweight: %d\n---\n", w[s%10], s, s+1)
		}
		for i := range n {
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: %s %d\nweight: %d\n---\n\n", w[i%10], i, i%10+1)
			for p := range 6 {
				fmt.Fprintf(&b, "## %s %d\n\n", w[(i+p)%10], p)
				for k := range 40 {
					b.WriteString(w[(i*7+p*3+k)%10])
					b.WriteByte(' ')
				}
				b.WriteString("\n\n- " + w[p] + "\n- " + w[p+1] + "\n\n")
			}
			if i+1 < n && (i+1)%10 != 0 {
				fmt.Fprintf(&b, "[%s](c%03d.md)\n", w[0], i+1)
			}
			files[fmt.Sprintf("content/%s/s%02d/c%03d.md", lang, i/10, i)] = b.String()
		}
	}
	return files
}

// Hashes maps every file under dir, by slash-separated path from dir, to
// a SHA-256 of its content; a file that is not regular (a link, a pipe) to
// one of its type, so that it is never opened. A missing dir has no files.
// Compare two with maps.Equal.
func Hashes(t testing.TB, dir string) map[string][sha256.Size]byte {
	t.Helper()
	files := map[string][sha256.Size]byte{}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return files
	}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if !e.Type().IsRegular() {
			files[filepath.ToSlash(rel)] = sha256.Sum256([]byte(e.Type().String()))
			return nil
		}
		body, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = sha256.Sum256(body)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}
