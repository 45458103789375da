package bench

import (
	"bytes"
	"context"
	"html"
	"io/fs"
	"os"

	"path/filepath"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"

	"lentera/generator/build"
	"lentera/generator/search"
)

// BuildSite builds the site folder siteDir into out with the generator and
// says how long it took.
func BuildSite(ctx context.Context, siteDir, out string) (time.Duration, error) {
	start := time.Now()
	_, err := build.Build(ctx, build.Options{SiteDir: siteDir, Out: out})
	return time.Since(start), err
}

// HasIndex reports whether the build wrote the search index of a language.
func HasIndex(out, lang string) bool {
	_, err := os.Stat(filepath.Join(out, lang, "search", "index.json"))
	return err == nil
}

// WriteIndex builds the index of one language from the published pages
// under out/<lang>/ and writes it beside the search page. It stands in for
// the build's own call while a build does not write indexes, and it times
// Index alone for the benchmark.
func WriteIndex(out, lang string) (time.Duration, error) {
	docs, err := DocsFromOutput(out, lang)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	files, err := search.Index(lang, docs)
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	dir := filepath.Join(out, lang, "search")
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(p, f.Body, 0o644); err != nil {
			return 0, err
		}
	}
	return took, nil
}

// DocsFromOutput reads back the pages of one language from a built site:
// each page's <article> (without its navigation and table of contents), its
// <h1> as title and its meta description.
func DocsFromOutput(out, lang string) ([]search.Doc, error) {
	var docs []search.Doc
	root := filepath.Join(out, lang)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		url := "/" + filepath.ToSlash(rel) + "/"
		if strings.HasPrefix(url, "/"+lang+"/search/") || strings.HasPrefix(url, "/"+lang+"/print/") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if doc, ok := readPage(b); ok {
			doc.URL = url
			docs = append(docs, doc)
		}
		return nil
	})
	return docs, err
}

// readPage pulls a Doc out of a rendered page; ok is false when the page
// has no article.
func readPage(page []byte) (doc search.Doc, ok bool) {
	l := phtml.NewLexer(parse.NewInputBytes(page))
	var body, title bytes.Buffer
	depth, skip, inTitle := 0, 0, false
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			doc.HTML = body.Bytes()
			doc.Title = strings.TrimSpace(html.UnescapeString(title.String()))
			return doc, ok
		case phtml.StartTagToken:
			tag := strings.ToLower(string(l.Text()))
			switch {
			case tag == "article":
				depth++
				ok = true
				if depth == 1 {
					metaDescription(l) // skip its attributes
					continue
				}
			case tag == "meta":
				if d, found := metaDescription(l); found {
					doc.Description = d
				}
				continue
			case depth > 0 && (tag == "nav" || tag == "details"):
				skip++
			case depth > 0 && tag == "h1":
				inTitle = true
			}
		case phtml.EndTagToken:
			tag := strings.ToLower(string(l.Text()))
			switch {
			case tag == "article":
				depth--
			case depth > 0 && (tag == "nav" || tag == "details"):
				skip--
				continue
			case tag == "h1":
				inTitle = false
				continue
			}
		case phtml.TextToken:
			if inTitle {
				title.Write(data)
				continue
			}
		}
		if depth > 0 && skip == 0 && !inTitle {
			body.Write(data)
		}
	}
}

// metaDescription reads the attributes of a start tag: the content of a
// <meta name="description">.
func metaDescription(l *phtml.Lexer) (string, bool) {
	var name, content string
	for {
		if tt, _ := l.Next(); tt != phtml.AttributeToken {
			return content, name == "description"
		}
		val := html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
		switch strings.ToLower(string(l.AttrKey())) {
		case "name":
			name = val
		case "content":
			content = val
		}
	}
}
