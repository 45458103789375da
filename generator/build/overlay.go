package build

import (
	"errors"
	"io/fs"
	"sort"
)

// overlay is a site's layouts/ and assets/ over the theme's: a file in the
// site hides the theme's file of the same name, and folders merge.
type overlay struct {
	site  fs.FS
	theme fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.site.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.theme.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	siteEntries, siteErr := fs.ReadDir(o.site, name)
	themeEntries, themeErr := fs.ReadDir(o.theme, name)
	if siteErr != nil && themeErr != nil {
		return nil, siteErr
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range themeEntries {
		byName[e.Name()] = e
	}
	for _, e := range siteEntries {
		byName[e.Name()] = e
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Origin names where a layout or asset comes from, for messages: the site's
// path, or the theme's marked as built in.
func (o overlay) Origin(name string) string {
	if _, err := fs.Stat(o.site, name); err == nil {
		return name
	}
	return "(built-in theme) " + name
}
