package serve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"lentera/generator/fileerr"
)

func TestOverlayShowsLinesAround(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 1; i <= 12; i++ {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	lines[5] = "\tbad <script>alert(1)</script> here" // line 6
	writeFile(t, dir, "content/id/a.md", strings.Join(lines, "\n")+"\n")
	src := sources{siteDir: dir}

	err := fmt.Errorf("convert: %w", fileerr.Errorf(filepath.Join(dir, "content/id/a.md"), 6, 6, "unknown directive %q", "<x>"))
	html := string(src.renderOverlay(err))
	mustContain(t, "overlay", html,
		`role="alertdialog"`, `aria-modal="true"`, `tabindex="-1"`, `aria-labelledby="lentera-error-title"`,
		filepath.Join(dir, "content/id/a.md")+":6:6",
		"unknown directive &#34;&lt;x&gt;&#34;",
		`<span class="lentera-error-current"><span class="lentera-error-n">6</span>	bad &lt;script&gt;alert(1)&lt;/script&gt; here</span>`,
		`<span class="lentera-error-caret" aria-hidden="true">	    ^</span>`,
		">3</span>line 3\n", ">9</span>line 9\n")
	mustNotContain(t, "overlay", html, "<script>", ">2</span>", ">10</span>")
}

func TestOverlayReadsOnlySiteAndTheme(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	writeFile(t, root, "secret.txt", "TOP-SECRET\n")
	writeFile(t, site, "site.yaml", "title: x\n")
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(site, "link.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	theme := fstest.MapFS{"layouts/base.html": {Data: []byte("<html>\n{{.Oops}}\n</html>\n")}}
	src := sources{siteDir: site, theme: theme}
	tests := []struct {
		path string
		want string // a line that must show; "" for none
	}{
		{filepath.Join(site, "site.yaml"), "title: x"},
		{"(built-in theme) layouts/base.html", "{{.Oops}}"},
		{filepath.Join(root, "secret.txt"), ""},
		{filepath.Join(site, "..", "secret.txt"), ""},
		{filepath.Join(site, "link.txt"), ""},
		{"(built-in theme) ../secret.txt", ""},
	}
	for _, tt := range tests {
		html := string(src.renderOverlay(fileerr.Errorf(tt.path, 1, 0, "problem")))
		if strings.Contains(html, "TOP-SECRET") {
			t.Errorf("%s: the overlay shows a file outside the site", tt.path)
		}
		if tt.want != "" {
			mustContain(t, tt.path, html, tt.want)
		}
	}
}

func TestOverlayListsProblems(t *testing.T) {
	var errs []error
	for i := range maxProblems + 3 {
		errs = append(errs, fileerr.Errorf(fmt.Sprintf("content/id/%d.md", i), 1, 0, "problem %d", i))
	}
	errs = append([]error{errors.New("render: a problem with no file")}, errs...)
	html := string(sources{siteDir: t.TempDir()}.renderOverlay(errors.Join(errs...)))
	mustContain(t, "overlay", html, "render: a problem with no file", "content/id/0.md:1", "problem 8", "And 4 more")
	mustNotContain(t, "overlay", html, "problem 9<")
}
