package render

import (
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"lentera/generator/data"
	"lentera/generator/site"
)

// placeholderFuncs lets layouts parse before they are bound to a language;
// every name here is replaced by binding.
var placeholderFuncs = template.FuncMap{}

func init() {
	for name := range (&binding{}).funcs() {
		placeholderFuncs[name] = func(...any) (any, error) { return nil, nil }
	}
}

// binding is what a language and an edition fix for their templates.
type binding struct {
	r         *Renderer
	lang      string
	edition   string
	ui        Strings
	tag       language.Tag // lang's, for the plural rules (see Strings.form)
	format    *formatter
	urls      site.URLs
	fragments fragments // see shared
}

// funcs is the template function map. The package doc lists it for layout
// authors.
func (b *binding) funcs() template.FuncMap {
	return template.FuncMap{
		"T":          b.t,
		"Tn":         b.tn,
		"Tforms":     b.tforms,
		"text":       b.text,
		"relURL":     b.relURL,
		"absURL":     b.absURL,
		"siteRoot":   b.siteRoot,
		"pageURL":    b.pageURL,
		"link":       b.link,
		"links":      b.links,
		"linksNear":  b.linksNear,
		"menu":       b.menu,
		"shared":     b.shared,
		"asset":      b.asset,
		"script":     b.script,
		"scripts":    b.scripts,
		"date":       func(t time.Time) string { return b.format.Date(t) },
		"dateRange":  func(a, z time.Time) string { return b.format.DateRange(a, z) },
		"number":     func(v float64) string { return b.format.Number(v) },
		"integer":    func(v int) string { return b.format.Integer(v) },
		"money":      func(v float64) string { return b.format.Money(v) },
		"percent":    func(v float64) string { return b.format.Percent(v) },
		"duration":   func(d time.Duration) string { return b.format.Duration(d) },
		"cell":       b.cell,
		"langName":   b.langName,
		"langNameIn": b.langNameIn,
		"dir":        textDirection,
		"visible":    func(pages []*site.Page) []*site.Page { return site.VisibleIn(pages, b.edition) },
		"prev":       func(p *site.Page) *site.Page { return p.PrevIn(b.edition) },
		"next":       func(p *site.Page) *site.Page { return p.NextIn(b.edition) },
		"inline":     func(s string) template.HTML { return template.HTML(b.r.inline.HTML(b.lang, s)) },
		"plain":      func(s string) string { return b.r.inline.Plain(b.lang, s) },
		"safeHTML":   func(s string) template.HTML { return template.HTML(s) },
		"add":        func(a, b int) int { return a + b },
		"seq":        b.seq,
		"loop":       b.loop,
		"print":      b.print,
		"printf":     b.printf,
		"println":    b.println,
		"isoDate":    func(t time.Time) string { return t.Format(time.DateOnly) },
		"qr":         b.r.qr,
		"dict":       dict,
		"clock":      site.Clock,
		"storageKey": StorageKey,
	}
}

func (b *binding) t(key string) (string, error) { return b.ui.get(b.lang, key) }

func (b *binding) tn(key string, n int) (string, error) { return b.ui.form(b.lang, b.tag, key, n) }

func (b *binding) tforms(key string) (string, error) { return b.ui.forms(b.lang, key) }

func (b *binding) text(t data.Text) string {
	return t.In(b.lang, b.r.site.Config.DefaultLang())
}

// relURL links a site path within the edition being built.
func (b *binding) relURL(p string) string { return b.urls.Rel(p) }

// absURL is the full URL of a site path when baseURL is set.
func (b *binding) absURL(p string) string { return b.urls.Abs(p) }

// siteRoot is the path the whole site is published under, "/" or
// "/kursus/", the same in every edition: the scope of anything that serves
// the whole site, such as a service worker.
func (b *binding) siteRoot() string { return b.r.urls.Rel("/") }

func (b *binding) pageURL(p *site.Page) string { return b.urls.Rel(p.URL) }

// link is a link to a page with its title. Given the page being rendered,
// it marks the link to that page aria-current="page", and links to the
// sections it is in aria-current="true". Menus list many pages on every
// page, so this is one call per link instead of a template per link.
func (b *binding) link(p *site.Page, current ...*site.Page) template.HTML {
	var s strings.Builder
	var cur *site.Page
	if len(current) > 0 {
		cur = current[0]
	}
	b.writeLink(&s, p, cur)
	return template.HTML(s.String())
}

// links is a list item with a link for each page, as link writes them. A
// menu is one call, not a template run per entry: menus repeat on every
// page, and on a large course they are most of a page's rendering.
func (b *binding) links(pages []*site.Page, current *site.Page) template.HTML {
	pages = site.VisibleIn(pages, b.edition)
	var s strings.Builder
	s.Grow(len(pages) * linkSize)
	for _, p := range pages {
		s.WriteString("<li>")
		b.writeLink(&s, p, current)
		s.WriteString("</li>")
	}
	return template.HTML(s.String())
}

// menu is the course contents as the header menu lists them: an entry per
// page, as links writes them, and under the entry of the current page or
// of its section, that entry's children near the current page, as
// linksNear writes them. One call, not a template run per entry: on a
// large course the menu was a third of each page's rendering.
func (b *binding) menu(pages []*site.Page, current *site.Page) (template.HTML, error) {
	pages = site.VisibleIn(pages, b.edition)
	var s strings.Builder
	s.Grow((len(pages) + nearCount + 2) * linkSize)
	for _, p := range pages {
		s.WriteString("<li>")
		b.writeLink(&s, p, current)
		if current != nil && len(p.Children) > 0 && (p == current || p == current.Section()) {
			s.WriteString("<ol>")
			if err := b.writeNear(&s, p.Children, current, p); err != nil {
				return "", err
			}
			s.WriteString("</ol>")
		}
		s.WriteString("</li>")
	}
	return template.HTML(s.String()), nil
}

// linkSize is about the length of a list item with a link, to size a
// list's buffer once.
const linkSize = 96

// nearCount is how many entries linksNear shows at most.
const nearCount = 11

// linksNear is links for a list shown on each of its own pages, such as a
// section's chapters on every chapter: at most nearCount entries around
// the current page, and for the rest a link to whole, the page that lists
// them all. With every entry on every page, a page would grow with its
// section and the site with the square of it.
func (b *binding) linksNear(pages []*site.Page, current, whole *site.Page) (template.HTML, error) {
	var s strings.Builder
	s.Grow((nearCount + 2) * linkSize)
	if err := b.writeNear(&s, pages, current, whole); err != nil {
		return "", err
	}
	return template.HTML(s.String()), nil
}

// writeNear writes linksNear's list into s.
func (b *binding) writeNear(s *strings.Builder, pages []*site.Page, current, whole *site.Page) error {
	pages = site.VisibleIn(pages, b.edition)
	lo, hi := window(len(pages), slices.Index(pages, current), nearCount)
	if err := b.writeMore(s, lo, whole); err != nil {
		return err
	}
	for _, p := range pages[lo:hi] {
		s.WriteString("<li>")
		b.writeLink(s, p, current)
		s.WriteString("</li>")
	}
	return b.writeMore(s, len(pages)-hi, whole)
}

// window is the range of at most size entries of n centred on at, or the
// first ones when at is -1.
func window(n, at, size int) (lo, hi int) {
	if n <= size {
		return 0, n
	}
	lo = max(0, at-size/2)
	hi = min(n, lo+size)
	return hi - size, hi
}

// writeMore writes the entry that stands for n entries left out.
func (b *binding) writeMore(s *strings.Builder, n int, whole *site.Page) error {
	if n == 0 {
		return nil
	}
	more, err := b.tn("more_chapters", n)
	if err != nil {
		return err
	}
	s.WriteString(`<li class="more"><a href="`)
	s.WriteString(html.EscapeString(b.urls.Rel(whole.URL)))
	s.WriteString(`">`)
	s.WriteString(html.EscapeString(fmt.Sprintf(more, b.format.Integer(n))))
	s.WriteString("</a></li>")
	return nil
}

func (b *binding) writeLink(s *strings.Builder, p, current *site.Page) {
	s.WriteString(`<a href="`)
	s.WriteString(html.EscapeString(b.urls.Rel(p.URL)))
	s.WriteByte('"')
	if current != nil {
		if p == current {
			s.WriteString(` aria-current="page"`)
		} else if isAncestor(p, current) {
			s.WriteString(` aria-current="true"`)
		}
	}
	s.WriteByte('>')
	s.WriteString(html.EscapeString(p.Meta.Title))
	s.WriteString("</a>")
}

func isAncestor(a, p *site.Page) bool {
	for up := p.Parent; up != nil; up = up.Parent {
		if up == a {
			return true
		}
	}
	return false
}

// asset is the fingerprinted URL of a file from assets/. Assets are shared by
// the editions, so no edition prefix.
func (b *binding) asset(name string) (string, error) {
	u, ok := b.r.assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return b.r.urls.Rel(u), nil
}

// script is the text of a script from assets/ for an inline <script>.
func (b *binding) script(name string) (template.JS, error) {
	body, ok := b.r.scripts[name]
	if !ok {
		return "", fmt.Errorf("no script %q in assets/", name)
	}
	return inlineJS(body), nil
}

// scripts is script for several files, as one script: each ends with a
// semicolon, which minifying may have taken from the last statement.
func (b *binding) scripts(names []string) (template.JS, error) {
	var all strings.Builder
	for _, name := range names {
		s, err := b.script(name)
		if err != nil {
			return "", err
		}
		all.WriteString(string(s))
		all.WriteByte(';')
	}
	return template.JS(all.String()), nil
}

// scriptEnd is what would end an inline <script> early: "</script" in any
// case. "<\/script" means the same in JavaScript strings and regular
// expressions, and in JSON.
var scriptEnd = regexp.MustCompile(`(?i)</(script)`)

// inlineJS is JavaScript or JSON made safe to stand inside <script>.
func inlineJS(body []byte) template.JS {
	return template.JS(scriptEnd.ReplaceAllString(string(body), `<\/$1`))
}

func (b *binding) cell(c data.Cell) string {
	switch c.Kind {
	case data.CellMoney:
		return b.format.Money(c.Number)
	case data.CellPercent:
		return b.format.Percent(c.Number)
	case data.CellNumber:
		return b.format.Number(c.Number)
	case data.CellDate:
		return b.format.Date(c.Date)
	}
	return b.text(c.Text)
}

// textDirection is "rtl" for a language written from right to left, else
// "ltr": the value of an element's dir attribute.
func textDirection(code string) string {
	if site.RightToLeft(code) {
		return "rtl"
	}
	return "ltr"
}

// langName is a language's name in that language ("Bahasa Indonesia").
func (b *binding) langName(code string) string {
	if s, ok := b.r.names[code]; ok {
		return s
	}
	return languageName(code, "", "")
}

// langNameIn is a language's name in the page's language, for a sentence
// ("disponible en inglés"), or its own name where the page's language has
// none for it. A page whose language has no UI strings of its own names it
// in the language of the strings it borrows.
func (b *binding) langNameIn(code string) string {
	if name := nameIn(cmp.Or(b.r.speaks[b.lang], b.lang), code); name != "" {
		return name
	}
	return b.langName(code)
}

func (b *binding) seq(n int) ([]int, error) {
	if b.r.stopped.Load() {
		return nil, ErrStopped
	}
	// A layout's loops must end: a count of billions would take all the
	// machine's memory at once.
	if n < 0 || n > maxSeq {
		return nil, fmt.Errorf("seq %d: the count must be from 0 to %d", n, maxSeq)
	}
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out, nil
}

const maxSeq = 10000

// ErrStopped fails every page still running, or started, once another
// page has run past its time or memory limit (see within). That page's
// error says what went wrong; these follow from it.
var ErrStopped = errors.New("stopped: another page ran past its limit")

// dict makes a map of its key, value arguments, to hand a partial more than
// one value.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs, got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
