package printtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lentera/generator/internal/browser"
)

// quizPage ends the first part of the playbook with its quiz.
const quizPage = "/id/pasar/live-sebagai-etalase/"

type quizState struct {
	Score    string
	Results  []string // "right", "wrong" or "" per question
	Checked  []string // q:value of every ticked input
	Answers  int      // answers a reader can see
	CanCheck bool
	CanRetry bool
	Feedback []string // per-option feedback on show
}

const quizStateJS = `(() => {
	const quiz = document.querySelector("[data-quiz]");
	const shown = el => el && !el.hidden && el.offsetParent !== null;
	return {
		Score: shown(quiz.querySelector(".quiz-score")) ? quiz.querySelector(".quiz-score").textContent : "",
		Results: [...quiz.querySelectorAll(".quiz-q")].map(q => q.classList.contains("is-right") ? "right" : q.classList.contains("is-wrong") ? "wrong" : ""),
		Checked: [...quiz.querySelectorAll("input:checked")].map(i => i.closest(".quiz-q").dataset.q + ":" + i.value),
		Answers: [...quiz.querySelectorAll(".quiz-answer")].filter(shown).length,
		CanCheck: shown(quiz.querySelector(".quiz-check")),
		CanRetry: shown(quiz.querySelector(".quiz-retry")),
		Feedback: [...quiz.querySelectorAll(".quiz-feedback")].filter(shown).map(f => f.textContent),
	};
})()`

func readQuiz(t *testing.T, tab context.Context) quizState {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[quizState](quizStateJS))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A reader answers a quiz, some right and some wrong, checks it, and sees
// which were which, the feedback of the options they picked and a score;
// after a reload the same result is there; "try again" clears it for good.
func TestQuizAnsweredCheckedAndKept(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	if err := browser.Load(tab, srv.URL+quizPage); err != nil {
		t.Fatal(err)
	}
	before := readQuiz(t, tab)
	if !before.CanCheck || before.Answers != 0 || before.Score != "" {
		t.Fatalf("before answering: %+v; want the check button and no answers in sight", before)
	}
	// Right: 40–60%; wrong: only one of three sectors, and the very long
	// intro; right: true.
	for _, sel := range []string{
		`input[name="quiz-kuis-pasar-omzet-turun"][value="1"]`,
		`input[name="quiz-kuis-pasar-sektor"][value="0"]`,
		`input[name="quiz-kuis-pasar-satu-kanal"][value="0"]`,
		`input[name="quiz-kuis-pasar-intro-live"][value="1"]`,
		`.quiz-check`,
	} {
		if _, err := chromedp.Run(tab, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	checked := readQuiz(t, tab)
	want := []string{"right", "wrong", "right", "wrong"}
	if strings.Join(checked.Results, " ") != strings.Join(want, " ") || checked.Score != "2 dari 4 benar" {
		t.Errorf("after checking: results %v, score %q; want %v and 2 dari 4 benar", checked.Results, checked.Score, want)
	}
	if checked.Answers != 4 || checked.CanCheck || !checked.CanRetry {
		t.Errorf("after checking: %+v; want every answer shown and try again offered", checked)
	}
	if len(checked.Feedback) != 2 || !strings.Contains(strings.Join(checked.Feedback, " "), "Terlalu lama") {
		t.Errorf("feedback shown %q, want that of the two picked options that have some", checked.Feedback)
	}
	screenshot(t, tab, "[data-quiz]", "quiz-checked.png")

	if _, err := chromedp.Run(tab, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if err := browser.WaitFor(tab, `document.querySelector(".quiz-score") && !document.querySelector(".quiz-score").hidden`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	kept := readQuiz(t, tab)
	if strings.Join(kept.Results, " ") != strings.Join(checked.Results, " ") || kept.Score != checked.Score || strings.Join(kept.Checked, " ") != strings.Join(checked.Checked, " ") {
		t.Errorf("after a reload: %+v; want the result as it was: %+v", kept, checked)
	}

	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".quiz-retry")), chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if again := readQuiz(t, tab); len(again.Checked) != 0 || again.Score != "" || !again.CanCheck {
		t.Errorf("after try again and a reload: %+v; want a fresh quiz", again)
	}
}

// screenshot saves an element when LENTERA_SHOTS names a folder, for a
// person to look at; tests never compare pictures.
func screenshot(t *testing.T, tab context.Context, sel, name string) {
	dir := os.Getenv("LENTERA_SHOTS")
	if dir == "" {
		return
	}
	shot, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.WriteFile(filepath.Join(dir, name), shot, 0o644)
}
