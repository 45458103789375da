package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"lentera/generator/fileerr"
)

// LayoutsDir holds the templates.
const LayoutsDir = "layouts"

// Layout files. Every page executes base.html, which calls the "main"
// template that its kind's file defines. Files under partials/ and
// directives/ are shared by all kinds.
const (
	baseLayout    = "base.html"
	mainTemplate  = "main"
	directivesDir = "directives/"
	partialsDir   = "partials/"
)

// templateSet is the layouts, parsed but not yet bound to a language:
// base, partials and directives shared by every kind of page, and each
// kind's own file alone. Binding puts the two together (bindKind).
type templateSet struct {
	kinds  map[string]*template.Template // each kind's own file
	common *template.Template            // base, partials and directives: for embeds
}

// origin names a layout file for messages: the site's own copy, or the
// built-in theme's.
type origin interface{ Origin(name string) string }

// Minify shrinks a layout's source, Go template actions and all, once at
// load, so that the pages rendered through it need no minify pass of
// their own. Nil leaves layouts as written.
type Minify func(src []byte) ([]byte, error)

// Layouts are the layouts of a site, parsed for New.
type Layouts struct{ exact, small *templateSet }

// ParseLayouts parses the layouts in fsys, minified with minify unless it
// is nil, for New: a caller may do it beforehand, beside other work, as
// they depend on no page.
func ParseLayouts(fsys fs.FS, minify Minify) (*Layouts, error) {
	exact, small, err := parseLayouts(fsys, minify)
	if err != nil {
		return nil, err
	}
	return &Layouts{exact: exact, small: small}, nil
}

// parseLayouts reads every .html file under layouts/: as written, and,
// with minify, minified. The minified set renders the pages; the one as
// written gives errors their true line numbers.
func parseLayouts(fsys fs.FS, minify Minify) (exact, small *templateSet, err error) {
	if exact, err = parseSet(fsys, nil); err != nil || minify == nil {
		return exact, exact, err
	}
	small, err = parseSet(fsys, minify)
	if err != nil {
		// The minifier broke a layout that parses as written, which is
		// its problem, not the site's: render the layouts as written.
		return exact, exact, nil
	}
	return exact, small, nil
}

// parseSet reads every .html file under layouts/ into one set per kind.
func parseSet(fsys fs.FS, minify Minify) (*templateSet, error) {
	shared, kinds, err := listLayouts(fsys)
	if err != nil {
		return nil, err
	}
	if !contains(shared, baseLayout) {
		return nil, fileerr.Errorf(path.Join(LayoutsDir, baseLayout), 0, 0, "missing: every page is rendered through it")
	}
	set := &templateSet{kinds: map[string]*template.Template{}}
	if set.common, err = parseFiles(fsys, "", shared, minify); err != nil {
		return nil, err
	}
	for _, k := range kinds {
		// Alone: a kind's pages get copies of the shared templates they
		// reach when a build binds the kind (see bindKind).
		t, err := parseFiles(fsys, k, []string{k}, minify)
		if err != nil {
			return nil, err
		}
		if t.Lookup(mainTemplate) == nil {
			// Caught here, since base.html would fail on it only when a
			// page is rendered, and name itself rather than this file.
			return nil, fileerr.Errorf(layoutFile(fsys, k), 1, 0,
				"defines no %q template: a page layout wraps its content in {{define %q}} … {{end}}, which %s calls", mainTemplate, mainTemplate, baseLayout)
		}
		set.kinds[strings.TrimSuffix(k, ".html")] = t
	}
	return set, nil
}

// listLayouts sorts layout files into the shared ones and the page kinds.
func listLayouts(fsys fs.FS) (shared, kinds []string, err error) {
	err = fs.WalkDir(fsys, LayoutsDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fileerr.New(p, 0, 0, err)
		}
		if e.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		name := strings.TrimPrefix(p, LayoutsDir+"/")
		if name == baseLayout || strings.HasPrefix(name, partialsDir) || strings.HasPrefix(name, directivesDir) {
			shared = append(shared, name)
		} else if !strings.Contains(name, "/") {
			kinds = append(kinds, name)
		}
		return nil
	})
	sort.Strings(shared)
	sort.Strings(kinds)
	return shared, kinds, err
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parseFiles parses files into one template set. Each template is named
// after its file, so that errors point at the file.
func parseFiles(fsys fs.FS, name string, files []string, minify Minify) (*template.Template, error) {
	// The root is named after no file: a file that only defines templates
	// would otherwise replace the root and lose the set.
	root := template.New("set:" + name).Funcs(placeholderFuncs)
	for _, f := range files {
		if err := parseFile(fsys, root, f, minify); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// parseFile parses layout file f into set, as a template named after it.
func parseFile(fsys fs.FS, set *template.Template, f string, minify Minify) error {
	src, err := fs.ReadFile(fsys, path.Join(LayoutsDir, f))
	if err != nil {
		return fileerr.New(path.Join(LayoutsDir, f), 0, 0, err)
	}
	if minify != nil {
		if src, err = minify(src); err != nil {
			return fmt.Errorf("minify %s: %w", f, err)
		}
	}
	if _, err := set.New(f).Parse(string(src)); err != nil {
		return templateError(fsys, err)
	}
	boundLoops(set, f)
	return nil
}

var templatePos = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns html/template's "template: name:line:col: msg" into
// a fileerr.Error on the layout file.
func templateError(fsys fs.FS, err error) error {
	var fe *fileerr.Error
	if errors.As(err, &fe) {
		return err
	}
	msg := err.Error()
	m := templatePos.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("layouts: %w", err)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return fileerr.New(layoutFile(fsys, m[1]), line, col, errors.New(cleanTemplateMessage(m[4])))
}

// layoutFile is the path of layout name for messages: the site's own
// copy, or the built-in theme's.
func layoutFile(fsys fs.FS, name string) string {
	file := path.Join(LayoutsDir, name)
	if o, ok := fsys.(origin); ok {
		file = o.Origin(file)
	}
	return file
}

// cleanTemplateMessage drops the wrapper html/template puts around errors
// that a template function returned, which repeats the position; names the
// range a loop failed in, as boundLoops wrote the call, not the author;
// and shortens the action quoted, which may be kilobytes long.
func cleanTemplateMessage(msg string) string {
	msg = strings.Replace(msg, " at <loop>: ", " at <range>: ", 1)
	if i := strings.Index(msg, "error calling "); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			msg = msg[:i] + msg[i+j+2:]
		}
	}
	if i := strings.Index(msg, " at <"); i >= 0 {
		if j := strings.Index(msg[i:], ">: "); j > maxQuoted {
			msg = runeCut(msg, i+maxQuoted) + "…" + msg[i+j:]
		}
	}
	return msg
}

// maxQuoted is how much of a layout's action an error quotes.
const maxQuoted = 60

// runeCut is s up to n bytes, cut before a character, not in one.
func runeCut(s string, n int) string {
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:min(n, len(s))]
}
