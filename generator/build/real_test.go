package build

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"lentera/generator/internal/browser/browsertest"
	"lentera/generator/internal/testsite"
)

// realLesson is part of a published lesson and its translation, converted
// to the course format (see its README.md for the source and licence).
const realLesson = "testdata/real/git-novice"

// The real lesson builds without a warning and reads as a reader expects:
// the language switch names each language in itself, figures load, boxes
// are boxes, the table of contents holds the chapter's own headings, the
// glossary's ids are there, search finds word forms in both languages, and
// the workbook has no dead link.
func TestRealLesson(t *testing.T) {
	opts, files := buildReal(t, realLesson)
	for path, want := range map[string][]string{
		"index.html":                {`>Español</a>`, `>English</a>`},
		"es/04-changes/index.html":  {`href="/en/04-changes/" hreflang="en" lang="en" data-lang="en">English</a>`, `directive-exercise`, `directive-solution`, `language-output`, `<strong>commit</strong>`},
		"en/04-changes/index.html":  {`href="/es/04-changes/" hreflang="es" lang="es" data-lang="es">Español</a>`, `directive-exercise`},
		"es/reference/index.html":   {`<dt><span id="revisión">revisión</span></dt>`, `<dl>`},
		"en/reference/index.html":   {`<dt><span id="commit">commit</span></dt>`},
		"es/01-basics/index.html":   {`href="/es/reference/#commit"`},
		"es/04-changes/index.html#": {`href="/es/reference/#revisi%C3%B3n"`},
	} {
		got := files[strings.TrimSuffix(path, "#")]
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
	// Boxes hold a "Solution" heading each; none is in the table of contents.
	if toc := regexp.MustCompile(`(?s)class="toc".*?</details>`).FindString(files["es/04-changes/index.html"]); strings.Contains(toc, "Soluci") {
		t.Errorf("the table of contents lists headings of boxes: %s", toc)
	}
	checkImages(t, files, "es/01-basics/index.html", "en/01-basics/index.html", "es/04-changes/index.html", "en/04-changes/index.html")
	checkRealSearch(t, files)
	checkWorkbooks(t, opts)
}

// buildReal builds the real lesson in dir, published somewhere (without
// an address the build warns), and fails the test on any warning. It
// gives the options it built with and the output, by path.
func buildReal(t *testing.T, dir string) (Options, map[string]string) {
	t.Helper()
	opts := Options{Site: os.DirFS(dir), BuildDate: testDate, BaseURL: "https://kursus.lentera.test/"}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build failed:\n%s", errorLines(err))
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Body)
	}
	return opts, files
}

// checkImages checks that every image of the pages is an output file.
func checkImages(t *testing.T, files map[string]string, pages ...string) {
	src := regexp.MustCompile(`<img[^>]* src="?([^" >]+)`)
	for _, p := range pages {
		ms := src.FindAllStringSubmatch(files[p], -1)
		if len(ms) == 0 {
			t.Errorf("%s has no image", p)
		}
		for _, m := range ms {
			if _, ok := files[strings.TrimPrefix(m[1], "/")]; !ok {
				t.Errorf("%s: image %s is not in the output", p, m[1])
			}
		}
	}
}

// checkRealSearch runs queries through the shipped client on the built
// indexes of both languages.
func checkRealSearch(t *testing.T, files map[string]string) {
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.Missing(t, "node not found: search is not checked (install nodejs)")
		return
	}
	client, _ := filepath.Abs("../../assets/search.js")
	script, _ := filepath.Abs("../search/testdata/query.js")
	for lang, cases := range map[string]map[string][]string{
		// Spanish is stemmed at build time: every form finds the pages.
		"es": {"cambios": {"/es/04-changes/"}, "cambio": {"/es/04-changes/"}, "repositorios": {"/es/reference/"}, "de": nil},
		"en": {"changes": {"/en/04-changes/"}, "repositories": {"/en/reference/"}, "the": nil},
	} {
		dir := t.TempDir()
		for p, body := range files {
			if rest, ok := strings.CutPrefix(p, lang+"/search/"); ok && strings.HasSuffix(p, ".json") {
				testsite.WriteFile(t, dir, rest, []byte(body))
			}
		}
		var queries []string
		for q := range cases {
			queries = append(queries, q)
		}
		slices.Sort(queries)
		in, _ := json.Marshal(map[string]any{"client": client, "dir": dir, "queries": queries, "show": 20})
		cmd := exec.Command(node, script)
		cmd.Stdin = strings.NewReader(string(in))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node: %v", err)
		}
		var res []struct {
			Items []struct {
				URL string `json:"url"`
			} `json:"items"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		for i, q := range queries {
			var urls []string
			for _, it := range res[i].Items {
				page, _, _ := strings.Cut(it.URL, "#") // results lead to a heading
				urls = append(urls, page)
			}
			for _, want := range cases[q] {
				if !slices.Contains(urls, want) {
					t.Errorf("%s %q: results %v lack %s", lang, q, urls, want)
				}
			}
			if cases[q] == nil && len(urls) > 0 {
				t.Errorf("%s %q (a stop word): results %v, want none", lang, q, urls)
			}
		}
	}
}

// realEpisode is an episode of a published lesson with no change but a
// link out of the episode (see its README.md).
const realEpisode = "testdata/real/shell-novice"

// The episode builds as its authors wrote it, without a warning: every box
// the Carpentries' way (::: callout, challenge, instructor, …) is a box,
// the instructor's notes are in the trainer edition only, the figures'
// alt text given after them ({alt='…'}) is theirs, an SVG sized in mm is
// sized in pixels, <kbd> keys are keys, and the minutes of teaching and
// exercises of its front matter are its duration.
func TestRealLessonAsWritten(t *testing.T) {
	opts, files := buildReal(t, realEpisode)
	src, err := os.ReadFile(filepath.Join(realEpisode, "content/en/02-filedir.md"))
	if err != nil {
		t.Fatal(err)
	}
	boxes := func(names string) int {
		return len(regexp.MustCompile(`(?m)^:{3,} *(`+names+`) *$`).FindAll(src, -1))
	}
	page, trainer := files["en/02-filedir/index.html"], files["trainer/en/02-filedir/index.html"]
	for class, n := range map[string]int{
		"directive-tip":      boxes("callout|objectives|questions|keypoints"),
		"directive-exercise": boxes("challenge"),
		"directive-solution": boxes("solution|spoiler"),
	} {
		if got := strings.Count(page, `class="directive `+class+`"`); got != n || n == 0 {
			t.Errorf("%d boxes of class %s, want %d as the episode has", got, class, n)
		}
	}
	notes := boxes("instructor")
	if got := strings.Count(trainer, `class="directive directive-trainer"`); got != notes || notes == 0 || strings.Contains(page, "directive-trainer") {
		t.Errorf("trainer edition has %d instructor notes of %d; participants' page has them: %v", got, notes, strings.Contains(page, "directive-trainer"))
	}
	for _, want := range []string{
		`<p class="directive-title">Objectives</p>`, `<p class="directive-title">Key points</p>`,
		`alt="The file system is made up of a root directory that contains sub-directories titled bin, data, users, and tmp"`,
		`fig/filesystem.svg" alt="The file system is made up of a root directory that contains sub-directories titled bin, data, users, and tmp" decoding="async" width="208" height="111"`,
		`<kbd>Tab</kbd>`,
		`<span class="duration">Duration: 40 min</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the episode lacks %s", want)
		}
	}
	text := regexp.MustCompile(`(?s)<pre.*?</pre>|<code>.*?</code>|<[^>]+>`).ReplaceAllString(page, " ")
	for _, raw := range []string{":::", "{alt=", "raw HTML omitted"} {
		if strings.Contains(text, raw) {
			t.Errorf("the reader sees %q", raw)
		}
	}
	checkImages(t, files, "en/02-filedir/index.html")
	checkWorkbooks(t, opts)
}
