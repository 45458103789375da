//go:build !linux

package hugepage

// ReserveHeap does nothing here: pages are left to the system.
func ReserveHeap(size int) bool { return false }
