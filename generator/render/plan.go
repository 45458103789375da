package render

import (
	"path"
	"sort"
	"strings"

	"lentera/generator/data"
	"lentera/generator/site"
)

// Plan lists every page of one edition: per language its home, sections,
// chapters, search page, 404 page, workbook and worksheets; and "/" with
// its 404 page. The participant edition's "/" is the default language's
// home again; the trainer edition's is its own home, and each of its
// languages has a session plan and a translation status page.
func (r *Renderer) Plan(edition string) []Job {
	prefix := editionPrefix(edition)
	def := r.site.Config.DefaultLang()
	root := "root"
	if edition == trainerEdition {
		root = trainerHome
	}
	var home *site.Page
	if root == "root" {
		home = r.site.Lang(def).Home
	}
	jobs := []Job{
		{Kind: root, Lang: def, Edition: edition, Page: home, Path: prefix + "index.html", URL: "/"},
		{Kind: "404", Lang: def, Edition: edition, Path: prefix + "404.html", URL: "/404.html"},
	}
	for _, lang := range r.site.Languages {
		for _, p := range lang.Pages {
			jobs = PlanPage(jobs, edition, p)
		}
		for _, kind := range []string{"search", "print"} {
			url := "/" + lang.Code + "/" + kind + "/"
			jobs = append(jobs, Job{Kind: kind, Lang: lang.Code, Edition: edition, Path: prefix + url[1:] + "index.html", URL: url})
		}
		if edition == trainerEdition {
			jobs = append(jobs, r.trainerJobs(lang.Code)...)
		}
		url := "/" + lang.Code + "/404.html"
		jobs = append(jobs, Job{Kind: "404", Lang: lang.Code, Edition: edition, Path: prefix + url[1:], URL: url})
		jobs = append(jobs, r.glossaryJob(lang.Code, edition, prefix)...)
		if edition != "" && len(r.ofKind("quiz")) > 0 {
			url := QuizKeyURL(lang.Code)
			jobs = append(jobs, Job{Kind: "quizkey", Lang: lang.Code, Edition: edition, Path: prefix + url[1:] + "index.html", URL: url})
		}
		for _, src := range r.worksheetSrcs() {
			url := WorksheetURL(lang.Code, src)
			jobs = append(jobs, Job{Kind: "worksheet", Lang: lang.Code, Edition: edition, Data: r.site.Data[src],
				Path: prefix + site.FilePath(url)[1:] + "index.html", URL: url})
		}
	}
	return jobs
}

// PlanPage appends to jobs the pages one page of the site makes in an
// edition: none when it is not in it, else itself, and in the trainer
// edition a chapter's slides too.
func PlanPage(jobs []Job, edition string, p *site.Page) []Job {
	if !p.InEdition(edition) {
		return jobs
	}
	prefix := editionPrefix(edition)
	jobs = append(jobs, Job{Kind: kindName(p.Kind), Lang: p.Lang, Edition: edition, Page: p,
		Path: prefix + strings.TrimPrefix(site.FilePath(p.URL), "/") + "index.html", URL: p.URL})
	// Trainers get a slide view of every chapter.
	if edition != "" && p.Kind == site.Chapter {
		url := SlidesURL(p)
		jobs = append(jobs, Job{Kind: "slides", Lang: p.Lang, Edition: edition, Page: p,
			Path: prefix + strings.TrimPrefix(site.FilePath(url), "/") + "index.html", URL: url})
	}
	return jobs
}

// editionPrefix is where an edition's pages go in the output: "" for the
// participant edition, "trainer/" for the trainer's.
func editionPrefix(edition string) string {
	if edition == "" {
		return ""
	}
	return edition + "/"
}

func (r *Renderer) worksheetSrcs() []string {
	var srcs []string
	for src, d := range r.site.Data {
		if IsWorksheet(d) {
			srcs = append(srcs, src)
		}
	}
	sort.Strings(srcs)
	return srcs
}

// ofKind lists the data files of a kind, by src.
func (r *Renderer) ofKind(kind string) []*data.Doc {
	var docs []*data.Doc
	for _, d := range r.site.Data {
		if d.Kind == kind {
			docs = append(docs, d)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Src < docs[j].Src })
	return docs
}

// SlidesURL is the site path of a chapter's slide view, in the trainer
// edition.
func SlidesURL(p *site.Page) string { return p.URL + "slides/" }

// QuizKeyURL is the site path of the trainer's page of quiz answers.
func QuizKeyURL(lang string) string { return "/" + lang + "/quiz-key/" }

func kindName(k site.Kind) string {
	switch k {
	case site.Home:
		return "home"
	case site.Section:
		return "section"
	}
	return "chapter"
}

// WorksheetURL is the site path of a data file's printable page.
func WorksheetURL(lang, src string) string {
	return site.EncodePath("/" + lang + "/worksheets/" + src + "/")
}

// CalendarURL is the site path of a calendar's iCalendar file.
func CalendarURL(lang, src string) string {
	return site.EncodePath("/" + lang + "/calendars/" + path.Clean(src) + ".ics")
}
