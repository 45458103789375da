package render

import (
	"testing"

	"lentera"
)

// Every UI string of the theme exists in every language the theme ships, so
// no page falls back to a key or to another language.
func TestThemeStringsComplete(t *testing.T) {
	langs := []string{"id", "en"}
	all, warnings, err := loadStrings(lentera.Theme, langs)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	for _, a := range langs {
		for _, b := range langs {
			for _, key := range all[a].Keys() {
				if _, ok := all[b][key]; !ok {
					t.Errorf("UI string %q exists in %s but not in %s", key, a, b)
				}
			}
		}
	}
}
