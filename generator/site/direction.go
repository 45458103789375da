package site

import "golang.org/x/text/language"

// rtlScripts are the scripts written from right to left that a course may
// be in (ISO 15924).
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Samr": true, "Mand": true, "Yezi": true,
}

// RightToLeft reports whether a language code names a language written
// from right to left: by its script, given ("az-Arab") or the one its
// speakers most likely use ("ar", "fa", "ur", "he" and "ckb" are; "ms" is
// not, though Malay has an Arabic script too, Jawi, which "ms-Arab" names).
func RightToLeft(code string) bool {
	tag, err := language.Parse(code)
	if err != nil {
		return false
	}
	script, _ := tag.Script()
	return rtlScripts[script.String()]
}
