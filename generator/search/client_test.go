package search

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lentera/generator/internal/browser/browsertest"
)

// clientPath is the shipped client, relative to this package.
const clientPath = "../../assets/search.js"

// nodeJob asks the client to analyze texts with one language's settings.
type nodeJob struct {
	Stem  string   `json:"stem"`
	Stop  string   `json:"stop"`
	Texts []string `json:"texts"`
}

// runNode runs a script of testdata under Node.js with input as JSON on
// stdin and decodes its JSON output into out. Tests that use it skip when
// node is not installed, and fail so under CI.
func runNode(t *testing.T, script string, input any, out any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.Missing(t, "node not found: the client is not checked (install nodejs)")
	}
	// Read the files node will load, so that go test's cache sees them change.
	for _, f := range append(clientFiles(t), script) {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	in, _ := json.Marshal(input)
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("node %s output: %v", script, err)
	}
}

// clientFiles are the client and its stemmers.
func clientFiles(t *testing.T) []string {
	stems, err := filepath.Glob(filepath.Join(filepath.Dir(clientPath), "search-stem-*.js"))
	if err != nil || len(stems) == 0 {
		t.Fatalf("no stemmer scripts beside %s", clientPath)
	}
	return append(stems, clientPath)
}

func clientAbs(t *testing.T) string {
	p, err := filepath.Abs(clientPath)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// runClientAnalysis runs the client's analyzer on each job's texts.
func runClientAnalysis(t *testing.T, jobs []nodeJob) [][]string {
	t.Helper()
	var res [][]string
	runNode(t, "testdata/analyze.js", map[string]any{"client": clientAbs(t), "jobs": jobs}, &res)
	return res
}

// jobFor gives the client the settings the index ships for lang.
func jobFor(lang string, texts []string) nodeJob {
	base, _, _ := strings.Cut(lang, "-")
	j := nodeJob{Stop: strings.Join(strings.Fields(stopWords[base]), " "), Texts: texts}
	if stemmers[base] != nil {
		j.Stem = base
	}
	return j
}

// TestClientAnalysis checks the client against the shared vectors.
func TestClientAnalysis(t *testing.T) {
	_, vs := readVectors(t)
	var jobs []nodeJob
	for _, v := range vs {
		jobs = append(jobs, jobFor(v.lang, []string{unescape(v.input)}))
	}
	res := runClientAnalysis(t, jobs)
	for i, v := range vs {
		if res[i][0] != v.want {
			t.Errorf("client %s %q: got %q, want %q", v.lang, v.input, res[i][0], v.want)
		}
	}
}

// TestClientStemmersMatchGo stems a large vocabulary on both sides: every
// Indonesian table word, every word of the bundled content, and, when the
// module cache has it, the Porter2 reference vocabulary shipped with the
// English stemmer's tests.
func TestClientStemmersMatchGo(t *testing.T) {
	words := map[string]map[string]bool{"id": {}, "en": {}}
	for _, c := range indonesianStems {
		words["id"][c.in] = true
	}
	for lang := range words {
		addContentWords(t, words[lang], filepath.Join("..", "..", "content", lang))
	}
	addPorter2Vocabulary(words["en"])
	var jobs []nodeJob
	var lists [][]string
	for _, lang := range []string{"id", "en"} {
		list := sortedKeys(words[lang])
		lists = append(lists, list)
		jobs = append(jobs, nodeJob{Stem: lang, Stop: "", Texts: list})
	}
	res := runClientAnalysis(t, jobs)
	for j, lang := range []string{"id", "en"} {
		a := &analyzer{stop: map[string]bool{}, stem: stemmers[lang], cache: map[string]string{}}
		bad := 0
		for i, w := range lists[j] {
			want := strings.Join(a.terms(nil, w), " ")
			if res[j][i] != want && bad < 20 {
				bad++
				t.Errorf("%s %q: client %q, Go %q", lang, w, res[j][i], want)
			}
		}
		t.Logf("%s: %d words compared", lang, len(lists[j]))
	}
}

// addContentWords adds the folded words of the Markdown files under dir.
func addContentWords(t *testing.T, set map[string]bool, dir string) {
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		eachWord(string(b), func(w string) {
			for _, f := range splitFolded(fold(w)) {
				set[f] = true
			}
		})
		return nil
	})
}

// addPorter2Vocabulary adds the input words of the English stemmer's own
// vocabulary test, found in the module cache.
func addPorter2Vocabulary(set map[string]bool) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		return
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "english_vocab", "vocab_test.go"))
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		// Lines read: {"word", "stem"},
		if f := strings.Split(line, `"`); len(f) >= 5 && strings.HasPrefix(strings.TrimSpace(line), "{") {
			set[f[1]] = true
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestClientMatchesGoOnRandomText compares both analyzers on random text
// made of affix-rich Indonesian pieces, English endings, accents, marks,
// ligatures, digits, punctuation, characters beyond the BMP, and some
// that decompose to punctuation or a space ("⑴", "ͺ", "Ŀ").
func TestClientMatchesGoOnRandomText(t *testing.T) {
	pieces := []string{"me", "mem", "meny", "peng", "pe", "ber", "di", "ter", "ke", "se", "per",
		"jual", "pasar", "ajar", "kerja", "a", "i", "u", "kan", "an", "nya", "lah", "ku",
		"ing", "ed", "s", "ies", "ation", "ful", "ness", "y", "Y", "É", "é", "e\u0301", "ﬁ", "ß",
		"İ", "Σ", "ς", "½", "²", "１", "7", "-", "'", "’", " ", " ", ".", "𝒳", "東", "ー", "\u200d", "⑴", "ͺ", "Ŀ"}
	r := rand.New(rand.NewSource(1))
	texts := make([]string, 3000)
	for i := range texts {
		var b strings.Builder
		for n := 1 + r.Intn(12); n > 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		texts[i] = b.String()
	}
	langs := []string{"id", "en", "ms", "es", "ru", "hu", "xx"}
	var jobs []nodeJob
	for _, lang := range langs {
		jobs = append(jobs, jobFor(lang, texts))
	}
	res := runClientAnalysis(t, jobs)
	bad := 0
	for j, lang := range langs {
		for i, text := range texts {
			if want := analyzeText(lang, text); res[j][i] != want {
				if bad++; bad <= 20 {
					t.Errorf("%s %q: client %q, Go %q", lang, text, res[j][i], want)
				}
			}
		}
	}
}
