package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/testsite"
)

// guardSite lays out a site and what lies around it:
//
//	root/site/{site.yaml,content/id/a.md,layouts/x.html,assets/css/x.css}
//	root/full/keep.txt          a folder of someone else's files
//	root/made/.lentera-output   an earlier build
//	root/empty/
//	root/file.txt
//	root/link-site -> site
//	root/elsewhere/into-content -> site/content/id
func guardSite(t *testing.T) (root, site string) {
	t.Helper()
	root = t.TempDir()
	site = filepath.Join(root, "site")
	testsite.Write(t, root, map[string]string{
		"site/site.yaml":          "title: T\nlanguages: [id]\n",
		"site/content/id/a.md":    "---\ntitle: A\n---\n",
		"site/layouts/x.html":     "x",
		"site/assets/css/x.css":   "x",
		"full/keep.txt":           "mine",
		"made/" + Marker:          markerText,
		"made/id/index.html":      "old",
		"file.txt":                "a file",
		"elsewhere/readme.txt":    "x",
		"site/public/" + Marker:   markerText,
		"site/public/index.html":  "old",
		"site/static/robots.txt":  "x",
		"site/content/id/b/b.md":  "---\ntitle: B\n---\n",
		"site/layouts/partials/p": "x",
	})
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, filepath.Join(root, "link-site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(site, "content", "id"), filepath.Join(root, "elsewhere", "into-content")); err != nil {
		t.Fatal(err)
	}
	return root, site
}

func TestCheckOut(t *testing.T) {
	root, site := guardSite(t)
	sep := string(filepath.Separator)
	for _, c := range []struct {
		out  string // relative to root, or absolute
		want string // words of the error; "" for none
	}{
		{"site", "is the site folder"},
		{"site" + sep + "content" + sep + "..", "is the site folder"},
		{"link-site", "is the site folder"},
		{"elsewhere" + sep + ".." + sep + "site", "is the site folder"},
		{".", "holds the site folder"},
		{"..", "holds the site folder"},
		{"link-site" + sep + "..", "holds the site folder"},
		{"site" + sep + "content", "inside the site's content/ folder"},
		{"site" + sep + "content" + sep + "id" + sep + "out", "inside the site's content/ folder"},
		{"site" + sep + "layouts", "inside the site's layouts/ folder"},
		{"site" + sep + "assets" + sep + "new", "inside the site's assets/ folder"},
		{"link-site" + sep + "assets" + sep + "css", "inside the site's assets/ folder"},
		// Lexically this is root/elsewhere/new; the system resolves the
		// link first, which puts it inside the site's content/.
		{"elsewhere" + sep + "into-content" + sep + ".." + sep + "new", "inside the site's content/ folder"},
		{"full", "is not empty and was not made by lentera (it has no .lentera-output file)"},
		{"file.txt", "is a file, not a folder"},
		{"missing", ""},
		{"missing" + sep + "deeper", ""},
		{"empty", ""},
		{"made", ""},
		{"site" + sep + "public", ""},
		{"site" + sep + "new", ""},
		{"site" + sep + "static" + sep + "..", "is the site folder"},
	} {
		out := filepath.Join(root, c.out)
		if c.out == "." || c.out == ".." || strings.Contains(c.out, "..") {
			out = root + sep + c.out // unclean, as a user types it
		}
		err := CheckOut(site, out)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("--out %s: %v", c.out, err)
		case c.want != "" && err == nil:
			t.Errorf("--out %s: no error, want %q", c.out, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("--out %s: %v\nwant %q", c.out, err, c.want)
		case c.want != "" && !strings.Contains(err.Error(), out):
			t.Errorf("--out %s: the error does not name the folder: %v", c.out, err)
		}
	}
}

// A relative site and output folder are compared as the system sees them.
func TestCheckOutRelative(t *testing.T) {
	root, _ := guardSite(t)
	t.Chdir(filepath.Join(root, "site"))
	for _, c := range []struct{ site, out, want string }{
		{".", ".", "is the site folder"},
		{".", "..", "holds the site folder"},
		{".", "content/id", "inside the site's content/"},
		{".", "public", ""},
		{"../link-site", "./", "is the site folder"},
	} {
		err := CheckOut(c.site, c.out)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("--site %s --out %s: %v, want %q", c.site, c.out, err, c.want)
		}
	}
}

// Every refusal says how to go on.
func TestCheckOutSaysWhatToDo(t *testing.T) {
	root, site := guardSite(t)
	for _, out := range []string{site, root, filepath.Join(site, "content")} {
		err := CheckOut(site, out)
		if err == nil || !strings.Contains(err.Error(), "such as --out "+filepath.Join(site, "public")) {
			t.Errorf("--out %s: %v", out, err)
		}
	}
	err := CheckOut(site, filepath.Join(root, "full"))
	if err == nil || !strings.Contains(err.Error(), "empty or delete it, or choose another --out") {
		t.Errorf("--out full: %v", err)
	}
}

func TestResolve(t *testing.T) {
	root, site := guardSite(t)
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		root + "/link-site":                     filepath.Join(real, "site"),
		root + "/link-site/../full":             filepath.Join(real, "full"),
		root + "/elsewhere/into-content/../x/y": filepath.Join(real, "site", "content", "x", "y"),
		root + "/nope/../nope2":                 filepath.Join(real, "nope2"),
		site + "/content/id/a.md":               filepath.Join(real, "site", "content", "id", "a.md"),
	} {
		got, err := resolve(filepath.FromSlash(in))
		if err != nil || got != want {
			t.Errorf("resolve(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
}
