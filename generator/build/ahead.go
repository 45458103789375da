package build

import (
	"io/fs"

	"lentera/generator/publish"
	"lentera/generator/render"
)

// ahead is the work a build starts before the site loads, on the
// processor the loader leaves idle part of the time: the assets, when no
// cache can hold them, and the layouts, parsed unless the last build's
// renderer is at hand. Neither depends on anything the loader reads.
type ahead struct {
	done chan struct{}

	madeAssets bool
	files      []publish.File
	urls       map[string]string
	assetsErr  error

	layouts    *render.Layouts
	layoutsErr error
}

// startAhead starts what a build can do before the site loads, or
// returns nil when there is nothing.
func (b *Builder) startAhead(fsys fs.FS) *ahead {
	assets := b.cache.assets.urls == nil && b.disk.rest == nil // a first build, or one without the cache
	layouts := b.cache.renderer == nil
	if !assets && !layouts {
		return nil
	}
	a := &ahead{done: make(chan struct{}), madeAssets: assets}
	go func() {
		defer close(a.done)
		if layouts {
			a.layouts, a.layoutsErr = render.ParseLayouts(fsys, b.templateMinify())
		}
		if assets {
			a.files, a.urls, a.assetsErr = b.buildAssets(fsys)
		}
	}()
	return a
}

// wait waits for the work to end.
func (a *ahead) wait() {
	if a != nil {
		<-a.done
	}
}

// assets returns the assets, and whether they were made.
func (a *ahead) assets() ([]publish.File, map[string]string, bool, error) {
	if a == nil {
		return nil, nil, false, nil
	}
	a.wait()
	return a.files, a.urls, a.madeAssets, a.assetsErr
}

// parsed returns the layouts parsed, nil when they were not.
func (a *ahead) parsed() (*render.Layouts, error) {
	if a == nil {
		return nil, nil
	}
	a.wait()
	return a.layouts, a.layoutsErr
}

// layoutsError is why the layouts parsed ahead did not parse, for a build
// that stops before it uses them: parsed beside the rest, they are
// reported with it.
func (a *ahead) layoutsError() error {
	_, err := a.parsed()
	return phase("layouts", err)
}
