package build

import (
	"bytes"
	"context"
	"image/png"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lentera/generator/internal/crawl"
)

var htmlLang = regexp.MustCompile(`<html lang="?([a-zA-Z-]+)`)

// Every page of the bundled site has the tags a link preview reads, in its
// language, and its image is a 1200 x 630 PNG that the build wrote.
func TestSharePreviews(t *testing.T) {
	const base = "https://kursus.lentera.test/kelas/"
	res, err := Build(context.Background(), Options{Site: bundledSite(t), BuildDate: testDate, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	files := byPath(res.Files)
	locales := map[string]string{"id": "id_ID", "en": "en_US"}
	pages, images := 0, map[string]bool{}
	for _, f := range res.Files {
		if path.Ext(f.Path) != ".html" {
			continue
		}
		pages++
		meta := crawl.Meta(f.Body)
		one := func(key string) string {
			if len(meta[key]) != 1 || meta[key][0] == "" {
				t.Errorf("%s: %s is %q, want one value", f.Path, key, meta[key])
				return ""
			}
			return meta[key][0]
		}
		for _, key := range []string{"og:title", "og:site_name", "og:type", "og:image:alt"} {
			one(key)
		}
		if got := one("twitter:card"); got != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", f.Path, got)
		}
		lang := htmlLang.FindSubmatch(f.Body)
		if lang == nil {
			t.Fatalf("%s: no <html lang>", f.Path)
		}
		if got, want := one("og:locale"), locales[string(lang[1])]; got != want {
			t.Errorf("%s: og:locale %q, want %q", f.Path, got, want)
		}
		for _, alt := range meta["og:locale:alternate"] {
			if alt == one("og:locale") || (alt != "id_ID" && alt != "en_US") {
				t.Errorf("%s: og:locale:alternate %q", f.Path, alt)
			}
		}
		if u := one("og:url"); !strings.HasPrefix(u, base) {
			t.Errorf("%s: og:url %q is not a full URL under %s", f.Path, u, base)
		}
		img := one("og:image")
		rel, ok := strings.CutPrefix(img, base)
		if !ok {
			t.Errorf("%s: og:image %q is not a full URL under %s", f.Path, img, base)
			continue
		}
		body, ok := files[rel]
		if !ok {
			t.Errorf("%s: og:image %s was not built", f.Path, img)
			continue
		}
		images[rel] = true
		cfg, err := png.DecodeConfig(bytes.NewReader(body))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: og:image %s is %dx%d (%v), want a 1200x630 PNG", f.Path, rel, cfg.Width, cfg.Height, err)
		}
		if one("og:image:width") != strconv.Itoa(cfg.Width) || one("og:image:height") != strconv.Itoa(cfg.Height) {
			t.Errorf("%s: og:image:width/height %s x %s, the image is %dx%d", f.Path, meta["og:image:width"], meta["og:image:height"], cfg.Width, cfg.Height)
		}
	}
	// Each chapter and worksheet has a card of its own.
	if chapters := len(res.Site.Languages[0].Chapters) * len(res.Site.Languages); len(images) < chapters {
		t.Errorf("%d pages show %d images; want one per chapter at least (%d)", pages, len(images), chapters)
	}
	t.Logf("%d pages, %d distinct images", pages, len(images))
}

// Editing a chapter's title draws its card again, and only its card.
func TestCardFollowsTitle(t *testing.T) {
	fsys := bundledSite(t)
	b := New(Options{Site: fsys, BuildDate: testDate})
	first, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const file = "content/en/konten/produksi-video.md"
	changed := replaceIn(file, "title: ", "title: Filming on a phone, ")(fsys)
	second, err := b.Build(context.Background(), changed...)
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for _, f := range second.Files {
		if path.Base(f.Path) == "share.png" && body(first.Files, f.Path) != string(f.Body) {
			cards = append(cards, f.Path)
		}
	}
	if len(cards) != 1 || cards[0] != "en/konten/produksi-video/share.png" {
		t.Errorf("cards changed: %v, want only en/konten/produksi-video/share.png", cards)
	}
}
