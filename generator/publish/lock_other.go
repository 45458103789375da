//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

// lockDir does nothing where advisory locks are not at hand.
func lockDir(dir string) (unlock func()) { return func() {} }
