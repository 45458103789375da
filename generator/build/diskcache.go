package build

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/cespare/xxhash/v2"

	"lentera/generator/internal/counted"
	"lentera/generator/internal/digest"
	"lentera/generator/internal/parallel"
	"lentera/generator/internal/wire"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/search"
	"lentera/generator/site"
	"lentera/generator/vcs"
)

// The build cache on disk keeps a Builder's cache from one run of the
// program to the next, so that a build after a small edit converts and
// renders only what the edit changed, as a rebuild in the dev server does.
// Its entries carry the same keys as in memory, the hashes of their inputs,
// and are taken only when those hash the same; so a build with the cache
// gives what a build without it gives.
//
// Each site (its folder, and the options that change every page) has one
// file, replaced whole after each build that saves it (the file replaced
// waits for the next run to remove it, see replacedName):
//
//	magic      "lentera build cache\n"
//	html       the docs' HTML, where their entries say
//	format     cacheFormat, as a varint
//	program    the version of the program that wrote it (programVersion)
//	site       the site key (siteKey), 8 bytes
//	entries    the pages' parsed front matter and their files' stamps
//	           (what the loader takes), the site's Git history, then
//	           docs, cards, resized images, search analyses and the
//	           assets (encodeSettled); then the pages, the sitemap, the
//	           search indexes, what the build wrote into its output, and
//	           the QR codes (encodeOutput)
//	length     of format to entries, 8 bytes little-endian
//	length     of html, 8 bytes little-endian
//	checksum   XXH64 of everything before it but html, 8 bytes
//	           little-endian
//
// The HTML and the settled entries are written from the moment the
// workbooks and search indexes are made, while the build renders the
// search pages, lists the offline files and puts its output in place; the
// rest once it has. Writing the whole file after, 31 MB of it HTML for
// 2 x 1,000 chapters, was about an eighth of a build after an edit.
//
// The entries are read into memory; the HTML, most of the file, is read a
// page at a time when a build uses it (where the system lets a build keep
// the file open while the next build's file is renamed over it), so that a
// build after an edit does not hold the whole site's HTML.
//
// The checksum covers the entries, which hold a sum of each page's HTML:
// the entries are checked before the loader takes its part of them, and
// the HTML against those sums while the site loads, before any page of it
// is used (markup.CheckSpooled). A build so does not wait for the reading
// of the whole HTML, nor hash it again when it writes it into the next
// file.
//
// A file that is cut short, damaged, or written by another program version
// or for another site is not used: the build says so in one warning and
// builds everything.

// cacheFormat changes whenever the layout of the file changes.
const cacheFormat = 27

const cacheMagic = "lentera build cache\n"

// cacheName is the file's name in the site's cache folder.
const cacheName = "build.cache"

// errNoCache is a missing cache file: nothing to warn about.
var errNoCache = errors.New("no build cache")

// siteKey names the site and the options every page depends on, so that
// builds of one folder with other options keep caches of their own.
func (b *Builder) siteKey() uint64 {
	dir, err := filepath.Abs(b.opts.SiteDir)
	if err != nil {
		dir = b.opts.SiteDir
	}
	h := digest.New()
	h.String(dir)
	h.Bool(b.opts.Drafts)
	h.Bool(b.opts.NoMinify)
	h.String(b.opts.BaseURL)
	return h.Sum()
}

// cacheFile is where the site's cache is kept.
func (b *Builder) cacheFile() string {
	return filepath.Join(b.opts.CacheDir, strconv.FormatUint(b.siteKey(), 16), cacheName)
}

// loadCache reads the cache a previous run saved, once per Builder and
// only when it has not built yet. The loader's part is decoded at once;
// the rest, most of the file, on another thread while the site loads,
// which leaves a processor idle for most of its time. takeCache waits for
// it.
func (b *Builder) loadCache() {
	if b.opts.CacheDir == "" || b.disk.loaded {
		return
	}
	b.disk.loaded = true
	b.disk.removed = removeReplaced(b.cacheFile())
	// Stamps are taken from the first build on, for the next run.
	b.loader.Stamp(nil)
	c, rest, err := b.openCache()
	switch {
	case errors.Is(err, errNoCache):
		return
	case err != nil:
		b.disk.warning = ignored(err)
		return
	}
	b.loader.Remember(c.fronts)
	b.loader.Stamp(c.stamps)
	b.trainerText = c.trainer
	if b.gitLog.hist == nil {
		// Taken while current: readHistory then runs no git.
		b.gitLog = gitLog{hist: c.history}
	}
	done := make(chan restOfCache, 1)
	b.disk.rest = done
	go func() {
		resized, err := rest()
		done <- restOfCache{c, resized, err}
	}()
}

// restOfCache is the build cache once decoded whole; see loadCache.
type restOfCache struct {
	cache   *cache
	resized map[string][]publish.File
	err     error
}

// takeCache waits for the rest of the build cache, decoded while the site
// loads, and makes it the last build's. It returns, once, the warning of
// a cache that was ignored.
func (b *Builder) takeCache() error {
	warning := b.disk.warning
	b.disk.warning = nil
	if b.disk.rest == nil {
		return warning
	}
	r := <-b.disk.rest
	b.disk.rest = nil
	if r.err != nil {
		b.disk.html = nil // closed
		return ignored(r.err)
	}
	b.cache, b.resized = r.cache, r.resized
	return nil
}

func ignored(err error) error {
	return fmt.Errorf("build cache ignored (%v): building everything", err)
}

// diskState is where a Builder stands with the build cache on disk.
type diskState struct {
	loaded, saved bool
	version       string // the program version the cache is keyed with; programVersion's when ""
	// The cache is decoded in two steps: what the loader needs at once,
	// the rest while the site loads, to be taken before the first use.
	rest    <-chan restOfCache
	warning error // why the cache was ignored, until taken
	// html gives the HTML of the docs taken from the cache file, read
	// when used.
	html *markup.Spool
	// removed is closed once the file the last save replaced is gone.
	removed <-chan struct{}
	saving  *savingCache // begun by startSave
}

// spoolErr is the first HTML that a spool, the build's or the cache's,
// failed to give back: pages made from it are wrong.
func (b *Builder) spoolErr() error {
	return errors.Join(b.spool.Err(), b.disk.html.Err())
}

// startSave begins b's cache file for the next run, once per Builder (a
// dev server's later rebuilds are not worth the writing), as soon as the
// workbooks and search indexes are made: the docs' HTML and most entries
// are written while the build goes on, and saveCache writes the rest.
func (b *Builder) startSave() {
	if b.opts.CacheDir == "" || b.disk.saved {
		return
	}
	b.disk.saved = true
	b.cache.fronts = b.loader.FrontMatters()
	b.cache.stamps, b.cache.trainer = b.loader.Stamps(), b.trainerText
	b.cache.history = b.gitLog.hist
	s := &savingCache{done: make(chan struct{})}
	b.disk.saving = s
	go func() {
		defer close(s.done)
		// Through parallel.Do, which makes a panic an internal error
		// rather than the end of the program.
		s.err = parallel.Do(1, func(int) (err error) {
			s.tmp, s.cw, err = b.beginCacheFile()
			return err
		})
	}()
}

// savingCache is a cache file startSave began.
type savingCache struct {
	done chan struct{} // closed when tmp and cw are set, or err
	tmp  *os.File
	cw   *cacheWriter
	err  error
}

// saveCache ends the cache file startSave began, or writes it whole. It
// returns a warning when it could not.
func (b *Builder) saveCache() error {
	b.startSave()
	s := b.disk.saving
	if s == nil {
		return nil
	}
	b.disk.saving = nil
	<-s.done
	err := s.err
	if err == nil {
		if b.cache.renderer != nil {
			b.cache.qrs = b.cache.renderer.QRCodes()
		}
		err = b.endCacheFile(s.tmp, s.cw)
	}
	if err != nil {
		return fmt.Errorf("build cache not saved: %w", err)
	}
	return nil
}

// dropSave removes what startSave wrote, for a build that failed after
// it; a later build of the Builder may save.
func (b *Builder) dropSave() {
	s := b.disk.saving
	if s == nil {
		return
	}
	b.disk.saving, b.disk.saved = nil, false
	<-s.done
	if s.tmp != nil {
		s.tmp.Close()
		os.Remove(s.tmp.Name())
	}
}

// openCache reads and checks the cache file and decodes what the loader
// needs: the pages' front matter and stamps. rest decodes the remainder
// into the same cache.
func (b *Builder) openCache() (c *cache, rest func() (map[string][]publish.File, error), err error) {
	file, err := openCacheFile(b.cacheFile())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, errNoCache
	}
	if err != nil {
		return nil, nil, err
	}
	c, finish, err := b.decodeCacheFile(file)
	if err != nil {
		file.close()
		return nil, nil, err
	}
	b.disk.html = file.html
	return c, func() (map[string][]publish.File, error) {
		resized, err := finish()
		if err == nil {
			if err = markup.CheckSpooled(file.html, file.htmlLen, docsOf(c)); err != nil {
				err = fmt.Errorf("damaged: %w", err)
			}
		}
		if err != nil {
			file.close()
		}
		return resized, err
	}, nil
}

// docsOf lists the docs of c, in no order.
func docsOf(c *cache) []*markup.Doc {
	docs := make([]*markup.Doc, 0, len(c.docs))
	for _, e := range c.docs {
		docs = append(docs, e.doc)
	}
	return docs
}

// openedCache is a cache file opened and checked: its entries in memory,
// its HTML in a spool.
type openedCache struct {
	entries []byte
	release func() // of the entries' memory
	html    *markup.Spool
	htmlLen int64
}

func (o *openedCache) close() {
	o.release()
	o.html.Close()
}

// cacheTrailer is the two lengths and the checksum at the file's end.
const cacheTrailer = 24

// openCacheFile opens a cache file and checks its framing and checksum.
// Only a regular file is opened: a named pipe would block the build.
func openCacheFile(name string) (*openedCache, error) {
	if fi, err := os.Stat(name); err != nil || !fi.Mode().IsRegular() {
		return nil, cmp.Or(err, errors.New("not a file"))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	o, err := checkCacheFile(f)
	if err != nil {
		f.Close()
	}
	return o, err
}

func checkCacheFile(f *os.File) (*openedCache, error) {
	trailer, entriesLen, htmlLen, err := readTrailer(f)
	if err != nil {
		return nil, err
	}
	magic := make([]byte, len(cacheMagic))
	if _, err := f.ReadAt(magic, 0); err != nil || string(magic) != cacheMagic {
		return nil, errors.New("not a build cache")
	}
	data, release, err := readCacheFile(f, int64(len(cacheMagic))+htmlLen, int(entriesLen))
	if err != nil {
		return nil, err
	}
	h := xxhash.New()
	h.Write(magic)
	h.Write(data)
	h.Write(trailer[:16])
	if h.Sum64() != binary.LittleEndian.Uint64(trailer[16:]) {
		release()
		return nil, errors.New("damaged: checksum does not match")
	}
	html, err := openHTML(f, int64(len(cacheMagic)), htmlLen)
	if err != nil {
		release()
		return nil, err
	}
	return &openedCache{entries: data, release: release, html: html, htmlLen: htmlLen}, nil
}

// readTrailer reads the lengths and checksum at the end of a cache file,
// and checks that the lengths frame the file.
func readTrailer(f *os.File) (trailer [cacheTrailer]byte, entriesLen, htmlLen int64, err error) {
	fi, err := f.Stat()
	if err != nil {
		return trailer, 0, 0, err
	}
	size := fi.Size()
	switch {
	case size <= int64(len(cacheMagic)) || int64(int(size)) != size:
		return trailer, 0, 0, errors.New("not a build cache: empty or too long")
	case size < int64(len(cacheMagic)+cacheTrailer):
		return trailer, 0, 0, errors.New("cut short")
	}
	if _, err := f.ReadAt(trailer[:], size-cacheTrailer); err != nil {
		return trailer, 0, 0, err
	}
	e, h := binary.LittleEndian.Uint64(trailer[:]), binary.LittleEndian.Uint64(trailer[8:])
	if body := uint64(size) - uint64(len(cacheMagic)+cacheTrailer); e > body || h != body-e {
		return trailer, 0, 0, errors.New("cut short")
	}
	return trailer, int64(e), int64(h), nil
}

// decodeCacheFile decodes what the loader needs of a checked cache file;
// rest decodes the remainder.
func (b *Builder) decodeCacheFile(file *openedCache) (c *cache, rest func() (map[string][]publish.File, error), err error) {
	r := wire.NewReader(file.entries)
	if f := r.Uint(); f != cacheFormat {
		return nil, nil, fmt.Errorf("format %d, not %d", f, cacheFormat)
	}
	version, err := b.programVersion()
	if err != nil {
		return nil, nil, err
	}
	if r.String() != version {
		return nil, nil, errors.New("written by another version of lentera")
	}
	if r.Fixed() != b.siteKey() {
		return nil, nil, errors.New("written for another site or other options")
	}
	c = decodeLoaderPart(r)
	if err := r.Err(); err != nil {
		return nil, nil, fmt.Errorf("damaged: %w", err)
	}
	return c, func() (map[string][]publish.File, error) {
		resized := decodeRest(r, c, file.html, file.htmlLen)
		if err := r.Done(); err != nil {
			return nil, fmt.Errorf("damaged: %w", err)
		}
		return resized, nil
	}, nil
}

func (b *Builder) programVersion() (string, error) {
	if b.disk.version != "" {
		return b.disk.version, nil
	}
	version, err := programVersion()
	if err != nil {
		return "", fmt.Errorf("version of this program unknown: %w", err)
	}
	return version, nil
}

// beginCacheFile writes the first part of the cache into a new file beside
// the old one; endCacheFile writes the rest and renames it over, so that a
// run killed on the way leaves the old file or the new one whole, never
// part of one.
func (b *Builder) beginCacheFile() (*os.File, *cacheWriter, error) {
	version, err := b.programVersion()
	if err != nil {
		return nil, nil, err
	}
	dir := filepath.Dir(b.cacheFile())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	removeStale(dir)
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return nil, nil, err
	}
	cw, err := beginCache(tmp, version, b.siteKey(), b.cache, b.resized)
	if err == nil {
		err = b.spoolErr() // the pages' HTML was read from them
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, nil, err
	}
	return tmp, cw, nil
}

func (b *Builder) endCacheFile(tmp *os.File, cw *cacheWriter) error {
	err := cw.end(b.cache)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		file := b.cacheFile()
		b.keepReplaced(file)
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// The file a save replaces is not removed by it but left, under another
// name, for the next run to remove on a thread of its own while the site
// loads. Removing a file drops its pages from the system's file cache: for
// the 50 MB cache of 2 x 1,000 chapters that was 15 to 25 ms at the end of
// every warm build, with the build done. Until then the site's cache takes
// twice its room on disk.
func replacedName(file string) string { return file + ".replaced" }

// removeReplaced removes what the last save left in replacedName, and
// closes the channel it returns when done.
func removeReplaced(file string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		os.Remove(replacedName(file))
	}()
	return done
}

// keepReplaced links the cache file about to be replaced to replacedName,
// once the last one there is gone. Where it cannot (a file system without
// links, or another run's file there), the file goes when it is replaced.
func (b *Builder) keepReplaced(file string) {
	if b.disk.removed != nil {
		<-b.disk.removed
	}
	os.Link(file, replacedName(file))
}

// tempPattern names the cache files being written.
const tempPattern = cacheName + ".new-*"

// removeStale removes the files of runs that were killed while writing
// the cache, old enough that no run still writes them.
func removeStale(dir string) {
	temps, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, t := range temps {
		if fi, err := os.Lstat(t); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(t)
		}
	}
}

// cacheWriter writes a cache file: beginCache what the build has settled
// once it has gathered, end the rest.
type cacheWriter struct {
	f       io.Writer
	sum     *xxhash.Digest // of the magic, entries and lengths
	entries *counted.Writer
	w       *wire.Writer
	htmlLen int64
}

// beginCache writes the magic, the docs' HTML and encodeSettled's entries
// to f.
func beginCache(f io.Writer, version string, site uint64, c *cache, resized map[string][]publish.File) (*cacheWriter, error) {
	cw := &cacheWriter{f: f, sum: xxhash.New()}
	out := io.MultiWriter(f, cw.sum)
	if _, err := io.WriteString(out, cacheMagic); err != nil {
		return nil, err
	}
	// Not hashed: the entries hold each page's sum.
	html := &counted.Writer{W: f}
	if err := writeHTML(html, docsInOrder(c)); err != nil {
		return nil, err
	}
	cw.entries = &counted.Writer{W: out}
	cw.w = wire.NewWriter(cw.entries)
	cw.w.Uint(cacheFormat)
	cw.w.String(version)
	cw.w.Fixed(site)
	if n := encodeSettled(cw.w, c, resized); n != html.N {
		return nil, fmt.Errorf("the pages' HTML came to %d bytes, not the %d counted", html.N, n)
	}
	cw.htmlLen = html.N
	return cw, nil
}

// end writes encodeOutput's entries, the lengths and the checksum.
func (cw *cacheWriter) end(c *cache) error {
	encodeOutput(cw.w, c)
	if err := cw.w.Flush(); err != nil {
		return err
	}
	lengths := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, uint64(cw.entries.N)), uint64(cw.htmlLen))
	if _, err := io.MultiWriter(cw.f, cw.sum).Write(lengths); err != nil {
		return err
	}
	_, err := cw.f.Write(binary.LittleEndian.AppendUint64(nil, cw.sum.Sum64()))
	return err
}

// writeHTML writes the HTML of docs, as encodeCache listed them.
func writeHTML(out io.Writer, docs []*markup.Doc) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	if err := markup.WriteHTML(bw, docs); err != nil {
		return err
	}
	return bw.Flush()
}

// encodeCache writes what a later run can use: the conversions, rendered
// pages (or what a streaming build wrote of them), search indexes,
// sitemap, cards, smaller copies of images, and the minified assets with
// the icons drawn among them, which are most of a small course's build
// after an edit. The renderer is made again: templates do not encode.
// Entries go in order of their names, so one cache gives one file.
//
// The docs' HTML is not in w: encodeCache returns the docs in the order it
// counted their HTML (docsInOrder), and its length, for writeHTML.
func encodeCache(w *wire.Writer, c *cache, resized map[string][]publish.File) (spooled []*markup.Doc, htmlLen int64) {
	htmlLen = encodeSettled(w, c, resized)
	encodeOutput(w, c)
	return docsInOrder(c), htmlLen
}

// docsInOrder lists the docs as encodeSettled counts their HTML.
func docsInOrder(c *cache) []*markup.Doc {
	docs := make([]*markup.Doc, 0, len(c.docs))
	for _, file := range sortedKeys(c.docs) {
		docs = append(docs, c.docs[file].doc)
	}
	return docs
}

// encodeSettled writes the entries a build has settled once it has made
// its workbooks and search indexes, most of the cache: all but what
// encodeOutput writes.
func encodeSettled(w *wire.Writer, c *cache, resized map[string][]publish.File) (htmlLen int64) {
	c.fronts.Encode(w)
	encodeStamps(w, c.stamps, c.trainer)
	c.history.Encode(w)
	w.Fixed(c.links)
	w.Uint(uint64(len(c.docs)))
	for _, file := range sortedKeys(c.docs) {
		e := c.docs[file]
		w.String(file)
		w.Fixed(e.key)
		w.Uint(uint64(len(e.data)))
		for _, src := range sortedKeys(e.data) {
			sum := e.data[src]
			w.String(src)
			w.Blob(sum[:])
		}
		e.doc.EncodeSpooled(w, &htmlLen)
	}
	encodeEntries(w, c.cards)
	w.Uint(uint64(len(resized)))
	for _, key := range sortedKeys(resized) {
		w.String(key)
		encodeFiles(w, resized[key])
	}
	keys := make([]uint64, 0, len(c.analysed))
	for k := range c.analysed {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.Uint(uint64(len(keys)))
	for _, k := range keys {
		w.Fixed(k)
		c.analysed[k].Encode(w)
	}
	w.Fixed(c.assets.key)
	encodeFiles(w, c.assets.files)
	w.Uint(uint64(len(c.assets.urls)))
	for _, name := range sortedKeys(c.assets.urls) {
		w.String(name)
		w.String(c.assets.urls[name])
	}
	return htmlLen
}

// encodeOutput writes what a build knows once its output is in place: the
// pages, the search pages among them, the sitemap, the search indexes,
// which keep the body only of files the output lacks, the records of the
// output and of the build kept beside it, and the QR codes drawn.
func encodeOutput(w *wire.Writer, c *cache) {
	encodeEntries(w, c.pages)
	w.Fixed(c.sitemap.key)
	w.Blob(c.sitemap.body)
	w.Uint(uint64(len(c.search)))
	for _, dir := range sortedKeys(c.search) {
		w.String(dir)
		encodeIndex(w, c.search[dir])
	}
	encodeRecord(w, c.output)
	encodeRecord(w, c.kept)
	w.Uint(uint64(len(c.qrs)))
	for _, q := range c.qrs {
		w.String(q.Text)
		w.String(q.Label)
		w.String(q.SVG)
	}
}

// decodeLoaderPart and decodeRest read, in turn, what encodeCache wrote; a
// problem is r's error. Each map is made as large as the count before its
// entries says: grown a table at a time, the maps of a warm build touched
// twice the memory, and fresh memory costs a page fault per 4 KB. The
// checksum has been verified, and r.Len never counts more items than bytes
// left.

// decodeLoaderPart reads the part of the cache the loader takes, which
// comes first.
func decodeLoaderPart(r *wire.Reader) *cache {
	c := &cache{fronts: site.DecodeFrontMatters(r)}
	c.stamps, c.trainer = decodeStamps(r)
	c.history = vcs.DecodeHistory(r)
	return c
}

// decodeRest reads the rest of the cache into c.
func decodeRest(r *wire.Reader, c *cache, html *markup.Spool, htmlLen int64) map[string][]publish.File {
	c.links = r.Fixed()
	n := r.Len()
	c.docs, c.search = make(map[string]docEntry, n), map[string]searchEntry{}
	for ; n > 0 && r.Err() == nil; n-- {
		file := r.String()
		e := docEntry{key: r.Fixed(), data: map[string][32]byte{}, doc: &markup.Doc{}}
		for m := r.Len(); m > 0 && r.Err() == nil; m-- {
			src := r.String()
			if sum := r.Blob(); len(sum) == 32 {
				e.data[src] = [32]byte(sum)
			} else {
				r.Fail(errors.New("a data file's sum is not 32 bytes"))
			}
		}
		e.doc.DecodeSpooled(r, html, htmlLen)
		c.docs[file] = e
	}
	c.cards = decodeEntries(r)
	resized := map[string][]publish.File{}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		key := r.String()
		resized[key] = decodeFiles(r)
	}
	n = r.Len()
	c.analysed = make(map[uint64]*search.Page, n)
	for ; n > 0 && r.Err() == nil; n-- {
		k := r.Fixed()
		c.analysed[k] = search.DecodePage(r)
	}
	c.assets = assetsEntry{key: r.Fixed(), files: decodeFiles(r), urls: map[string]string{}}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		name := r.String()
		c.assets.urls[name] = r.String()
	}
	c.pages = decodeEntries(r)
	c.sitemap = pageEntry{key: r.Fixed(), body: r.Blob()}
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		dir := r.String()
		c.search[dir] = decodeIndex(r)
	}
	c.output = decodeRecord(r)
	c.kept = decodeRecord(r)
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		c.qrs = append(c.qrs, render.QRCode{Text: r.String(), Label: r.String(), SVG: r.String()})
	}
	return resized
}

// encodeStamps writes the page files' stamps and, for each, whether its
// text says "trainer" when that is known.
func encodeStamps(w *wire.Writer, stamps map[string]site.FileStamp, trainer map[string]trainerMemo) {
	w.Uint(uint64(len(stamps)))
	for _, p := range sortedKeys(stamps) {
		s := stamps[p]
		w.String(p)
		w.Int(int(s.Stamp.Size))
		w.Int(int(s.Stamp.Modified))
		w.Int(int(s.Stamp.Changed))
		w.Uint(s.Stamp.Dev)
		w.Uint(s.Stamp.Ino)
		w.Fixed(s.Front)
		w.Fixed(s.Body)
		m, ok := trainer[p]
		w.Bool(ok && m.sum == s.Body)
		w.Bool(m.says)
	}
}

func decodeStamps(r *wire.Reader) (map[string]site.FileStamp, map[string]trainerMemo) {
	n := r.Len()
	stamps, trainer := make(map[string]site.FileStamp, n), make(map[string]trainerMemo, n)
	for ; n > 0 && r.Err() == nil; n-- {
		p := r.String()
		s := site.FileStamp{Stamp: site.Stamp{Size: int64(r.Int()), Modified: int64(r.Int()), Changed: int64(r.Int()), Dev: r.Uint(), Ino: r.Uint()}, Front: r.Fixed(), Body: r.Fixed()}
		stamps[p] = s
		if known, says := r.Bool(), r.Bool(); known {
			trainer[p] = trainerMemo{sum: s.Body, says: says}
		}
	}
	return stamps, trainer
}

// encodeRecord writes what a build wrote into its output folder.
func encodeRecord(w *wire.Writer, rec publish.Record) {
	w.String(rec.Dir)
	w.Uint(rec.Folder.Dev)
	w.Uint(rec.Folder.Ino)
	w.Int(int(rec.Folder.Changed))
	w.Int(int(rec.At.UnixNano()))
	w.Uint(uint64(len(rec.Files)))
	for _, p := range sortedKeys(rec.Files) {
		w.String(p)
		encodeWritten(w, rec.Files[p])
	}
}

func decodeRecord(r *wire.Reader) publish.Record {
	rec := publish.Record{Dir: r.String(), Folder: publish.Folder{Dev: r.Uint(), Ino: r.Uint(), Changed: int64(r.Int())}, At: time.Unix(0, int64(r.Int()))}
	n := r.Len()
	rec.Files = make(map[string]publish.Written, n)
	for ; n > 0 && r.Err() == nil; n-- {
		f := decodeWritten(r, r.String())
		rec.Files[f.Path] = f
	}
	return rec
}

// encodeWritten writes a file's size and sum; its path goes before it.
func encodeWritten(w *wire.Writer, f publish.Written) {
	w.Int(int(f.Size))
	w.Blob(f.Sum[:])
}

func decodeWritten(r *wire.Reader, path string) publish.Written {
	f := publish.Written{Path: path, Size: int64(r.Int())}
	if sum := r.Blob(); len(sum) == len(f.Sum) {
		f.Sum = [32]byte(sum)
	} else {
		r.Fail(errors.New("an output file's sum is not 32 bytes"))
	}
	return f
}

// encodeEntries writes each entry after a 1, and a 0 after the last. An
// entry has its body, or else what a streaming build wrote of it, which
// is a few bytes where the body is kilobytes: the next build takes the
// file from the output it left (see stream.reuse). An entry with neither
// is left out.
func encodeEntries(w *wire.Writer, entries map[string]pageEntry) {
	var kept []string
	for _, p := range sortedKeys(entries) {
		if e := entries[p]; e.body != nil || e.written.Path == p {
			kept = append(kept, p)
		}
	}
	w.Uint(uint64(len(kept)))
	for _, p := range kept {
		e := entries[p]
		w.String(p)
		w.Fixed(e.key)
		w.Bool(e.body != nil)
		if e.body != nil {
			w.Blob(e.body)
		} else {
			encodeWritten(w, e.written)
		}
		encodeSections(w, e.sections)
	}
}

func encodeSections(w *wire.Writer, sections []render.Section) {
	w.Uint(uint64(len(sections)))
	for _, s := range sections {
		w.Fixed(s.Key)
		w.Uint(uint64(s.At))
		w.Uint(uint64(s.Len))
		w.Fixed(s.Sum)
	}
}

func decodeSections(r *wire.Reader) []render.Section {
	n := r.Len()
	if n == 0 {
		return nil
	}
	sections := make([]render.Section, 0, n)
	for ; n > 0 && r.Err() == nil; n-- {
		sections = append(sections, render.Section{Key: r.Fixed(), At: int64(r.Uint()), Len: int64(r.Uint()), Sum: r.Fixed()})
	}
	return sections
}

func decodeEntries(r *wire.Reader) map[string]pageEntry {
	n := r.Len()
	entries := make(map[string]pageEntry, n)
	for ; n > 0 && r.Err() == nil; n-- {
		p := r.String()
		e := pageEntry{key: r.Fixed()}
		if r.Bool() {
			e.body = r.Blob()
		} else {
			e.written = decodeWritten(r, p)
		}
		e.sections = decodeSections(r)
		entries[p] = e
	}
	return entries
}

// encodeIndex writes a search index's key and files, each with its body or
// else what a streaming build wrote of it, as encodeEntries does pages.
func encodeIndex(w *wire.Writer, e searchEntry) {
	w.Fixed(e.key)
	w.Uint(uint64(len(e.files)))
	for _, f := range e.files {
		w.String(f.Path)
		w.Bool(f.Body != nil)
		if f.Body != nil {
			w.Blob(f.Body)
		}
	}
}

func decodeIndex(r *wire.Reader) searchEntry {
	e := searchEntry{key: r.Fixed()}
	n := r.Len()
	e.files = make([]publish.File, 0, n)
	for ; n > 0 && r.Err() == nil; n-- {
		f := publish.File{Path: r.String()}
		if r.Bool() {
			f.Body = r.Blob()
		}
		e.files = append(e.files, f)
	}
	return e
}

func encodeFiles(w *wire.Writer, files []publish.File) {
	w.Uint(uint64(len(files)))
	for _, f := range files {
		w.String(f.Path)
		w.Blob(f.Body)
	}
}

func decodeFiles(r *wire.Reader) []publish.File {
	var files []publish.File
	for n := r.Len(); n > 0 && r.Err() == nil; n-- {
		files = append(files, publish.File{Path: r.String(), Body: r.Blob()})
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
