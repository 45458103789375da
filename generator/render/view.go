package render

import (
	"html/template"
	"strings"
	"time"
	"unsafe"

	"lentera/generator/data"
	"lentera/generator/markup"
	"lentera/generator/session"
	"lentera/generator/site"
	"lentera/generator/translation"
)

// View is what a page layout sees.
type View struct {
	Kind          string // home, section, chapter, search, 404, root, worksheet, print
	Lang          string
	Edition       string // "" or "trainer"
	Site          *site.Site
	SiteTitle     string
	Language      *site.Language
	Page          *site.Page // home, section and chapter pages; nil for the others
	Title         string
	Description   string
	Summary       string // the meta description and link preview's, as plain text (see summary)
	URL           string // site path of this page, without base path or edition
	Content       template.HTML
	TOC           []markup.Heading
	Switch        []LangLink   // the same page in each other language
	Alternates    []LangLink   // every language the page exists in, itself included (hreflang)
	Data          *data.Doc    // worksheet pages: the checklist or plan
	EmbeddedIn    []*site.Page // worksheet pages: chapters that embed it
	Parts         []Part       // print: every page of the course in order
	Worksheets    []*data.Doc  // print: the worksheets at the end
	Quizzes       []*data.Doc  // quizkey: every quiz, by src
	Glossary      []data.Term  // glossary and print: every term, in alphabetical order
	SearchEntry   template.JS  // search: the index's entry file (JSON), for an inline <script>
	SearchScripts []string     // search: the client's scripts for the language, for scripts
	BuildDate     time.Time
	NoIndex       bool // keep search engines away (trainer edition, 404)

	Status   *translation.Report // trainer edition: every chapter's translations
	Schedule *session.Plan       // plan: the timetable of the page's language
	Stale    *translation.Entry  // trainer edition: this chapter's translation is behind
	Share    *Share              // what a link preview of the page shows

	needs      map[string]bool
	hasQuizzes bool
}

// summary is v's Summary: its description as plain text, else the lead of
// its page; for the pages the build makes, the worksheets and a page with
// no paragraph of its own (a glossary that is all terms), its language
// home's.
func (r *Renderer) summary(v *View, lang *site.Language, docs Docs) string {
	if v.Description != "" {
		return r.inline.Plain(v.Lang, v.Description)
	}
	if doc := docs[v.Page]; doc != nil && doc.Lead != "" {
		return doc.Lead
	}
	if lang == nil || lang.Home == nil || v.Page == lang.Home {
		return ""
	}
	if d := r.site.Config.Description.In(v.Lang, r.site.Config.DefaultLang()); d != "" {
		return r.inline.Plain(v.Lang, d)
	}
	if d := lang.Home.Meta.Description; d != "" {
		return r.inline.Plain(v.Lang, d)
	}
	if doc := docs[lang.Home]; doc != nil {
		return doc.Lead
	}
	return ""
}

// SlidesURL is the site path of the chapter's slide view, in the trainer
// edition, or "".
func (v *View) SlidesURL() string {
	if v.Edition == "" || v.Page == nil || v.Page.Kind != site.Chapter {
		return ""
	}
	return SlidesURL(v.Page)
}

// GlossaryURL is the site path of the language's glossary page, or "" when
// the site has no glossary.
func (v *View) GlossaryURL() string {
	if len(Glossaries(v.Site)) == 0 {
		return ""
	}
	return markup.GlossaryURL(v.Lang)
}

// QuizKeyURL is the site path of the answer key page in the trainer
// edition of a site with quizzes, or "".
func (v *View) QuizKeyURL() string {
	if v.Edition == "" || !v.hasQuizzes {
		return ""
	}
	return QuizKeyURL(v.Lang)
}

// Needs reports whether the page's text uses a feature that has a script
// of its own ("quiz", "terms"), so pages without it do not load it.
func (v *View) Needs(feature string) bool { return v.needs[feature] }

// LangLink leads to a page in another language. When the page has no
// translation, URL is that language's home and Translated is false, so
// layouts can say so.
type LangLink struct {
	Lang       string
	Name       string
	URL        string // site path, without edition
	Translated bool
}

// Part is one page of the workbook.
type Part struct {
	Page   *site.Page
	Anchor string // the id of the part; every id inside it starts with it
	doc    *markup.Doc
	pass   markup.Pass
	run    *bookRun
}

// Section is the part as partials/print-part.html renders it, or as the
// last build's workbook has it when nothing it shows has changed (see
// Book).
func (p Part) Section() (template.HTML, error) { return p.run.section(p) }

// Content is the part's converted HTML. It is read when the layout shows
// it, so that a workbook whose pages are in a spool does not read them all
// before it writes the first.
func (p Part) Content() template.HTML {
	if p.doc == nil {
		return ""
	}
	return converted(p.doc.HTML(p.pass))
}

func (r *Renderer) view(job Job, docs Docs) *View {
	lang := r.site.Lang(job.Lang)
	v := &View{
		Kind:      job.Kind,
		Lang:      job.Lang,
		Edition:   job.Edition,
		Site:      r.site,
		SiteTitle: r.site.Config.Title.In(job.Lang, r.site.Config.DefaultLang()),
		Language:  lang,
		Page:      job.Page,
		URL:       job.URL,
		Data:      job.Data,
		BuildDate: r.buildDate,
		NoIndex:   job.Edition != "" || job.Kind == "404",
	}
	v.hasQuizzes = len(r.ofKind("quiz")) > 0
	ui := r.strings[job.Lang]
	switch {
	case job.Page != nil:
		v.Title, v.Description = job.Page.Meta.Title, job.Page.Meta.Description
		if v.Description == "" && lang != nil && job.Page == lang.Home {
			v.Description = r.site.Config.Description.In(job.Lang, r.site.Config.DefaultLang())
		}
		if doc := docs[job.Page]; doc != nil {
			v.Content = converted(doc.HTML(markup.Pass{Edition: job.Edition, Slides: job.Kind == "slides"}))
			v.TOC = doc.TOC
			v.needs = r.needs(doc)
		}
	case job.Data != nil:
		v.Title = job.Data.Title.In(job.Lang, r.site.Config.DefaultLang())
		v.Description = job.Data.Description.In(job.Lang, r.site.Config.DefaultLang())
		v.EmbeddedIn = r.embeddedIn(lang, job.Data.Src, docs)
	default:
		v.Title = ui["title_"+job.Kind]
		v.Description = r.site.Config.Description.In(job.Lang, r.site.Config.DefaultLang())
		if v.Description == "" && lang != nil && lang.Home != nil {
			// Without one in site.yaml, the course is described by its
			// home, as the home by site.yaml's when it has none: a page
			// without a description is marked down by search engines,
			// and its link preview says nothing.
			v.Description = lang.Home.Meta.Description
		}
	}
	v.Summary = r.summary(v, lang, docs)
	if job.SearchEntry != nil {
		v.SearchEntry = inlineJS(job.SearchEntry)
	}
	v.SearchScripts = job.SearchScripts
	if job.Kind == "quizkey" {
		v.Quizzes = r.ofKind("quiz")
	}
	if job.Kind == "glossary" || job.Kind == "print" {
		v.Glossary = GlossaryTerms(r.site, job.Lang)
	}
	if job.Kind == "glossary" {
		v.Title = GlossaryTitle(r.site, job.Lang)
	}
	if job.Kind == "print" {
		v.Parts, v.Worksheets = r.workbook(lang, job.Edition, docs)
	}
	v.Switch, v.Alternates = r.languageLinks(job)
	r.trainerView(v, job)
	v.Share = r.share(job, v)
	return v
}

// needs lists the features with scripts of their own that a page uses.
func (r *Renderer) needs(doc *markup.Doc) map[string]bool {
	needs := map[string]bool{"terms": len(doc.Terms) > 0}
	for _, src := range doc.Uses {
		if d := r.site.Data[src]; d != nil {
			needs[d.Kind] = true
		}
	}
	return needs
}

// languageLinks finds the page in every language.
func (r *Renderer) languageLinks(job Job) (switchTo, alternates []LangLink) {
	for _, code := range r.site.Config.Languages {
		link := LangLink{Lang: code, Name: r.names[code], Translated: true}
		switch {
		case job.Page != nil:
			if t := job.Page.Translation(code); t != nil && t.InEdition(job.Edition) {
				link.URL = t.URL
			} else {
				link.URL, link.Translated = r.site.Lang(code).Home.URL, false
			}
		case job.Kind == "root" || job.Kind == "404" || !strings.HasPrefix(job.URL, "/"+job.Lang+"/"):
			// A page that is not in a language folder, or not found, has
			// no twin worth going to: the language's home is.
			link.URL = "/" + code + "/"
		default:
			link.URL = "/" + code + strings.TrimPrefix(job.URL, "/"+job.Lang)
		}
		if link.Translated {
			alternates = append(alternates, link)
		}
		if code != job.Lang {
			switchTo = append(switchTo, link)
		}
	}
	return switchTo, alternates
}

// embeddedIn lists the chapters of a language that embed data file src.
func (r *Renderer) embeddedIn(lang *site.Language, src string, docs Docs) []*site.Page {
	var pages []*site.Page
	for _, p := range lang.Pages {
		if doc := docs[p]; doc != nil && contains(doc.Uses, src) {
			pages = append(pages, p)
		}
	}
	return pages
}

// workbook gathers every page of the course in order, rendered for print,
// and the worksheets their chapters embed. Drafts stay out even in a build
// that publishes them: the workbook is what gets handed out.
func (r *Renderer) workbook(lang *site.Language, edition string, docs Docs) ([]Part, []*data.Doc) {
	var parts []Part
	var sheets []*data.Doc
	seen := map[string]bool{}
	for _, p := range lang.Pages {
		if p.Kind == site.Home || p.Meta.Draft || !p.InEdition(edition) {
			continue
		}
		doc := docs[p]
		parts = append(parts, Part{Page: p, Anchor: markup.Anchor(p), doc: doc, pass: markup.Pass{Edition: edition, Workbook: true}})
		if doc == nil {
			continue
		}
		for _, src := range doc.Uses {
			if d := r.site.Data[src]; IsWorksheet(d) && !seen[src] {
				seen[src] = true
				sheets = append(sheets, d)
			}
		}
	}
	return parts, sheets
}

// converted is a page's converted HTML as a layout takes it, without a
// copy: a copy per page, and per chapter of each workbook, was tens of
// megabytes a build. The bytes are never written once converted (those
// from the build cache are in read-only memory, those from a spool a copy
// of their own), so a string may share them.
func converted(html []byte) template.HTML {
	return template.HTML(unsafe.String(unsafe.SliceData(html), len(html)))
}

// IsWorksheet reports whether a data file gets a printable worksheet page:
// checklists, plans and quizzes do.
func IsWorksheet(d *data.Doc) bool {
	return d != nil && (d.Kind == "checklist" || d.Kind == "plan" || d.Kind == "quiz")
}

// size is about how long the page of v will be: its text, or a workbook's
// every part, and some 10 KB of header, menu and footer. Room for it up
// front spares growing the buffer step by step, megabytes for a workbook.
func (v *View) size(job Job, docs Docs) int {
	return 16<<10 + v.contentSize(job, docs)
}

// contentSize is the HTML of the content a page shows: its own text and
// its parts'.
func (v *View) contentSize(job Job, docs Docs) int {
	n := 0
	for _, p := range v.Parts {
		n += 1024 // its heading, anchors and worksheet links
		if p.doc != nil {
			n += p.doc.Len(p.pass)
		}
	}
	if job.Page != nil {
		if d := docs[job.Page]; d != nil {
			n += d.Len(markup.Pass{Edition: job.Edition})
		}
	}
	return n
}
