package browser

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// WaitFor waits until the JavaScript expression condition is truthy in the
// tab's page, checking at every animation frame, for at most timeout. A
// navigation while it waits ends the wait with an error.
func WaitFor(tab context.Context, condition string, timeout time.Duration) error {
	_, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](condition, chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		return fmt.Errorf("wait %v for %s: %w", timeout, condition, err)
	}
	return nil
}
