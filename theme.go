// Package lentera holds the built-in theme: the layouts and assets at the
// repository root, embedded so that the generator binary can build a site
// folder that has nothing but site.yaml and content/.
package lentera

import "embed"

// Theme is the default theme. A site's own layouts/ and assets/ override it
// file by file.
//
//go:embed layouts assets
var Theme embed.FS
