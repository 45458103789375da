package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/sitefs"
)

// Config is site.yaml.
type Config struct {
	Title       data.Text
	Description data.Text
	Languages   []string // the first is the default
	// LanguageNames are the names site.yaml gives languages, by code;
	// the others are named from CLDR or the theme's UI strings.
	LanguageNames map[string]string
	BaseURL       string // absolute, with a trailing slash; "" when not set
	Unsafe        bool   // let raw HTML in Markdown through
	// Directives are other names for the containers, by name: a course
	// written for another format (callout, challenge, note) builds as
	// its authors wrote it.
	Directives map[string]DirectiveAlias
	Plan       PlanSettings
	Params     map[string]any
	Limits     sitefs.Limits // the largest files read; zero fields mean the defaults
	PageLimit  int64         // the largest page a layout may make; 0 means the default
	PageTime   time.Duration // the longest a page's layouts may run; 0 means the default
	Memory     int64         // the most memory the program may hold while layouts run; 0 means the default
}

// DirectiveAlias is another name for a container directive: As is the
// container it stands for, Label its title unless a page gives one.
// Which names As may take is the converter's to check (see
// markup.CheckAliases), at Line of site.yaml.
type DirectiveAlias struct {
	As    string
	Label data.Text
	Line  int
}

// ConfigFile is where a site keeps its settings.
const ConfigFile = "site.yaml"

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// LoadConfig reads and checks site.yaml.
func LoadConfig(fsys fs.FS) (*Config, error) {
	src, err := fs.ReadFile(fsys, ConfigFile)
	if fe := (*fileerr.Error)(nil); errors.As(err, &fe) {
		return nil, err
	}
	if err != nil {
		return nil, fileerr.New(ConfigFile, 0, 0, fmt.Errorf("cannot read the site settings: %w", err))
	}
	root, err := data.Parse(ConfigFile, src)
	if err != nil {
		return nil, err
	}
	c := &Config{Plan: DefaultPlan()}
	d := &data.Decoder{Path: ConfigFile}
	// Languages decide how every text is read, so they come first.
	if v := lookup(root, "languages"); v != nil {
		c.Languages = languages(d, v)
		d.Langs = c.Languages
	}
	d.Object(root, ConfigFile, data.Fields{
		"title":       func(v *yaml.Node) { c.Title = d.Text(v) },
		"description": func(v *yaml.Node) { c.Description = d.Text(v) },
		"languages":   func(*yaml.Node) {},
		"languageNames": func(v *yaml.Node) {
			c.LanguageNames = languageNames(d, v, c.Languages)
		},
		"baseURL": func(v *yaml.Node) { c.BaseURL = baseURL(d, v) },
		"markup": func(v *yaml.Node) {
			d.Object(v, "markup", data.Fields{"unsafe": func(v *yaml.Node) { c.Unsafe = d.Bool(v) }})
		},
		"directives": func(v *yaml.Node) { c.Directives = directiveAliases(d, v) },
		"plan":       func(v *yaml.Node) { c.Plan = planSettings(d, v) },
		"params":     func(v *yaml.Node) { c.Params = params(d, v) },
		"limits":     func(v *yaml.Node) { limits(d, v, c) },
	}, "title", "languages")
	if err := d.Err(); err != nil {
		return nil, err
	}
	// The site's files are read under its limits from here on.
	if l, ok := fsys.(interface{ SetLimits(sitefs.Limits) }); ok {
		l.SetLimits(c.Limits)
	}
	return c, nil
}

func lookup(mapping *yaml.Node, key string) *yaml.Node {
	if mapping.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			return mapping.Content[i+1]
		}
	}
	return nil
}

func languages(d *data.Decoder, v *yaml.Node) []string {
	langs := d.Strings(v, "languages")
	seen := map[string]bool{}
	for i, l := range langs {
		if msg := langProblem(l, seen); msg != "" {
			d.Failf(v.Content[i], "%s", msg)
		}
		seen[l] = true
	}
	if v.Kind == yaml.SequenceNode && len(langs) == 0 {
		d.Failf(v, "languages needs at least one language code")
	}
	return langs
}

// langProblem says what is wrong with a language code, given the codes
// before it; "" when nothing is.
func langProblem(l string, seen map[string]bool) string {
	switch {
	case !langCode.MatchString(l) || !isBCP47(l):
		return fmt.Sprintf("%q is not a BCP 47 language code like id, en or pt-BR", l)
	case seen[l]:
		return fmt.Sprintf("language %q is listed twice", l)
	case l == "data" || l == "trainer" || l == "assets":
		return fmt.Sprintf("%q cannot be a language code: the site uses that folder name itself", l)
	}
	return ""
}

// CheckLanguages checks a list of language codes as site.yaml's languages
// are checked, for commands that take them on the command line.
func CheckLanguages(codes []string) error {
	if len(codes) == 0 {
		return errors.New("needs at least one language code")
	}
	seen := map[string]bool{}
	for _, l := range codes {
		if msg := langProblem(l, seen); msg != "" {
			return errors.New(msg)
		}
		seen[l] = true
	}
	return nil
}

// languageNames reads a mapping of language code to name, for languages of
// the site only.
func languageNames(d *data.Decoder, v *yaml.Node, langs []string) map[string]string {
	names := map[string]string{}
	d.Map(v, "languageNames", "language code to name, like {es: Español}", func(k, n *yaml.Node) {
		if !slices.Contains(langs, k.Value) {
			d.Failf(k, "%q is not one of the languages %v", k.Value, langs)
		}
		names[k.Value] = d.String(n)
	})
	return names
}

// isBCP47 says whether code is a well-formed BCP 47 tag: the pattern
// keeps it a plain folder name, the parser checks its parts.
func isBCP47(code string) bool {
	_, err := language.Parse(code)
	return err == nil
}

func baseURL(d *data.Decoder, v *yaml.Node) string {
	u, err := CheckBaseURL(d.String(v))
	if err != nil {
		d.Failf(v, "%v", err)
	}
	return u
}

// CheckBaseURL checks a baseURL, from site.yaml or the command line, and
// gives it its trailing slash.
func CheckBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("baseURL must be an absolute URL like https://example.org/course/, found %q", raw)
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw, nil
}

// limits reads limits: {textFile: 16MB, file: 64MB, page: 64MB, ...}:
// those of the files read, and of a page made.
func limits(d *data.Decoder, v *yaml.Node, c *Config) {
	size := func(v *yaml.Node) int64 {
		n, err := sitefs.ParseSize(d.String(v))
		if err != nil {
			d.Failf(v, "expected %v, found %q", err, v.Value)
		}
		return n
	}
	d.Object(v, "limits", data.Fields{
		"textFile": func(v *yaml.Node) { c.Limits.Text = size(v) },
		"file":     func(v *yaml.Node) { c.Limits.File = size(v) },
		"page":     func(v *yaml.Node) { c.PageLimit = size(v) },
		"memory":   func(v *yaml.Node) { c.Memory = size(v) },
		"pageTime": func(v *yaml.Node) {
			t, err := time.ParseDuration(d.String(v))
			if err != nil || t <= 0 {
				d.Failf(v, "expected a time such as 60s or 2m, found %q", v.Value)
			}
			c.PageTime = t
		},
	})
}

func params(d *data.Decoder, v *yaml.Node) map[string]any {
	var m map[string]any
	if err := v.Decode(&m); err != nil {
		d.Failf(v, "params must be a mapping: %v", err)
	}
	return m
}

// DefaultLang is the language of "/" and the fallback for missing texts.
func (c *Config) DefaultLang() string { return c.Languages[0] }

// BaseURLWarning says when baseURL is missing or still a placeholder
// (example.org, localhost): worksheets would print QR codes to nowhere, and
// link previews need full addresses. It is nil for a real address.
func (c *Config) BaseURLWarning() error {
	if c.BaseURL == "" {
		return fileerr.New(ConfigFile, 0, 0, errors.New("no baseURL: worksheets print no address or QR code, and shared links get no preview; set baseURL to the address the site is published at, or build with --base-url"))
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || !placeholderHost(u.Hostname()) {
		return nil
	}
	return fileerr.New(ConfigFile, 0, 0, fmt.Errorf("baseURL %s is a placeholder: worksheets' QR codes and shared links' previews would point there; set baseURL to the address the site is published at, or build with --base-url", c.BaseURL))
}

// placeholderHost reports the host names that are never where a course is
// published: the documentation domains of RFC 2606 and this machine.
func placeholderHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, h := range []string{"example.org", "example.com", "example.net"} {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// directiveAliases reads site.yaml's directives: each name stands for a
// container, written as its name alone (callout: tip) or with a title
// ({as: tip, label: Key points}).
func directiveAliases(d *data.Decoder, v *yaml.Node) map[string]DirectiveAlias {
	aliases := map[string]DirectiveAlias{}
	d.Map(v, "directives", "a name to the container it stands for, like {callout: tip}", func(k, n *yaml.Node) {
		if !directiveName.MatchString(k.Value) {
			d.Failf(k, "%q cannot be a directive name: a letter, then letters, digits, - or _", k.Value)
		}
		a := DirectiveAlias{Line: k.Line}
		if n.Kind == yaml.MappingNode {
			d.Object(n, "directives."+k.Value, data.Fields{
				"as":    func(v *yaml.Node) { a.As = d.NonEmpty(v) },
				"label": func(v *yaml.Node) { a.Label = d.Text(v) },
			}, "as")
		} else {
			a.As = d.NonEmpty(n)
		}
		aliases[k.Value] = a
	})
	return aliases
}

// directiveName is how a directive is named in a page (markup's parseHead).
var directiveName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
