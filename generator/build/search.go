package build

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
)

// unstemmed says, once per build, which languages search matches without
// stemming: a reader typing "casas" will not find "casa" there.
func unstemmed(s *site.Site) []error {
	var langs []string
	for _, l := range s.Config.Languages {
		if search.Stemmed(l) == "" {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		return nil
	}
	return []error{fmt.Errorf("search: no stemmer for %s: words are found as written (case and accents aside), not in their other forms",
		strings.Join(langs, ", "))}
}

// searchIndexes builds the search index of every language and edition from
// the rendered HTML of its pages, next to its search page. An index whose
// pages are unchanged is kept. A page in both editions is analysed once:
// the trainer edition takes the analyses the participant edition made.
// The indexes are made one after the other, beside the workbooks: made
// side by side, two languages' working sets were in memory at once (a
// cold build of 2 x 5,000 chapters peaked 50 MB higher). A language's
// editions go in turn, so that a streaming build can let go of its
// analyses once they are done with. Unchanged indexes are only looked up
// in the last output, a file system call a file and little memory: that
// goes on beside the indexes to make (after an edit, a third of the
// gather phase).
func (b *Builder) searchIndexes(s *site.Site, docs render.Docs, editions []string, prev, next *cache) ([]publish.File, error) {
	next.search, next.analysed = map[string]searchEntry{}, map[uint64]*search.Page{}
	slots := planIndexes(s, docs, editions, next.theme)
	checked := b.checkUnchanged(slots, prev)
	entries := make([]searchEntry, len(slots))
	build := func(i int) (err error) {
		sl := slots[i]
		entries[i], err = b.searchIndex(sl, prev, next)
		next.search[sl.dir] = entries[i]
		return err
	}
	for i, sl := range slots {
		if sl.unchanged {
			continue
		}
		if err := build(i); err != nil {
			<-checked
			return nil, err
		}
		if b.stream != nil && sl.lastOfLang && !slots.anyUnchanged(sl.lang) {
			b.keepForCache(slots.keys(sl.lang), next)
		}
	}
	reused, err := <-checked, error(nil)
	for i, sl := range slots {
		if !sl.unchanged {
			continue
		}
		switch {
		case reused[i].err != nil:
			err = reused[i].err
		case reused[i].ok:
			entries[i], next.search[sl.dir] = prev.search[sl.dir], prev.search[sl.dir]
			for _, k := range sl.keys {
				// A page in both editions may be analysed already for
				// the other one's new index.
				if next.analysed[k] == nil {
					next.analysed[k] = prev.analysed[k]
				}
			}
		default:
			err = build(i)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, sl := range slots {
		if b.stream != nil && sl.lastOfLang && slots.anyUnchanged(sl.lang) {
			b.keepForCache(slots.keys(sl.lang), next)
		}
	}
	var files []publish.File
	for _, e := range entries {
		files = append(files, e.files...)
	}
	return files, nil
}

// searchSlot is the index of one language and edition.
type searchSlot struct {
	lang, dir  string
	docs       []search.Doc
	keys       []uint64 // of the pages, as searchDocs makes them
	key        uint64   // of the whole index
	unchanged  bool     // the last build made an index of the same key
	lastOfLang bool     // the language's last edition
}

type searchSlots []searchSlot

// planIndexes lists the indexes to make, language by language.
func planIndexes(s *site.Site, docs render.Docs, editions []string, theme uint64) searchSlots {
	urls := site.NewURLs(s.Config.BaseURL)
	var slots searchSlots
	for _, lang := range s.Languages {
		for i, ed := range editions {
			sl := searchSlot{lang: lang.Code, dir: editionPath(ed, "/"+lang.Code+"/search/"), lastOfLang: i == len(editions)-1}
			sl.docs, sl.keys = searchDocs(lang, docs, urls.Edition(ed), ed)
			sl.docs, sl.keys = withGlossary(s, lang, urls.Edition(ed), render.GlossaryTitle(s, lang.Code), sl.docs, sl.keys)
			h := digest.New()
			h.Int(int64(theme))
			for _, k := range sl.keys {
				h.Int(int64(k))
			}
			sl.key = h.Sum()
			slots = append(slots, sl)
		}
	}
	return slots
}

func (ss searchSlots) anyUnchanged(lang string) bool {
	for _, sl := range ss {
		if sl.lang == lang && sl.unchanged {
			return true
		}
	}
	return false
}

// keys are the page keys of every index of a language.
func (ss searchSlots) keys(lang string) []uint64 {
	var keys []uint64
	for _, sl := range ss {
		if sl.lang == lang {
			keys = append(keys, sl.keys...)
		}
	}
	return keys
}

// reuseResult is whether an unchanged index was found in the last output.
type reuseResult struct {
	ok  bool
	err error
}

// checkUnchanged marks the slots whose index is unchanged since the last
// build and looks their files up in the last output (see reuseIndex), in
// the background; the channel gives the results by slot.
func (b *Builder) checkUnchanged(slots searchSlots, prev *cache) <-chan []reuseResult {
	for i, sl := range slots {
		e, ok := prev.search[sl.dir]
		slots[i].unchanged = ok && e.key == sl.key
	}
	done := make(chan []reuseResult, 1)
	go func() {
		results := make([]reuseResult, len(slots))
		for i, sl := range slots {
			if sl.unchanged {
				results[i].ok, results[i].err = b.reuseIndex(prev.search[sl.dir], prev.output)
			}
		}
		done <- results
	}()
	return done
}

// keepForCache lets go of what a streaming build no longer needs of the
// analyses of a language whose indexes are made: all of it when no build
// cache is saved, else their decoded terms, the cache taking them
// encoded (see search.Page.Compact).
func (b *Builder) keepForCache(keys []uint64, next *cache) {
	for _, k := range keys {
		switch p := next.analysed[k]; {
		case p == nil:
		case b.opts.CacheDir == "":
			delete(next.analysed, k)
		default:
			p.Compact()
		}
	}
}

// searchIndex assembles the index of one language and edition. It analyses
// only the pages that are new or changed since the last build, and not
// analysed by this build already.
func (b *Builder) searchIndex(sl searchSlot, prev, next *cache) (searchEntry, error) {
	pages, err := b.analyse(sl.lang, sl.docs, sl.keys, prev, next)
	if err != nil {
		return searchEntry{}, fmt.Errorf("search index %s: %w", sl.lang, err)
	}
	index, err := search.Assemble(sl.lang, pages)
	if err != nil {
		return searchEntry{}, fmt.Errorf("search index %s: %w", sl.lang, err)
	}
	// The index files are compact already; minifying them would only cost
	// time.
	entry := searchEntry{key: sl.key}
	for _, f := range index {
		entry.files = append(entry.files, publish.File{Path: sl.dir + f.Path, Body: f.Body})
	}
	return entry, b.writeIndex(entry.files)
}

// writeIndex puts an index's files into a streaming build's output as soon
// as the index is made, and lets go of their bodies, so that the build
// does not hold every index until the end. The entry file stays: the
// search page carries it.
func (b *Builder) writeIndex(files []publish.File) error {
	if b.stream == nil {
		return nil
	}
	return b.stream.putAll(files, func(f publish.File) bool { return path.Base(f.Path) == search.EntryFile })
}

// reuseIndex puts the files of an unchanged index that the build cache
// keeps without their body into the stream, from the last output, which
// rec, its record, describes. It reports false when one is not there as
// written, or there is no stream: the index is then made again, from the
// analyses.
func (b *Builder) reuseIndex(e searchEntry, rec publish.Record) (bool, error) {
	for _, f := range e.files {
		if f.Body != nil {
			continue
		}
		if reused, err := b.stream.reuse(rec.Files[f.Path]); !reused || err != nil {
			return false, err
		}
	}
	return true, nil
}

// letGoOfIndexes keeps, of the index files a streaming build wrote, only
// their paths: the record of the output says what was written, and the
// build cache holds a few bytes a file where it held kilobytes. The entry
// file keeps its body: the search page carries it.
func (c *cache) letGoOfIndexes() {
	for dir, e := range c.search {
		kept := searchEntry{key: e.key, files: slices.Clone(e.files)}
		for i, f := range kept.files {
			if _, ok := c.output.Files[f.Path]; ok && path.Base(f.Path) != search.EntryFile {
				kept.files[i].Body = nil
			}
		}
		c.search[dir] = kept
	}
}

// analyse returns the analysed pages, taking those whose key this build
// or else the last knew from there.
func (b *Builder) analyse(lang string, docs []search.Doc, keys []uint64, prev, next *cache) ([]*search.Page, error) {
	pages := make([]*search.Page, len(docs))
	// The cache's pages are decoded here, on every processor; one that
	// does not decode is analysed again.
	parallel.Do(len(keys), func(i int) error {
		if p := next.analysed[keys[i]]; p != nil {
			pages[i] = p
		} else if p := prev.analysed[keys[i]]; p != nil && p.Ready() == nil {
			pages[i] = p
		}
		return nil
	})
	var todo []search.Doc
	var at []int
	for i := range keys {
		if pages[i] == nil {
			d := docs[i]
			d.Description = b.inline.Plain(lang, d.Description)
			todo = append(todo, d)
			at = append(at, i)
		}
	}
	fresh, err := search.Analyze(lang, todo)
	if err != nil {
		return nil, err
	}
	for j, p := range fresh {
		pages[at[j]] = p
	}
	for i, k := range keys {
		next.analysed[k] = pages[i]
	}
	return pages, nil
}

// searchDocs lists the pages of a language and edition for the index, each
// with a key of everything the index takes from it. Each description is
// still the front matter's Markdown: analyse makes text of those it
// analyses, as after an edit most pages are not, and the text follows
// from the Markdown and the language.
func searchDocs(lang *site.Language, docs render.Docs, urls site.URLs, edition string) ([]search.Doc, []uint64) {
	var out []search.Doc
	var keys []uint64
	pass := markup.Pass{Edition: edition}
	for _, p := range lang.Pages {
		doc := docs[p]
		if doc == nil || !p.InEdition(edition) {
			continue
		}
		d := search.Doc{
			URL:         urls.Rel(p.URL),
			Title:       p.Meta.Title,
			Description: p.Meta.Description,
			Text:        func() []markup.Section { return doc.Text(pass) }, // most pages are not analysed again
		}
		if sec := p.Section(); sec != nil {
			d.Section = sec.Meta.Title
		}
		h := digest.New()
		h.String(lang.Code + "\x00" + d.URL + "\x00" + d.Title + "\x00" + d.Section + "\x00" + d.Description)
		h.Int(int64(doc.Sum(pass)))
		out, keys = append(out, d), append(keys, h.Sum())
	}
	return out, keys
}
