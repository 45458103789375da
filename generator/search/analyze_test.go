package search

import (
	"bufio"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected terms in testdata/analysis.txt")

// vector is one line of testdata/analysis.txt.
type vector struct {
	lang, input, want string
}

const vectorFile = "testdata/analysis.txt"

var uEscape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)

// unescape turns \uXXXX into the character, so vectors can hold combining
// marks and other invisible characters legibly.
func unescape(s string) string {
	return uEscape.ReplaceAllStringFunc(s, func(m string) string {
		r, _ := strconv.ParseUint(m[2:], 16, 32)
		return string(rune(r))
	})
}

func readVectors(t *testing.T) (header []string, vs []vector) {
	f, err := os.Open(vectorFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			header = append(header, line)
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("%s: want 3 tab-separated fields: %q", vectorFile, line)
		}
		vs = append(vs, vector{parts[0], parts[1], parts[2]})
	}
	return header, vs
}

// analyzeText is the client's analysis of a query, which the vectors pin.
func analyzeText(lang, text string) string {
	return strings.Join(newQueryAnalyzer(lang).terms(nil, text), " ")
}

func TestAnalysisVectors(t *testing.T) {
	header, vs := readVectors(t)
	if *update {
		var b strings.Builder
		for _, h := range header {
			b.WriteString(h + "\n")
		}
		for _, v := range vs {
			b.WriteString(v.lang + "\t" + v.input + "\t" + analyzeText(v.lang, unescape(v.input)) + "\n")
		}
		if err := os.WriteFile(vectorFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, v := range vs {
		if got := analyzeText(v.lang, unescape(v.input)); got != v.want {
			t.Errorf("%s %q: got terms %q, want %q", v.lang, v.input, got, v.want)
		}
	}
}

func TestAnalyzerDropsNoise(t *testing.T) {
	long := strings.Repeat("ab", 21)
	cases := []struct{ lang, in, want string }{
		{"id", long + " ok", "ok"},               // too long to be a word
		{"en", "a b c vouchers", "voucher"},      // lone letters, stop word
		{"id", "yang", ""},                       // stop word only
		{"en-GB", "running", "run"},              // region subtag ignored
		{"de", "Häuser laufen", "hauser laufen"}, // no stemmer: folded only
	}
	for _, c := range cases {
		if got := analyzeText(c.lang, c.in); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}
