package printtest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
	"lentera/generator/internal/browser/browsertest"
)

type axeViolation struct {
	ID    string
	Help  string
	Nodes []string
}

// The pages of quizzes, the glossary and slides pass axe-core with no
// violation, each in the state a reader sees it in: a quiz checked, a
// term's definition open, the speaker view on.
func TestLearningPagesAxe(t *testing.T) {
	axe := browsertest.AxeScript(t)
	b, srv, _ := inBrowser(t)
	pages := map[string]string{
		quizPage:                             `document.querySelector(".quiz-check").click()`,
		termPage:                             `document.querySelector("a.term").focus()`,
		"/en/glossary/":                      ``,
		"/id/worksheets/kuis-konten/":        ``,
		"/trainer/en/quiz-key/":              ``,
		"/trainer/en/worksheets/kuis-pasar/": ``,
		slidesPage:                           ``,
		slidesPage + "#3-speaker":            ``,
		"/trainer/en/konten/produksi-video/": ``,
	}
	var names []string
	for p := range pages {
		names = append(names, p)
	}
	inTabs(t, b, names, func(t *testing.T, tab context.Context, path string) {
		if err := browser.Load(tab, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		if setup := pages[path]; setup != "" {
			if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](setup)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			t.Fatal(err)
		}
		found, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](`axe.run(document).then(r => r.violations.map(v => ({
			ID: v.id, Help: v.help, Nodes: v.nodes.map(n => n.target.join(" ")),
		})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range found {
			t.Errorf("%s: %s (%s) at %v", path, v.ID, v.Help, v.Nodes)
		}
	})
}
