//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"
	"syscall"
)

// folderOf is the identity of the folder at p: its device and inode,
// which go with it when it is renamed or exchanged.
func folderOf(p string) Folder {
	fi, err := os.Lstat(p)
	if err != nil || !fi.IsDir() {
		return Folder{}
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Folder{}
	}
	return Folder{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}
}
