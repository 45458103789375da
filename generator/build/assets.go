package build

import (
	"io/fs"
	"path"

	"lentera/generator/fileerr"
	"lentera/generator/markup"
	"lentera/generator/offline"
	"lentera/generator/publish"
)

// AssetsDir holds stylesheets, scripts and images of the theme and site.
const AssetsDir = "assets"

// Every page loads one stylesheet, site.css: the files in assets/css/ in
// name order, then the rules for highlighted code. Features and sites add
// their rules as files of their own there, and still cost one request.
const (
	stylesheet = "site.css"
	cssDir     = AssetsDir + "/css"
)

// assets minifies and fingerprints every file under assets/. It returns the
// files and, for layouts, each asset's name mapped to its site path. Assets
// are part of the theme key, so they are reused while it holds; else they
// are those made ahead, if they were.
func (b *Builder) assets(fsys fs.FS, theme uint64, ahead *ahead) (assetsEntry, error) {
	if b.cache.assets.key == theme && b.cache.assets.urls != nil {
		return b.cache.assets, nil
	}
	files, urls, made, err := ahead.assets()
	if !made {
		files, urls, err = b.buildAssets(fsys)
	}
	return assetsEntry{key: theme, files: files, urls: urls}, err
}

func (b *Builder) buildAssets(fsys fs.FS) ([]publish.File, map[string]string, error) {
	var files []publish.File
	urls := map[string]string{}
	add := func(name string, body []byte, src string) error {
		body, err := b.minifyAsset(name, body, src)
		if err != nil {
			return err
		}
		out := path.Join(AssetsDir, publish.Fingerprint(name, body))
		files = append(files, publish.File{Path: out, Body: body})
		urls[name] = "/" + out
		return nil
	}
	var css []byte
	err := fs.WalkDir(fsys, AssetsDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fileerr.New(p, 0, 0, err)
		}
		if e.IsDir() {
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fileerr.New(p, 0, 0, err)
		}
		if path.Dir(p) == cssDir {
			css = append(append(css, body...), '\n')
			return nil
		}
		return add(p[len(AssetsDir)+1:], body, p)
	})
	if err != nil {
		return nil, nil, err
	}
	// The home-screen icons are drawn here, not kept as files.
	for _, size := range offline.IconSizes {
		if err := add(iconName(size), offline.Icon(size), AssetsDir); err != nil {
			return nil, nil, err
		}
	}
	return files, urls, add(stylesheet, append(css, markup.HighlightCSS()...), cssDir)
}

func (b *Builder) minifyAsset(name string, body []byte, src string) ([]byte, error) {
	if b.opts.NoMinify {
		return body, nil
	}
	min, err := b.minify.Minify(name, body)
	if err != nil {
		return nil, fileerr.New(src, 0, 0, err)
	}
	return min, nil
}
