package printtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/playbook"
	"lentera/generator/internal/testsite"
	"lentera/generator/site"
)

func TestMain(m *testing.M) {
	code := m.Run()
	playbook.Remove()
	os.Exit(code)
}

// bundled is the playbook built once for every test of the package.
func bundled(t *testing.T) (string, *site.Site) { return playbook.Built(t) }

// inBrowser builds the playbook, starts Chromium and serves the build for
// the test. Without Chromium the test skips, or fails under CI.
func inBrowser(t *testing.T) (*browser.Browser, *browser.Server, *site.Site) {
	t.Helper()
	out, s := bundled(t)
	return browsertest.Start(t, browser.Options{}), browsertest.Serve(t, out), s
}

// tabFor opens a tab with a deadline, so a page that never loads fails the
// test instead of hanging it. The deadline is a guard, not a measurement.
func tabFor(b *browser.Browser) (context.Context, context.CancelFunc) {
	tab, cancelTab := b.Tab()
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	return ctx, func() { cancel(); cancelTab() }
}

// inTabs runs check as a subtest for each name, each in a tab of its own.
func inTabs(t *testing.T, b *browser.Browser, names []string, check func(t *testing.T, tab context.Context, name string)) {
	t.Helper()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			tab, cancel := tabFor(b)
			defer cancel()
			check(t, tab, name)
		})
	}
}

// pdfPages extracts the text of each page of a PDF with pdftotext, which
// ends every page with a form feed.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		browsertest.Missing(t, "pdftotext not found: install poppler-utils")
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// words reduces text to lowercase words separated by single spaces, so
// that text from the DOM and text from a PDF compare equal whatever the
// line breaks, ligatures, punctuation spacing and letter case on paper
// (headings print in capitals where CSS says so).
func words(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if r == '\u00ad' { // soft hyphen
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return strings.TrimSpace(nonWord.ReplaceAllString(s, " "))
}

// titleOf returns the title of a data file in a language.
func titleOf(s *site.Site, src, lang string) string {
	return s.Data[src].Title.In(lang, s.Config.DefaultLang())
}

// uiStrings reads the theme's UI strings of a language, every file of
// layouts/i18n/<lang>/ (keys are shared across them).
func uiStrings(t *testing.T, lang string) map[string]string {
	t.Helper()
	root, err := testsite.Root()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "layouts", "i18n", lang, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no UI strings for %s: %v", lang, err)
	}
	all := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// A string is a text, or its plural forms, of which other is the
		// one to look for.
		var m map[string]yaml.Node
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			var text string
			var forms map[string]string
			switch {
			case v.Decode(&text) == nil:
				all[k] = text
			case v.Decode(&forms) == nil:
				all[k] = forms["other"]
			default:
				t.Fatalf("%s: %s is neither a text nor plural forms", f, k)
			}
		}
	}
	return all
}
