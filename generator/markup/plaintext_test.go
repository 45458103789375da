package markup

import (
	"io"
	"reflect"
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
