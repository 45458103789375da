package markup

import (
	"io"
	"reflect"
	"strings"
	"testing"

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
