package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file written at the root of every output folder. A folder
// that holds it was made by a build and may be replaced by the next one; a
// folder without it is replaced only when it is empty or missing.
const Marker = ".lentera-output"

// markerText is all the marker says. It is published with the site on most
// hosts, so it names no path, person, time or version.
const markerText = `This folder is the output of lentera, a course site generator.
Each build replaces the whole folder, so files added here are lost.
Delete this file to keep lentera from replacing the folder.
`

// sourceFolders are the site folders an output folder must never be in:
// replacing one would delete what the trainer wrote.
var sourceFolders = []string{"content", "layouts", "assets"}

// CheckOut says whether out may be replaced by a build of the site in
// siteDir ("" when the site is not a folder on disk): never the site folder,
// a folder that holds it, or one inside its content/, layouts/ or assets/,
// and only a folder that is missing, empty or marked as made by a build.
// Symbolic links and ".." are resolved before paths are compared.
func CheckOut(siteDir, out string) error {
	realOut, err := resolve(out)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if siteDir != "" {
		realSite, err := resolve(siteDir)
		if err != nil {
			return fmt.Errorf("site folder %s: %w", siteDir, err)
		}
		if err := checkPlace(siteDir, realSite, out, realOut); err != nil {
			return err
		}
	}
	return checkOwned(out, realOut)
}

// checkPlace refuses an output folder that would replace the site or a
// part of it. Folders are compared by identity, not by name, so a name
// that differs only in case on a case-insensitive file system is caught.
func checkPlace(siteDir, realSite, out, realOut string) error {
	suggest := filepath.Join(siteDir, "public")
	switch {
	case sameFolder(realOut, realSite):
		return fmt.Errorf("the output folder %s is the site folder: a build replaces its output folder as a whole, which would delete the site; choose another folder, such as --out %s", out, suggest)
	case inside(realSite, realOut):
		return fmt.Errorf("the output folder %s holds the site folder %s: a build replaces its output folder as a whole, which would delete the site; choose another folder, such as --out %s", out, siteDir, suggest)
	}
	for _, name := range sourceFolders {
		if inside(realOut, filepath.Join(realSite, name)) || sameFolder(realOut, filepath.Join(realSite, name)) {
			return fmt.Errorf("the output folder %s is inside the site's %s/ folder, which holds the site's own files; choose a folder outside content/, layouts/ and assets/, such as --out %s", out, name, suggest)
		}
	}
	return nil
}

// inside says whether path lies strictly inside dir: whether a folder
// above path is dir. Both are resolved, so the folders above path are its
// real parents.
func inside(path, dir string) bool {
	for p := filepath.Dir(path); ; p = filepath.Dir(p) {
		if sameFolder(p, dir) {
			return true
		}
		if p == filepath.Dir(p) {
			return false
		}
	}
}

// sameFolder says whether a and b are one existing folder.
func sameFolder(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// checkOwned refuses a folder that holds files and no marker: it may be
// anything, and a build would delete all of it.
func checkOwned(out, realOut string) error {
	info, err := os.Lstat(realOut)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("the output folder %s is a file, not a folder; choose another --out", out)
	}
	if m, err := os.Lstat(filepath.Join(realOut, Marker)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	empty, err := isEmpty(realOut)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if !empty {
		return fmt.Errorf("the output folder %s is not empty and was not made by lentera (it has no %s file), so it was left alone; a build replaces its output folder as a whole: empty or delete it, or choose another --out", out, Marker)
	}
	return nil
}

func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// resolve makes p absolute with every symbolic link of its existing part
// resolved, in the order the system resolves them: "link/.." is the folder
// above the link's target, not the folder holding the link. The part that
// does not exist yet is appended as written.
func resolve(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		// Not filepath.Join, which would clean "link/.." away before the
		// link is resolved.
		p = wd + string(filepath.Separator) + p
	}
	var missing []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		dir, name := filepath.Split(p)
		dir = strings.TrimRight(dir, string(filepath.Separator))
		if dir == "" || dir == p {
			return filepath.Clean(p), nil
		}
		if name != "" {
			missing = append([]string{name}, missing...)
		}
		p = dir
	}
}
