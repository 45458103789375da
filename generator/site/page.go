package site

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"lentera/generator/data"
	"lentera/generator/fileerr"
	"lentera/generator/internal/digest"
)

// Kind is what a page is in the course.
type Kind int

// The kinds of page.
const (
	Home    Kind = iota // content/<lang>/_index.md: the language home
	Section             // content/<lang>/<folder>/_index.md, or a folder without one
	Chapter             // any other content/<lang>/**/*.md
)

// Page is one Markdown file of one language, placed in the course.
type Page struct {
	Kind   Kind
	Lang   string
	File   string // path from the site root; "" for a section folder without _index.md
	Rel    string // path in the language folder without ".md" or "/_index.md": "konten/produksi-video"
	URL    string // site path, before base path and edition: "/id/konten/produksi-video/"
	Key    string // translation key: front matter translationKey, or Rel
	Meta   Meta
	Source []byte // the Markdown; front matter blanked out so lines keep their numbers
	Sum    uint64 // a digest of Source, known also when Unread
	Unread bool   // taken as unchanged without reading: Source is nil until Loader.ReadSource
	Broken bool   // the file failed to load; this page only stands in for it
	// Modified is the file's modification time as the loader found it
	// when it took its stamp; zero when it took none.
	Modified time.Time

	Parent       *Page
	Children     []*Page // chapters and subsections, in course order
	Prev, Next   *Page   // neighbouring chapters through the whole course
	Translations map[string]*Page
}

// Meta is a page's front matter.
type Meta struct {
	Title          string
	Weight         int
	Description    string
	Objectives     []string
	Questions      []string // the questions a chapter answers, shown with the objectives
	KeyPoints      []string // what to remember, shown after the text
	Duration       time.Duration
	Draft          bool
	TranslationKey string
	Reviewed       string // a translation: the commit of the default-language chapter it was checked against
	Image          string // the link-preview image, a file as Markdown links one; "" for a drawn card
	ImageLine      int    // the line of image: in the file, for errors
	Params         map[string]any
	Edition        string // "trainer": the page is only in the trainer edition
}

// parseFile splits a Markdown file into front matter and body. The body keeps
// the file's line numbers: the front matter lines are replaced by empty ones.
// They are blanked in src itself, which becomes the body: src is a buffer
// read for this call alone, and a copy would double the memory every page's
// text takes. Front matter known by its text is taken, not parsed.
func parseFile(path string, src []byte, known FrontMatters) (parsedFile, error) {
	if bytes.Contains(src, []byte("\r\n")) { // ReplaceAll copies even when there is nothing to replace
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	src, err := data.CheckText(path, src)
	if err != nil {
		return parsedFile{}, err
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return parsedFile{}, fileerr.Errorf(path, 1, 1, "missing front matter: start the file with a line '---', then at least 'title: …', then '---'")
	}
	end := bytes.Index(src[3:], []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(src, []byte("\n---")) {
			end = len(src) - 7
		} else {
			return parsedFile{}, fileerr.Errorf(path, 1, 1, "front matter is not closed: add a line '---' after it")
		}
	}
	front := src[:3+end+1]
	key := digest.Of(front[4:])
	meta, ok := known[key]
	if !ok {
		// One leading newline per front matter line keeps YAML's line
		// numbers equal to the file's.
		meta, err = parseMeta(path, append([]byte("\n"), front[4:]...))
	}
	body := src
	for i := 0; i < len(front)+4 && i < len(body); i++ {
		if body[i] != '\n' {
			body[i] = ' '
		}
	}
	return parsedFile{meta: meta, body: body, front: key, sum: digest.Of(body)}, err
}

func parseMeta(path string, src []byte) (Meta, error) {
	root, err := data.Parse(path, src)
	if err != nil {
		return Meta{}, err
	}
	var m Meta
	var lesson lessonTime
	d := &data.Decoder{Path: path}
	d.Object(root, "front matter", data.Fields{
		"title":          func(v *yaml.Node) { m.Title = d.NonEmpty(v) },
		"weight":         func(v *yaml.Node) { m.Weight = d.Int(v) },
		"description":    func(v *yaml.Node) { m.Description = d.String(v) },
		"objectives":     func(v *yaml.Node) { m.Objectives = d.Strings(v, "objectives") },
		"duration":       func(v *yaml.Node) { m.Duration, lesson.duration = duration(d, v, "duration"), v },
		"questions":      func(v *yaml.Node) { m.Questions = d.Strings(v, "questions") },
		"keypoints":      func(v *yaml.Node) { m.KeyPoints = d.Strings(v, "keypoints") },
		"teaching":       func(v *yaml.Node) { lesson.teaching = lesson.minutes(d, v, "teaching") },
		"exercises":      func(v *yaml.Node) { lesson.exercises = lesson.minutes(d, v, "exercises") },
		"draft":          func(v *yaml.Node) { m.Draft = d.Bool(v) },
		"translationKey": func(v *yaml.Node) { m.TranslationKey = d.String(v) },
		"reviewed":       func(v *yaml.Node) { m.Reviewed = reviewed(d, v) },
		"image":          func(v *yaml.Node) { m.Image, m.ImageLine = d.String(v), v.Line },
		"params":         func(v *yaml.Node) { m.Params = params(d, v) },
		"edition": func(v *yaml.Node) {
			if m.Edition = d.String(v); m.Edition != TrainerEdition {
				d.Failf(v, "edition can only be %q (a page for trainers only), found %q", TrainerEdition, m.Edition)
			}
		},
	}, "title")
	lesson.into(d, &m)
	return m, d.Err()
}

// lessonTime is a chapter's time as the Carpentries' lessons give it:
// minutes of teaching and of exercises, which add up to its duration.
type lessonTime struct {
	teaching, exercises time.Duration
	first               *yaml.Node // the first of them given, for errors
	duration            *yaml.Node // duration, when given too
}

// minutes reads teaching or exercises, written as duration is.
func (l *lessonTime) minutes(d *data.Decoder, v *yaml.Node, key string) time.Duration {
	if l.first == nil {
		l.first = v
	}
	return duration(d, v, key)
}

func (l lessonTime) into(d *data.Decoder, m *Meta) {
	switch sum := l.teaching + l.exercises; {
	case l.first == nil:
	case l.duration != nil:
		d.Failf(l.first, "give duration, or teaching and exercises (which add up to it), not both")
	case sum < 0:
		d.Failf(l.first, "teaching and exercises add up to more than a duration can be, 2562047h (292 years)")
	default:
		m.Duration = sum
	}
}

// reviewed reads a commit hash, abbreviated or not.
func reviewed(d *data.Decoder, v *yaml.Node) string {
	s := d.String(v)
	if len(s) < 7 || len(s) > 40 || strings.Trim(strings.ToLower(s), "0123456789abcdef") != "" {
		d.Failf(v, "reviewed must be a commit hash of 7 to 40 hex digits, as git log shows it, found %q", v.Value)
	}
	return strings.ToLower(s)
}

// duration reads "45m", "1h30m" or a number of minutes, the value of key.
func duration(d *data.Decoder, v *yaml.Node, key string) time.Duration {
	s := d.String(v)
	if v.Tag == "!!int" || v.Tag == "!!float" {
		s += "m" // a number of minutes, 7.5 as well as 45
	}
	dur, err := time.ParseDuration(s)
	switch {
	case err != nil && durationForm.MatchString(s):
		d.Failf(v, "%s %q is too long: a duration is at most 2562047h (292 years)", key, v.Value)
	case err != nil || dur < 0:
		d.Failf(v, "%s must look like 45m, 1h or 1h30m, or be a number of minutes, found %q", key, v.Value)
	}
	return dur
}

// durationForm is what time.ParseDuration reads, whatever the size.
var durationForm = regexp.MustCompile(`^([0-9]+(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$`)

// Chapters returns the page's direct child chapters.
func (p *Page) Chapters() []*Page { return p.childrenOf(Chapter) }

// Sections returns the page's direct subsections.
func (p *Page) Sections() []*Page { return p.childrenOf(Section) }

func (p *Page) childrenOf(k Kind) []*Page {
	var out []*Page
	for _, c := range p.Children {
		if c.Kind == k {
			out = append(out, c)
		}
	}
	return out
}

// Ancestors returns the pages above p, the home page first.
func (p *Page) Ancestors() []*Page {
	var up []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		up = append([]*Page{a}, up...)
	}
	return up
}

// Section returns the section p belongs to, or nil at the top level.
func (p *Page) Section() *Page {
	if p.Parent == nil || p.Parent.Kind == Home {
		return nil
	}
	return p.Parent
}

// TrainerEdition is the edition with trainer notes and trainer-only pages.
const TrainerEdition = "trainer"

// InEdition says whether the page is part of an edition ("" for the
// participants'): a trainer-only page is in the trainer edition alone.
func (p *Page) InEdition(edition string) bool {
	return p.Meta.Edition == "" || edition == TrainerEdition
}

// VisibleIn keeps the pages that are part of an edition.
func VisibleIn(pages []*Page, edition string) []*Page {
	for i, p := range pages {
		if !p.InEdition(edition) {
			out := append([]*Page{}, pages[:i]...)
			for _, q := range pages[i+1:] {
				if q.InEdition(edition) {
					out = append(out, q)
				}
			}
			return out
		}
	}
	return pages
}

// PrevIn is the previous chapter in an edition, skipping pages not in it.
func (p *Page) PrevIn(edition string) *Page {
	q := p.Prev
	for q != nil && !q.InEdition(edition) {
		q = q.Prev
	}
	return q
}

// NextIn is the next chapter in an edition, skipping pages not in it.
func (p *Page) NextIn(edition string) *Page {
	q := p.Next
	for q != nil && !q.InEdition(edition) {
		q = q.Next
	}
	return q
}

// TotalDuration is the page's own duration plus that of every page below
// it, trainer-only pages aside.
func (p *Page) TotalDuration() time.Duration {
	total := p.Meta.Duration
	for _, c := range p.Children {
		if c.InEdition("") { // a trainer's preparation is not course time
			total += c.TotalDuration()
		}
	}
	return total
}

// Translation returns p in lang, or nil.
func (p *Page) Translation(lang string) *Page { return p.Translations[lang] }

func (p *Page) String() string { return fmt.Sprintf("%s %s", p.Lang, p.URL) }
