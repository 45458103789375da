//go:build !linux && !darwin

package publish

// exchange cannot swap two folders in one step on this system.
func exchange(a, b string) error { return errNoExchange }
