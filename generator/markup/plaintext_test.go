package markup

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// plaintextCases are texts where a plain tokeniser could part from
// chroma's regular expressions: line endings of every kind, empty lines,
// invalid UTF-8, and lines longer than what the coalescer joins.
var plaintextCases = []string{
	"", "\n", "\n\n", "a", "a\n", "halo\nkak\n", "\r\n", "a\r\nb\rc\n\r", "\r\r\n\n",
	"no newline at the end", "\xff\xfe broken \xc3", "émoji 😀 \u2028 line\u0085sep\n",
	"\t tab \v \f\n", strings.Repeat("x", 9000) + "\n" + strings.Repeat("y\n", 5000),
	strings.Repeat("a\n", 4100) + strings.Repeat("z", 8190),
}

func tokens(t testing.TB, l chroma.Lexer, text string) []chroma.Token {
	it, err := chroma.Coalesce(l).Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

func TestPlaintextTokenisesAsChroma(t *testing.T) {
	for _, lexer := range []chroma.Lexer{lexers.Get("text"), lexers.Fallback} {
		if !isPlaintext(lexer) {
			t.Fatalf("%s not taken as plain text", lexer.Config().Name)
		}
		for _, text := range plaintextCases {
			if got, want := tokens(t, plaintext{}, text), tokens(t, lexer, text); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %.40q: got %d tokens %.80q, want %d %.80q", lexer.Config().Name, text, len(got), got, len(want), want)
			}
		}
	}
	if isPlaintext(lexers.Get("go")) {
		t.Error("go taken as plain text")
	}
}

func FuzzPlaintext(f *testing.F) {
	for _, text := range plaintextCases {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tokens(t, plaintext{}, text), tokens(t, lexers.Fallback, text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	})
}

// BenchmarkHighlightPlainText highlights a three-line message, as a
// course gives one to copy, with chroma's plaintext lexer and with
// plaintext: the tokens differ in how they are found, not in what the
// formatter makes of them.
func BenchmarkHighlightPlainText(b *testing.B) {
	text := strings.Repeat("Halo Kak {nama}! Promo 9.9 sudah dimulai. Pakai kode 9936 untuk potongan 5%.\n", 3)
	for name, l := range map[string]chroma.Lexer{"chroma": lexers.Get("text"), "plain": plaintext{}} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				it, err := chroma.Coalesce(l).Tokenise(nil, text)
				if err == nil {
					err = codeFormatter.Format(io.Discard, classesOnly, it)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Lexers that stall on code they do not expect (empty tokens without
// end, from a string left open) end, and the block is shown as plain
// text; a lexer that reads on is highlighted as before.
func TestStalledLexerShownAsText(t *testing.T) {
	done := make(chan string, 1)
	go func() {
		doc, err := convertPage(t, "---\ntitle: T\n---\n```jsonata\n\"a\n```\n\n```jungle\n\"b\n```\n\n```go\nx := \"c\n```\n")
		if err != nil {
			t.Error(err)
		}
		done <- string(doc.HTML(Pass{}))
	}()
	select {
	case got := <-done:
		for _, want := range []string{
			`<code class="language-jsonata"><span class="line"><span class="cl">&#34;a`,
			`<code class="language-jungle"><span class="line"><span class="cl">&#34;b`,
			`<code class="language-go"><span class="line"><span class="cl"><span class="nx">x</span>`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("lacks %s:\n%s", want, got)
			}
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the conversion did not end: a lexer that stalls is read for ever")
	}
}

// A block with a line too long to highlight in time, and the blocks past
// the page's share of highlighted code, are shown as plain text with a
// warning at their line; the rest is highlighted.
func TestLongCodeShownAsText(t *testing.T) {
	long := strings.Repeat("a", maxCodeLine+1)
	block := "```go\n" + strings.Repeat("x := 1 // "+strings.Repeat("k", 90)+"\n", 600) + "```\n\n"
	src := "---\ntitle: T\n---\n```makefile\n" + long + "\n```\n\n```makefile\nall: x\n```\n\n" + strings.Repeat(block, 6)
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML(Pass{}))
	blocks := strings.Split(html, "<pre")[1:]
	if len(blocks) != 8 {
		t.Fatalf("%d blocks", len(blocks))
	}
	for i, b := range blocks {
		coloured := strings.Count(b, `<span class="`) > strings.Count(b, `<span class="line">`)+strings.Count(b, `<span class="cl">`)
		if want := i == 1 || (i >= 2 && i < 6); coloured != want {
			t.Errorf("block %d: coloured %v, want %v", i, coloured, want)
		}
	}
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		fmt.Sprintf(": this code block is shown without colours: it has a line of %d characters, and lines over %d are not highlighted", maxCodeLine+1, maxCodeLine),
		": this code block and those after it are shown without colours: the page's code passes 256 KB here",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings %q", got)
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("warning %q lacks %q", got[i], want[i])
		}
	}
}

// A page may name at most maxPageLanguages languages (each costs chroma
// milliseconds to look up when it matches no lexer's name); the blocks
// naming others are plain text, and the same page converted again, its
// names now known, is the same. Names like "a1.py" find Python through
// its file pattern, the slow way.
func TestLanguagesPerPage(t *testing.T) {
	run := strconv.FormatInt(time.Now().UnixNano(), 36) // names no run of this process has seen
	var src strings.Builder
	src.WriteString("---\ntitle: T\n---\n")
	for i := range maxPageLanguages + 3 {
		fmt.Fprintf(&src, "```%s%d.py\nx = 1\n```\n\n", run, i)
	}
	for conversion := range 2 {
		doc, err := convertPage(t, src.String())
		if err != nil {
			t.Fatal(err)
		}
		blocks := strings.Split(string(doc.HTML(Pass{})), "<pre")[1:]
		for i, b := range blocks {
			coloured := strings.Contains(b, `<span class="n">x</span>`)
			if want := i < maxPageLanguages; coloured != want {
				t.Errorf("conversion %d, block %d: coloured %v, want %v", conversion+1, i, coloured, want)
			}
		}
		// One warning, at the code of the first block left plain: the
		// line after its fence, below the 3 of the fixture's front matter.
		first := strings.Index(src.String(), fmt.Sprintf("```%s%d.py", run, maxPageLanguages))
		line := fmt.Sprintf(":%d:", 3+strings.Count(src.String()[:first], "\n")+2)
		if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].Error(), line) || !strings.Contains(doc.Warnings[0].Error(), "more than 64 languages") {
			t.Errorf("conversion %d: warnings %v, want one at line %s about the languages", conversion+1, doc.Warnings, line)
		}
	}
}
