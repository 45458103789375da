package offline

import (
	"encoding/json"
	"fmt"
)

// Manifest is a language's web app manifest, so a reader can put the course
// on the phone's home screen and open it like an app.
type Manifest struct {
	Name     string // the site's title in the language
	Lang     string
	StartURL string         // the language's home, as a link
	Scope    string         // the edition's root, as a link
	Icons    map[int]string // size to the icon's URL
}

type manifestJSON struct {
	Name            string     `json:"name"`
	ShortName       string     `json:"short_name"`
	Lang            string     `json:"lang"`
	StartURL        string     `json:"start_url"`
	Scope           string     `json:"scope"`
	Display         string     `json:"display"`
	BackgroundColor string     `json:"background_color"`
	ThemeColor      string     `json:"theme_color"`
	Icons           []iconJSON `json:"icons"`
}

type iconJSON struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// JSON encodes the manifest.
func (m Manifest) JSON() []byte {
	out := manifestJSON{
		Name: m.Name, ShortName: shortName(m.Name), Lang: m.Lang, StartURL: m.StartURL, Scope: m.Scope,
		Display: "standalone", BackgroundColor: "#ffffff", ThemeColor: Brand,
	}
	for _, size := range IconSizes {
		if src, ok := m.Icons[size]; ok {
			out.Icons = append(out.Icons, iconJSON{Src: src, Sizes: fmt.Sprintf("%dx%d", size, size), Type: "image/png", Purpose: "any maskable"})
		}
	}
	body, _ := json.MarshalIndent(out, "", " ") // plain strings and numbers: cannot fail
	return append(body, '\n')
}

// shortName is what fits under a home-screen icon: the first words of the
// title, up to about 12 characters.
func shortName(name string) string {
	runes := []rune(name)
	if len(runes) <= 12 {
		return name
	}
	cut := 12
	for i := 12; i > 0; i-- {
		if runes[i] == ' ' {
			cut = i
			break
		}
	}
	return string(runes[:cut])
}
