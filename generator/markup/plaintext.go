package markup

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// plaintext tokenises as chroma's plaintext and fallback lexers do, without
// their regular expressions: those took three quarters of the time spent
// highlighting a block with no language or "text" (a three-line message
// took 17 µs with them, 4.4 µs without: BenchmarkHighlightPlainText), and
// courses have plenty of those (messages to copy, outputs). Every line
// becomes a Text token and every newline another; chroma's coalescer joins
// them as it joins the lexer's.
type plaintext struct{}

var toLF = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// isPlaintext reports whether a lexer is one of chroma's two that mark
// nothing: the plaintext lexer ("text", "plain", "txt") and the fallback
// for unknown or missing languages.
func isPlaintext(l chroma.Lexer) bool {
	return l == lexers.Fallback || l.Config().Name == "plaintext"
}

func (plaintext) Config() *chroma.Config { return lexers.Fallback.Config() }

func (plaintext) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return plaintext{} }

func (plaintext) SetAnalyser(func(string) float32) chroma.Lexer { return plaintext{} }

func (plaintext) AnalyseText(string) float32 { return 0 }

// Tokenise splits text as the regular expressions `.+` and `\n` would,
// after the same preparation: line endings made "\n" and, as the regular
// expressions read runes, each invalid UTF-8 byte made U+FFFD.
func (plaintext) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	text = toLF.Replace(text)
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	return func() chroma.Token {
		switch i := strings.IndexByte(text, '\n'); {
		case text == "":
			return chroma.EOF
		case i == 0:
			text = text[1:]
			return chroma.Token{Type: chroma.Text, Value: "\n"}
		case i < 0:
			i = len(text)
			fallthrough
		default:
			line := text[:i]
			text = text[i:]
			return chroma.Token{Type: chroma.Text, Value: line}
		}
	}, nil
}
