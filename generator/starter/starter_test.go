package starter

import (
	"bytes"
	"io/fs"
	"path"
	"testing"
)

// Every language's starter has each of the English files, translated: a
// file missing would be taken from English without a word, and a copy
// left as it was would pass for a translation.
func TestEveryFileTranslated(t *testing.T) {
	english := map[string][]byte{}
	root := path.Join("files", fallback)
	err := fs.WalkDir(files, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		english[p[len(root)+1:]], err = fs.ReadFile(files, p)
		return err
	})
	if err != nil || len(english) < 6 {
		t.Fatalf("the English starter: %d files, %v", len(english), err)
	}
	for _, lang := range Languages() {
		if lang == fallback {
			continue
		}
		for name, en := range english {
			body, err := fs.ReadFile(files, path.Join("files", lang, name))
			switch {
			case err != nil:
				t.Errorf("%s: %v", lang, err)
			case bytes.Equal(body, en):
				t.Errorf("%s/%s is the English text", lang, name)
			}
		}
	}
}
