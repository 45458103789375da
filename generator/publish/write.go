package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Write makes dir hold exactly files. They are written to a new folder beside
// dir, which takes dir's place only once every file is written: a build that
// fails leaves dir as it was, and files of removed pages do not linger.
func Write(dir string, files []File) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := writeAll(tmp, files); err != nil {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	return swap(dir, tmp)
}

// swap puts folder next in the place of dir.
func swap(dir, next string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		parent, base := filepath.Split(dir)
		if parent == "" {
			parent = "."
		}
		old, err = os.MkdirTemp(parent, "."+base+".old-")
		if err != nil {
			return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(next))
		}
		old = filepath.Join(old, base)
		if err := os.Rename(dir, old); err != nil {
			return errors.Join(fmt.Errorf("publish: move the previous output aside: %w", err), os.RemoveAll(next), os.RemoveAll(filepath.Dir(old)))
		}
	}
	if err := os.Rename(next, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("publish: %w", err)
	}
	if old != "" {
		return os.RemoveAll(filepath.Dir(old))
	}
	return nil
}

// writeAll writes files under root, a few at a time.
func writeAll(root string, files []File) error {
	work := make(chan File)
	errs := make([]error, runtime.GOMAXPROCS(0)*2)
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				if errs[w] == nil {
					errs[w] = writeFile(root, f)
				}
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

func writeFile(root string, f File) error {
	p := filepath.Join(root, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, f.Body, 0o644)
}
