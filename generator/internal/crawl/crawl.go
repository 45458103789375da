// Package crawl reads the links out of a built site's files and follows
// them over HTTP, for tests that check a published site the way a reader's
// browser meets it: every href, src, srcset, CSS url() and search result
// must lead somewhere.
package crawl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// Tag is one start tag of a page, with its attributes unescaped.
type Tag struct {
	Name  string
	Attrs map[string]string
}

// Tags lists the start tags of an HTML page in order.
func Tags(page []byte) []Tag {
	var tags []Tag
	l := phtml.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return tags
		case phtml.StartTagToken:
			tag := Tag{Name: string(bytes.ToLower(l.Text())), Attrs: map[string]string{}}
			for {
				tt, _ := l.Next()
				if tt != phtml.AttributeToken {
					break
				}
				val := strings.Trim(string(l.AttrVal()), `"'`)
				tag.Attrs[string(bytes.ToLower(l.AttrKey()))] = html.UnescapeString(val)
			}
			tags = append(tags, tag)
		}
	}
}

// Meta is a page's <meta property|name=… content=…> values by key; a key
// given more than once (og:locale:alternate) has all its values in order.
func Meta(page []byte) map[string][]string {
	meta := map[string][]string{}
	for _, t := range Tags(page) {
		if t.Name != "meta" {
			continue
		}
		key := t.Attrs["property"]
		if key == "" {
			key = t.Attrs["name"]
		}
		if c, ok := t.Attrs["content"]; ok && key != "" {
			meta[key] = append(meta[key], c)
		}
	}
	return meta
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// Links lists the references in a file, by its media type: an HTML page's
// href, src, srcset, and link-preview images, a stylesheet's url()s, and
// the site paths in JSON (search results, a web manifest).
func Links(name string, body []byte) []string {
	switch path.Ext(name) {
	case ".html", "":
		return htmlLinks(body)
	case ".css":
		return cssLinks(body)
	case ".json", ".webmanifest":
		return jsonLinks(body)
	}
	return nil
}

func htmlLinks(page []byte) []string {
	var links []string
	for _, t := range Tags(page) {
		for _, a := range []string{"href", "src", "poster", "action"} {
			if v, ok := t.Attrs[a]; ok {
				links = append(links, v)
			}
		}
		for _, a := range []string{"srcset", "imagesrcset"} {
			if v, ok := t.Attrs[a]; ok {
				links = append(links, srcset(v)...)
			}
		}
		if t.Name == "meta" && isURLMeta(t.Attrs["property"]+t.Attrs["name"]) {
			links = append(links, t.Attrs["content"])
		}
		if s, ok := t.Attrs["style"]; ok {
			links = append(links, cssLinks([]byte(s))...)
		}
	}
	return links
}

// isURLMeta says which link-preview tags hold an address.
func isURLMeta(key string) bool {
	switch key {
	case "og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image":
		return true
	}
	return false
}

func srcset(v string) []string {
	var out []string
	for _, c := range strings.Split(v, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

func cssLinks(css []byte) []string {
	var out []string
	for _, m := range cssURL.FindAllSubmatch(css, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// jsonLinks finds the strings of a JSON file that are site paths or full
// URLs: search results' addresses, a manifest's icons and scope.
func jsonLinks(body []byte) []string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if (strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//")) || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
				out = append(out, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// A Failure is a reference that does not lead to a file.
type Failure struct {
	From, Link string
	Status     int
	Err        error
}

func (f Failure) String() string {
	if f.Err != nil {
		return fmt.Sprintf("%s: %s: %v", f.From, f.Link, f.Err)
	}
	return fmt.Sprintf("%s: %s: status %d", f.From, f.Link, f.Status)
}

// Crawler follows a site's references from its pages.
type Crawler struct {
	Client *http.Client
	// Local maps a reference, already resolved against its page, to the
	// URL to fetch, or reports false for one outside the site (another
	// host, a mailto:). It lets full URLs of the published address
	// (canonical links, link-preview images) be checked on a test server.
	Local func(*url.URL) (*url.URL, bool)
}

// Crawl fetches every start URL and every site file they lead to, at any
// depth, and returns the references that fail, and the URLs fetched.
func (c *Crawler) Crawl(start ...string) (failures []Failure, fetched []string) {
	seen := map[string]bool{}
	type item struct{ from, link string }
	var queue []item
	for _, s := range start {
		queue = append(queue, item{"(start)", s})
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		from := &url.URL{}
		if it.from != "(start)" {
			from, _ = url.Parse(it.from) // a URL this crawl fetched
		}
		ref, err := url.Parse(it.link)
		if err != nil {
			failures = append(failures, Failure{From: it.from, Link: it.link, Err: fmt.Errorf("not a URL")})
			continue
		}
		target, ok := c.Local(from.ResolveReference(ref))
		if !ok {
			continue
		}
		target.Fragment = ""
		key := target.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		fetched = append(fetched, key)
		resp, err := c.Client.Get(key)
		if err != nil {
			failures = append(failures, Failure{From: it.from, Link: it.link, Err: err})
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			failures = append(failures, Failure{From: it.from, Link: it.link, Status: resp.StatusCode, Err: err})
			continue
		}
		final := resp.Request.URL.String()
		for _, l := range Links(fileName(resp), body) {
			queue = append(queue, item{final, l})
		}
	}
	sort.Strings(fetched)
	return failures, fetched
}

// fileName gives a response the extension its type has, so that a folder's
// index.html reads as HTML.
func fileName(resp *http.Response) string {
	p := resp.Request.URL.Path
	ct := resp.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return "index.html"
	case strings.HasPrefix(ct, "text/css"):
		return "x.css"
	}
	return p
}
