package markup

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// quotes are a language's quotation marks: outer pair, inner pair.
type quotes struct{ open, close, openInner, closeInner string }

// quoteStyles maps a base language code to its quotation marks, as its
// style guides set them; a language not here gets English's “…” ‘…’.
// French and Norwegian put a narrow no-break space inside « ».
var quoteStyles = map[string]quotes{
	"de": {"„", "“", "‚", "‘"},
	"cs": {"„", "“", "‚", "‘"},
	"sk": {"„", "“", "‚", "‘"},
	"da": {"„", "“", "‚", "‘"},
	"fr": {"«\u202f", "\u202f»", "“", "”"},
	"es": {"«", "»", "“", "”"},
	"it": {"«", "»", "“", "”"},
	"ru": {"«", "»", "„", "“"},
	"uk": {"«", "»", "„", "“"},
	"no": {"«", "»", "‘", "’"},
	"nb": {"«", "»", "‘", "’"},
	"nn": {"«", "»", "‘", "’"},
	"pl": {"„", "”", "«", "»"},
	"hu": {"„", "”", "»", "«"},
	"sv": {"”", "”", "’", "’"},
	"fi": {"”", "”", "’", "’"},
}

// regionQuotes are the regions that write differently from their language.
var regionQuotes = map[string]quotes{
	"pt-pt": {"«", "»", "“", "”"},
	"de-ch": {"«", "»", "‹", "›"},
}

// quoteStyle returns the quotation marks of a language code like "pt-PT".
func quoteStyle(lang string) quotes {
	lang = strings.ToLower(lang)
	if q, ok := regionQuotes[lang]; ok {
		return q
	}
	base, _, _ := strings.Cut(lang, "-")
	if q, ok := quoteStyles[base]; ok {
		return q
	}
	return quotes{"“", "”", "‘", "’"}
}

// typographer turns straight quotes into the language's, -- and --- into
// en and em dashes, ... into an ellipsis; the apostrophe is ’ everywhere.
// Code is left alone.
func typographer(lang string) goldmark.Extender {
	q := quoteStyle(lang)
	return extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  q.open,
		extension.RightDoubleQuote: q.close,
		extension.LeftSingleQuote:  q.openInner,
		extension.RightSingleQuote: q.closeInner,
		extension.Apostrophe:       "’",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
	}))
}
