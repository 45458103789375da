package build

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"lentera/generator/internal/digest"
	"lentera/generator/offline"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// WorkerFile is the service worker of an edition, at the edition's root so
// that its scope is the whole edition, base path included.
const WorkerFile = "sw.js"

// offlineFiles makes, for every edition, the service worker and, per
// language, the web app manifest and the list of files that saving the
// language for offline reading fetches. They are made from the finished
// output, whose hash names the worker's cache.
func (b *Builder) offlineFiles(p *pending, files []publish.Written) ([]publish.File, error) {
	s := p.site
	version := buildVersion(files)
	var out []publish.File
	for _, ed := range p.editions {
		urls := site.NewURLs(s.Config.BaseURL).Edition(ed)
		prefix := editionPath(ed, "/")
		assets := assetLinks(p.next.assets.urls, site.NewURLs(s.Config.BaseURL))
		w := offline.Worker{Version: version, Base: urls.Rel("/"), Missing: map[string]string{}}
		sets, inSet := imageSets(p.conv.images, prefix, files)
		for _, lang := range s.Config.Languages {
			w.Missing[lang] = p.renderer.T(lang)("offline_missing")
			list := offline.List{Files: append([]string{}, assets...)}
			for _, f := range p.next.assets.files {
				list.Bytes += int64(len(f.Body))
			}
			for _, f := range files {
				if lang == s.Config.DefaultLang() && f.Path == prefix+"index.html" {
					list.Files = append(list.Files, urls.Rel("/")) // "/" is the default language's home
					list.Bytes += f.Size
				}
				if link, ok := offlineLink(f.Path, prefix, lang); ok && !inSet[f.Path] {
					list.Files = append(list.Files, urls.Rel(link))
					list.Bytes += f.Size
				}
			}
			for _, set := range sets {
				if _, ok := offlineLink(set[0].Link, prefix, lang); ok {
					list.Images = append(list.Images, setLinks(set, prefix, urls))
				}
			}
			m := offline.Manifest{
				Name: s.Config.Title.In(lang, s.Config.DefaultLang()), Lang: lang,
				StartURL: urls.Rel("/" + lang + "/"), Scope: urls.Rel("/"), Icons: map[int]string{},
			}
			for _, size := range offline.IconSizes {
				m.Icons[size] = site.NewURLs(s.Config.BaseURL).Rel(p.next.assets.urls[iconName(size)])
			}
			out = append(out,
				publish.File{Path: prefix + lang + "/" + offline.ListName, Body: list.JSON()},
				publish.File{Path: prefix + lang + "/manifest.webmanifest", Body: m.JSON()})
		}
		out = append(out, publish.File{Path: prefix + WorkerFile, Body: w.Script()})
	}
	for i := range out {
		if err := b.minifyFile(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// imageSets are, for the images the build made copies of, the output
// files of each one's srcset (Link holds the output path, within the
// edition under prefix), and every file of the images: the copies, and
// the originals, which a phone never shows where it has the copies.
func imageSets(images map[string]imageInfo, prefix string, files []publish.Written) ([][]offline.Source, map[string]bool) {
	size := make(map[string]int64, len(files))
	for _, f := range files {
		size[f.Path] = f.Size
	}
	sources := imageSources(images)
	var sets [][]offline.Source
	inSet := map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(images)) {
		var set []offline.Source
		for _, src := range sources(p) {
			out := prefix + strings.TrimPrefix(site.FilePath(src.Path), "/")
			if n, ok := size[out]; ok {
				set = append(set, offline.Source{Link: out, Width: src.Width, Bytes: n})
			}
		}
		if len(set) == 0 {
			continue
		}
		sets = append(sets, set)
		inSet[prefix+strings.TrimPrefix(site.FilePath(p), "/")] = true
		for _, src := range set {
			inSet[src.Link] = true
		}
	}
	return sets, inSet
}

// setLinks is set with links in place of output paths, in the edition
// under prefix.
func setLinks(set []offline.Source, prefix string, urls site.URLs) []offline.Source {
	out := make([]offline.Source, len(set))
	for i, src := range set {
		out[i] = offline.Source{Link: urls.Rel("/" + strings.TrimPrefix(src.Link, prefix)), Width: src.Width, Bytes: src.Bytes}
	}
	return out
}

// offlineLink is the site path that fetches output file p when it belongs
// to language lang of the edition under prefix, and saving the language
// should keep it: its pages, search index and calendars, not its 404 page
// or the link-preview cards, which only other sites' previews show.
func offlineLink(p, prefix, lang string) (string, bool) {
	rel, ok := strings.CutPrefix(p, prefix)
	if !ok || !strings.HasPrefix(rel, lang+"/") || rel == lang+"/404.html" || path.Base(rel) == render.CardFile {
		return "", false
	}
	if path.Base(rel) == "index.html" {
		return "/" + strings.TrimSuffix(rel, "index.html"), true
	}
	return "/" + rel, true
}

// assetLinks are the links of every asset, in a stable order.
func assetLinks(assets map[string]string, urls site.URLs) []string {
	links := make([]string, 0, len(assets))
	for _, u := range assets {
		links = append(links, urls.Rel(u))
	}
	sort.Strings(links)
	return links
}

// buildVersion names a build by its output: the same files give the same
// version, so an unchanged site keeps readers' saved copies. Each file is
// hashed alone and the hashes added up, which gives one version in
// whatever order the files come, without sorting every file of the site
// on every build (about half the CPU of making the offline files, after
// an edit).
func buildVersion(files []publish.Written) string {
	var sum uint64
	for _, f := range files {
		h := digest.New()
		h.String(f.Path)
		h.Bytes(f.Sum[:])
		sum += h.Sum()
	}
	return fmt.Sprintf("%012x", sum>>16)
}

// iconName is the asset name of the icon of a size, "icon-192.png".
func iconName(size int) string { return "icon-" + strconv.Itoa(size) + ".png" }
