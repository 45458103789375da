package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
)

// fragments are the shared partials a binding has rendered, by name. A
// partial shown on every page whose output depends only on the language
// and edition, such as the footer, is rendered once per build and copied
// after that: one template run where a large course needs thousands.
type fragments struct {
	set  *template.Template // the bound layouts the partials are run from
	done sync.Map           // name -> template.HTML
}

// shared is the output of the partial name run with data, the same for
// every page of the binding's language and edition: the first page's data
// renders it, and later pages get that output. A partial the site writes
// itself runs for every page, as it may show the page's own data. (A
// shared partial that includes others would need them checked too; the
// theme's include none.)
func (b *binding) shared(name string, data any) (template.HTML, error) {
	if out, ok := b.fragments.done.Load(name); ok {
		return out.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := b.fragments.set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("shared %q: %w", name, err)
	}
	out := template.HTML(buf.String())
	if !b.r.themeLayouts[name] {
		return out, nil
	}
	stored, _ := b.fragments.done.LoadOrStore(name, out)
	return stored.(template.HTML), nil
}

// themeLayouts names the layout files that are the theme's own, not
// written or changed by the site.
func themeLayouts(layouts, theme fs.FS) (map[string]bool, error) {
	same := map[string]bool{}
	err := fs.WalkDir(layouts, LayoutsDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		mine, err := fs.ReadFile(layouts, p)
		if err != nil {
			return err
		}
		theirs, err := fs.ReadFile(theme, p)
		if err == nil && bytes.Equal(mine, theirs) {
			same[strings.TrimPrefix(p, LayoutsDir+"/")] = true
		}
		return nil
	})
	return same, err
}

// forgetShared drops every binding's shared partials, which were rendered
// from an older model of the site.
func (r *Renderer) forgetShared() {
	for _, l := range r.bound {
		if l.bs != nil {
			l.bs.binding.fragments.done.Clear()
		}
	}
}
