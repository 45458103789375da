//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import "golang.org/x/sys/unix"

// folderOf is the identity of the folder at p: its device and inode,
// which go with it when it is renamed or exchanged, and the time it last
// changed.
func folderOf(p string) Folder {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return Folder{}
	}
	return Folder{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Changed: st.Ctim.Nano()}
}
