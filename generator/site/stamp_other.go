//go:build !linux

package site

import "io/fs"

// stampOf gives no stamp outside Linux, where the change time is not
// read: every page file is read on every run.
func stampOf(fs.FileInfo) (Stamp, bool) { return Stamp{}, false }
