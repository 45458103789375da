// Package parallel runs the items of a phase on every processor.
package parallel

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// Do calls fn(i) for i in [0, n) on one goroutine per processor and
// returns every error, in the order of i. A panic in fn becomes that item's
// error: the dev server runs builds for hours and must outlive a bug.
func Do(n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = safely(i, fn)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

func safely(i int, fn func(int) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (please report it): %v\n%s", p, debug.Stack())
		}
	}()
	return fn(i)
}
