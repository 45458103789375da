package printtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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

// screenshot saves an element, or the window when sel is "", when
// LENTERA_SHOTS names a folder, for a person to look at; tests never
// compare pictures.
func screenshot(t *testing.T, tab context.Context, sel, name string) {
	dir := os.Getenv("LENTERA_SHOTS")
	if dir == "" {
		return
	}
	action := chromedp.CaptureScreenshot()
	if sel != "" {
		action = chromedp.Screenshot(chromedp.CSS(sel))
	}
	shot, err := chromedp.Run(tab, action)
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.WriteFile(filepath.Join(dir, name), shot, 0o644)
}

// termPage is a chapter whose text uses glossary terms.
const termPage = "/id/pasar/lanskap-2025/"

type termState struct {
	Active  string // the focused term's text, or ""
	Open    []string
	Path    string
	Hash    string
	Entry   string // the text of the element the hash names
	Touches bool
	// The popover the focused term names, and the one open.
	Describedby, OpenID string
}

const termStateJS = `(() => {
	const a = document.activeElement;
	return {
		Active: a && a.matches("a.term") ? a.textContent : "",
		Open: [...document.querySelectorAll(".term-pop")].filter(p => !p.hidden && p.offsetParent !== null).map(p => p.textContent),
		Path: location.pathname,
		Hash: location.hash,
		Entry: location.hash && document.getElementById(location.hash.slice(1)) ? document.getElementById(location.hash.slice(1)).textContent : "",
		Touches: navigator.maxTouchPoints > 0,
		Describedby: a ? a.getAttribute("aria-describedby") || "" : "",
		OpenID: ([...document.querySelectorAll(".term-pop")].find(p => !p.hidden) || {id: ""}).id,
	};
})()`

func readTerms(t *testing.T, tab context.Context) termState {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[termState](termStateJS))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A keyboard reader tabs to a marked term and its definition opens; Escape
// closes it; Enter follows the link to the term's glossary entry.
func TestGlossaryTermByKeyboard(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	if err := browser.Load(tab, srv.URL+termPage); err != nil {
		t.Fatal(err)
	}
	var s termState
	for i := 0; i < 80 && s.Active == ""; i++ {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		s = readTerms(t, tab)
	}
	if s.Active == "" {
		t.Fatal("no glossary term on the page takes keyboard focus")
	}
	if len(s.Open) != 1 || s.OpenID != s.Describedby {
		t.Fatalf("focus on %q opened %q; want its definition alone", s.Active, s.Open)
	}
	screenshot(t, tab, "", "term-focus.png")
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s := readTerms(t, tab); len(s.Open) != 0 {
		t.Errorf("Escape left %q open", s.Open)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitPath(t, tab, "/glossary/")
	if s := readTerms(t, tab); s.Hash == "" || s.Entry == "" {
		t.Errorf("Enter led to %s%s, which names no entry", s.Path, s.Hash)
	}
}

// On a touch screen the first tap on a term explains it, in place; a tap
// elsewhere closes it; a second tap on the open term follows its link.
func TestGlossaryTermByTouch(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 800, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	if err := browser.Load(tab, srv.URL+termPage); err != nil {
		t.Fatal(err)
	}
	tap := func(sel string) {
		t.Helper()
		box, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](`(() => {
			const el = document.querySelector(`+"`"+sel+"`"+`);
			el.scrollIntoView({block: "center"});
			const r = el.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		_, err = chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, input.SynthesizeTapGesture, input.SynthesizeTapGestureParams{X: box[0], Y: box[1], GestureSourceType: input.GestureSourceTypeTouch})
			return chromedp.Void{}, err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Headless Chromium makes no click of a synthetic tap, so after each
	// tap the click a phone would send is sent by hand.
	click := func() (held bool) {
		t.Helper()
		held, err := chromedp.Run(tab, chromedp.Evaluate[bool](`!document.querySelector("a.term").dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, detail: 1}))`))
		if err != nil {
			t.Fatal(err)
		}
		return held
	}
	tap("a.term")
	held := click()
	s := readTerms(t, tab)
	if !s.Touches || len(s.Open) != 1 || !held || s.Path != termPage {
		t.Fatalf("after a tap on a term: %+v, link held back: %v; want its definition open and the page unchanged", s, held)
	}
	screenshot(t, tab, "", "term-tap.png")
	tap(".page-head h1")
	if s := readTerms(t, tab); len(s.Open) != 0 {
		t.Errorf("a tap elsewhere left %q open", s.Open)
	}
	tap("a.term")
	click()
	tap("a.term")
	if click() {
		t.Error("a tap on an open term did not follow its link")
	}
	waitPath(t, tab, "/glossary/")
}

// waitPath waits for the tab to arrive at a path ending in suffix, through
// the navigation that takes it there.
func waitPath(t *testing.T, tab context.Context, suffix string) {
	t.Helper()
	var path string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		p, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && strings.HasSuffix(p, suffix) {
			return
		}
		path = p
	}
	t.Fatalf("the tab is at %q, not at a path ending in %s", path, suffix)
}

// slidesPage is a chapter's slide view in the trainer edition.
const slidesPage = "/trainer/id/pasar/lanskap-2025/slides/"

type deckState struct {
	Shown   []int // positions of the slides on screen
	Count   string
	Total   int
	Hash    string
	Speaker bool
	Notes   string
	Timer   string
	NextUp  string
}

const deckStateJS = `(() => {
	const slides = [...document.querySelectorAll(".deck .slide")];
	const panel = document.querySelector(".speaker-panel");
	return {
		Shown: slides.map((s, i) => s.getBoundingClientRect().width > 1 ? i : -1).filter(i => i >= 0),
		Count: document.querySelector(".slides-count").textContent,
		Total: slides.length,
		Hash: location.hash,
		Speaker: !panel.hidden && panel.getClientRects().length > 0,
		Notes: panel.querySelector(".speaker-notes").textContent.trim(),
		Timer: panel.querySelector(".speaker-timer").textContent.replace(/\s+/g, " ").trim(),
		NextUp: panel.querySelector(".speaker-next").textContent,
	};
})()`

func readDeck(t *testing.T, tab context.Context) deckState {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[deckState](deckStateJS))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A trainer steps through a chapter's slides with the keyboard, the
// buttons, a click and a swipe; a reload keeps the slide; the speaker view
// shows the slide's trainer notes and the timer against the chapter's 45
// minutes.
func TestSlidesStepAndSpeakerView(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	if err := browser.Load(tab, srv.URL+slidesPage); err != nil {
		t.Fatal(err)
	}
	at := func(want int, after string) {
		t.Helper()
		s := readDeck(t, tab)
		if len(s.Shown) != 1 || s.Shown[0] != want || s.Count != fmt.Sprintf("Slide %d dari %d", want+1, s.Total) {
			t.Fatalf("after %s: slides %v on screen, counter %q; want slide %d alone", after, s.Shown, s.Count, want+1)
		}
	}
	at(0, "opening")
	if s := readDeck(t, tab); s.Total < 4 {
		t.Fatalf("the chapter has %d slides; want a title and a slide per section", s.Total)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	at(1, "→")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".slides-next"))); err != nil {
		t.Fatal(err)
	}
	at(2, "the next button")
	if err := chromedp.Do(tab, chromedp.MouseClickXY(1000, 300)); err != nil {
		t.Fatal(err)
	}
	at(3, "a click on the slide")
	swipe(t, tab, 200, 900)
	at(2, "a finger drawn to the right")
	swipe(t, tab, 900, 200)
	at(3, "a finger drawn to the left")
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowLeft)); err != nil {
		t.Fatal(err)
	}
	at(2, "←")
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if err := browser.WaitFor(tab, `document.documentElement.classList.contains("slides-on")`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	at(2, "a reload")

	// To the slide with the trainer notes, then the speaker view.
	noted, err := chromedp.Run(tab, chromedp.Evaluate[int](`[...document.querySelectorAll(".deck .slide")].findIndex(s => s.querySelector(".directive-trainer"))`))
	if err != nil || noted < 0 {
		t.Fatalf("no slide has trainer notes (%v)", err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < noted; i++ {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
	}
	if s := readDeck(t, tab); s.Speaker {
		t.Fatal("the speaker view is open before it is asked for")
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("s")); err != nil {
		t.Fatal(err)
	}
	s := readDeck(t, tab)
	notes, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelectorAll(".deck .slide")[`+fmt.Sprint(noted)+`].querySelector(".directive-trainer p:not(.directive-title)").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Speaker || !strings.Contains(s.Notes, notes) || !strings.Contains(s.Timer, "/ 45:00") || !strings.HasSuffix(s.Hash, "-speaker") {
		t.Errorf("speaker view: %+v; want it open with the notes %q and a timer against 45:00", s, notes)
	}
	screenshot(t, tab, "", "slides-speaker.png")
	if err := browser.WaitFor(tab, `document.querySelector(".timer-elapsed").textContent !== "0:00"`, 5*time.Second); err != nil {
		t.Errorf("the timer does not run: %v", err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s := readDeck(t, tab); s.Speaker {
		t.Error("Escape left the speaker view open")
	}
}

// swipe drags a finger across the middle of the screen from x0 to x1.
func swipe(t *testing.T, tab context.Context, x0, x1 float64) {
	t.Helper()
	_, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		steps := []struct {
			typ input.DispatchTouchEventType
			x   float64
		}{{input.DispatchTouchEventTypeTouchStart, x0}, {input.DispatchTouchEventTypeTouchMove, (x0 + x1) / 2}, {input.DispatchTouchEventTypeTouchMove, x1}, {input.DispatchTouchEventTypeTouchEnd, x1}}
		for _, s := range steps {
			p := input.DispatchTouchEventParams{Type: s.typ}
			if s.typ != input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*input.TouchPoint{{X: s.x, Y: 300}}
			} else {
				p.TouchPoints = []*input.TouchPoint{}
			}
			if _, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, p); err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A printed slide view is an A4 handout with every slide on it, three to a
// page, and no trainer notes or controls.
func TestSlidesHandout(t *testing.T) {
	b, srv, _ := inBrowser(t)
	tab, cancel := tabFor(b)
	defer cancel()
	pdf, err := browser.PDF(tab, srv.URL+slidesPage)
	if err != nil {
		t.Fatal(err)
	}
	checkA4(t, pdf)
	slides, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".deck .slide")].map(s => (s.querySelector("h1, h2") || {textContent: ""}).textContent.replace(/#$/, ""))`))
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, pdf)
	if want := (len(slides) + 2) / 3; len(pages) != want {
		t.Errorf("%d slides print on %d pages, want %d", len(slides), len(pages), want)
	}
	printed := words(strings.Join(pages, " "))
	for _, h := range slides {
		if !strings.Contains(printed, words(h)) {
			t.Errorf("the handout lacks the slide %q", h)
		}
	}
	for _, absent := range []string{"Catatan pelatih", "Tampilan pembicara", "Sesi 45 menit"} {
		if strings.Contains(printed, words(absent)) {
			t.Errorf("the handout prints %q", absent)
		}
	}
}
