package browser

import (
	"context"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Slow3G makes the tab's network a slow 3G connection, the one the
// reader tests and benchmarks time pages on: 400 ms round trips and
// 400 kbit/s each way.
func Slow3G(ctx context.Context) error {
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 400, DownloadThroughput: 400 * 1000 / 8, UploadThroughput: 400 * 1000 / 8}},
	})
	return err
}

// BypassWorker makes the tab's requests go around the page's service
// worker: the worker's own fetches are not slowed by Slow3G, and a timing
// of the network would time the cache instead.
func BypassWorker(ctx context.Context) error {
	_, err := chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
	return err
}
