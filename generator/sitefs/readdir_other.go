//go:build !unix

package sitefs

import "io/fs"

// readDir lists folder name, which check found a folder.
func (f *FS) readDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.base, name) }
