package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"lentera/generator/internal/testsite"
)

// robots.txt names the trainer edition under the site's own path, and the
// sitemap only by a full URL, which is all the format takes: a site built
// without an address has no Sitemap line (a relative one is an error to
// crawlers and to Lighthouse's audit).
func TestRobots(t *testing.T) {
	site := testsite.New(t, testsite.Course(2))
	for _, tc := range []struct{ baseURL, want string }{
		{"", "User-agent: *\nDisallow: /trainer/\n"},
		{"https://kursus.test/", "User-agent: *\nDisallow: /trainer/\nSitemap: https://kursus.test/sitemap.xml\n"},
		{"https://kursus.test/umkm/", "User-agent: *\nDisallow: /umkm/trainer/\nSitemap: https://kursus.test/umkm/sitemap.xml\n"},
	} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{SiteDir: site, Out: out, BuildDate: testDate, BaseURL: tc.baseURL}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, "robots.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("baseURL %q: robots.txt is\n%s\nwant\n%s", tc.baseURL, got, tc.want)
		}
	}
}
