package render

import (
	"io"
	"strings"
	"time"

	"lentera/generator/data"
	"lentera/generator/markup"
	"lentera/generator/site"
)

// EmbedView is what a directives/<name>.html layout sees.
type EmbedView struct {
	Lang         string
	Edition      string
	Page         *site.Page // the page that embeds the data
	Doc          *data.Doc
	ID           string   // an id unique in the page and pass; use it as a prefix for ids inside
	Classes      []string // from .class attributes
	Workbook     bool     // rendered inside the printed workbook
	StorageKey   string   // localStorage key for a reader's ticks, as StorageKey makes it
	WorksheetURL string   // site path of the printable worksheet, for checklists and plans
	CalendarURL  string   // site path of the .ics file, for calendars
	Next         *data.Event
	BuildDate    time.Time
}

// Embed returns the markup.Embedder for pages of a language. The edition
// comes with each pass.
func (r *Renderer) Embed(lang string) markup.Embedder {
	return func(w io.Writer, d *markup.Directive, doc *data.Doc, pass markup.Pass) error {
		bs, err := r.boundFor(lang, pass.Edition)
		if err != nil {
			return err
		}
		v := &EmbedView{
			Lang:        lang,
			Edition:     pass.Edition,
			Page:        d.Page(),
			Doc:         doc,
			ID:          embedID(d, pass),
			Classes:     d.Classes,
			Workbook:    pass.Workbook,
			StorageKey:  StorageKey(doc.Src),
			CalendarURL: CalendarURL(lang, doc.Src),
			BuildDate:   r.buildDate,
		}
		if IsWorksheet(doc) {
			v.WorksheetURL = WorksheetURL(lang, doc.Src)
		}
		if doc.Calendar != nil {
			v.Next = doc.Calendar.Next(r.buildDate)
		}
		name := directivesDir + d.Name + ".html"
		if err := bs.common.ExecuteTemplate(w, name, v); err != nil {
			return r.exactError(lang, pass.Edition, err, func(bs *boundSet, w io.Writer) error {
				return bs.common.ExecuteTemplate(w, name, v)
			})
		}
		return nil
	}
}

// embedID is the directive's #id, or one made from its kind and data name,
// with the workbook's page prefix when needed.
func embedID(d *markup.Directive, pass markup.Pass) string {
	id := d.ID
	if id == "" {
		id = d.Name + "-" + data.Slug(strings.ReplaceAll(d.Attrs["src"], "/", "-"))
	}
	if pass.Workbook {
		id = markup.InPart(d.Page(), id)
	}
	return id
}

// StorageKey is where a reader's browser keeps the ticks of a checklist or
// plan: one key per data file, so the chapters that embed it, in every
// language and edition, and its worksheet page show the same ticks.
func StorageKey(src string) string { return "lentera:ticks:" + src }
