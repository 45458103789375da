// Package serve is the dev server: it builds a site, serves it from memory
// on 127.0.0.1, and builds it again on every save, telling the open pages.
//
// The pieces, in the order a save goes through them:
//
//	watch.go     fsnotify on site.yaml, content/, layouts/, assets/; folders
//	             are added as they appear, editors' scratch files ignored
//	debounce.go  a burst of events becomes one batch of site paths
//	rebuild.go   Builder.BuildPages with every path changed since the last
//	             good build, then Builder.Gather (search indexes, workbooks)
//	             unless more saves wait; a panic becomes an error
//	snapshot.go  the files of the last good build, the overlay while broken
//	events.go    Server-Sent Events: hello, reload, css, error
//	files.go     answers from the snapshot alone, never the file system
//	inject.go    the reload client and the overlay, added as pages are sent
//	overlay.go   an error as path:line:col, message and the lines around it
//	client.js    reloads keeping the scroll position, swaps stylesheets,
//	             shows the overlay
//
// The build is the same one `build` runs: the server never renders a page
// itself. docs/serve.md is the user's manual.
package serve
