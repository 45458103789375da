// Package bench holds what measures and checks search end to end: it builds
// a real site with the generator, serves it on 127.0.0.1 and drives the
// shipped client in headless Chromium.
//
// Relevance (runs with go test ./..., skips without Chromium):
//
//	go test ./generator/search/bench -run TestRelevance -v
//
// Side by side with Pagefind 1.6 on the synthetic 2 x N-chapter corpus
// (needs python3, npm and Chromium; installs pagefind@1.6.0 with npm into
// $LENTERA_BENCH_DIR, default $TMPDIR/lentera-bench):
//
//	go test ./generator/search/bench -run TestCompare -v -timeout 30m -args -compare -n 1000
//
// Chromium is found, started and given the built site by
// generator/internal/browser: $CHROMIUM, then chromium, chromium-browser,
// google-chrome and google-chrome-stable on $PATH. Without it the browser
// tests skip, saying so, and fail instead under CI; the comparison, asked
// for by name, fails.
package bench
