// Package sitefs is the one way the build reads a site's files. Every read
// goes through an os.Root, so no path, ".." or symbolic link can reach a
// file outside the site folder, and through checks that make the policy
// plain in messages:
//
//   - a symbolic link is an error naming the link and where it points,
//     wherever it is in the site (site.yaml, content/, data, assets/,
//     layouts/), whether it leads outside the site or not;
//   - only regular files are read: a named pipe, device or socket is an
//     error and is never opened, so a FIFO cannot stall a build and
//     /dev/zero cannot fill memory;
//   - a file larger than its limit (text files the build parses, other files
//     it copies) is an error before it is read;
//   - hidden files (dotfiles, editor backups) are not listed, so they are
//     never read or published.
//
// This follows GitHub Pages' safe mode for untrusted sites, and is stricter
// than it in one way: links that stay inside the site are refused too, so a
// page is never published twice and a folder link can never loop.
package sitefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"lentera/generator/fileerr"
)

// Limits are the largest files the build reads, in bytes.
type Limits struct {
	Text int64 // files the build parses: Markdown, YAML, layouts, stylesheets, scripts
	File int64 // any other file, copied as it is
}

// DefaultLimits are far above any real course's files, and low enough that a
// mistake (a video in content/, a generated dump) is caught before it fills
// memory.
func DefaultLimits() Limits { return Limits{Text: 16 << 20, File: 64 << 20} }

// FS is a site folder, read under the rules in the package comment. It
// implements fs.FS, fs.ReadFileFS, fs.ReadDirFS and fs.StatFS, and is safe
// for concurrent use.
type FS struct {
	base fs.FS
	root *os.Root // the folder on disk; nil for an in-memory site
	dir  string   // the folder's absolute path, to tell links out from links in
	text atomic.Int64
	file atomic.Int64
	// folders holds the folders found real (no link) since Refresh: every
	// file read checks each folder on its way, and a course of a thousand
	// chapters in a few folders would otherwise check them a thousand times.
	folders sync.Map
	// roots holds an os.Root per folder read from since Refresh: through
	// the site's root, every read opens each folder on the way again,
	// some ten system calls for a chapter three folders deep.
	roots sync.Map
	open  atomic.Int64 // how many folders roots holds open
}

// Open opens the site folder dir. The folder itself may be reached through a
// symbolic link; nothing inside it may.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	f := New(root.FS())
	f.root, f.dir = root, abs
	return f, nil
}

// New reads a site from fsys under the same rules; tests give an in-memory
// site. When fsys has no symbolic links (fs.ReadLinkFS), none are found.
func New(fsys fs.FS) *FS {
	f := &FS{base: fsys}
	f.SetLimits(DefaultLimits())
	return f
}

// SetLimits changes the limits, once site.yaml has said what they are.
// A zero field keeps the default.
func (f *FS) SetLimits(l Limits) {
	def := DefaultLimits()
	if l.Text <= 0 {
		l.Text = def.Text
	}
	if l.File <= 0 {
		l.File = def.File
	}
	f.text.Store(l.Text)
	f.file.Store(l.File)
}

// Refresh forgets which folders were found real, so that a folder
// replaced by a link since is refused. A build calls it first: within one
// build, the folders are checked once.
func (f *FS) Refresh() {
	f.folders.Clear()
	f.closeRoots()
}

// Close releases the folder.
func (f *FS) Close() error {
	if f.root == nil {
		return nil
	}
	f.closeRoots()
	return f.root.Close()
}

func (f *FS) closeRoots() {
	f.roots.Range(func(dir, r any) bool {
		r.(*os.Root).Close()
		f.roots.Delete(dir)
		f.open.Add(-1)
		return true
	})
}

// maxRoots bounds the folders held open: a site of many thousands of
// folders must not run out of file descriptors.
const maxRoots = 256

// at is the root to reach path p of the site on disk through, and p's
// name there: the root of p's folder, opened once since Refresh (check
// has found each folder on the way a folder, not a link), or the site's
// root when that folder cannot be held open.
func (f *FS) at(p string) (*os.Root, string) {
	if r := f.rootOf(path.Dir(p)); r != nil {
		return r, path.Base(p)
	}
	return f.root, p
}

func (f *FS) rootOf(dir string) *os.Root {
	if dir == "." {
		return f.root
	}
	if r, ok := f.roots.Load(dir); ok {
		return r.(*os.Root)
	}
	parent := f.rootOf(path.Dir(dir))
	if parent == nil || f.open.Load() >= maxRoots {
		return nil
	}
	r, err := parent.OpenRoot(path.Base(dir))
	if err != nil {
		return nil // the read through the site's root says why
	}
	if had, loaded := f.roots.LoadOrStore(dir, r); loaded {
		r.Close()
		return had.(*os.Root)
	}
	f.open.Add(1)
	return r
}

// lstat describes p without following a link.
func (f *FS) lstat(p string) (fs.FileInfo, error) {
	if f.root == nil || p == "." {
		return fs.Lstat(f.base, p)
	}
	r, name := f.at(p)
	info, err := r.Lstat(name)
	return info, sitePath(err, p)
}

// sitePath gives an error from a folder's root the path from the site's.
func sitePath(err error, p string) error {
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = p
	}
	return err
}

// Open opens a file or folder.
func (f *FS) Open(name string) (fs.File, error) {
	info, err := f.check(name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return f.base.Open(name)
	}
	return f.openFile(name)
}

// ReadFile reads a whole file.
func (f *FS) ReadFile(name string) ([]byte, error) {
	info, err := f.check(name)
	if err != nil {
		return nil, err
	}
	file, err := f.openFile(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// Sized from the start: a 20 MB chapter is read into one buffer, not
	// grown into it. ReadFrom wants MinRead bytes free before each read,
	// the one that finds the end too.
	buf := bytes.NewBuffer(make([]byte, 0, min(info.Size(), f.limit(name))+bytes.MinRead))
	_, err = buf.ReadFrom(file)
	return buf.Bytes(), err
}

// ReadDir lists a folder, without its hidden files.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := f.check(name); err != nil {
		return nil, err
	}
	entries, err := f.readDir(name)
	shown := entries[:0]
	for _, e := range entries {
		if !Hidden(e.Name()) {
			shown = append(shown, e)
		}
	}
	return shown, err
}

// Hidden reports whether a file is left out of the site: dotfiles (.env,
// .git, .DS_Store), editor backups (a.md~, #a.md#), the lock file an
// office program keeps beside a document while it is open (~$ndout.docx,
// which holds the name of who has it open) and the files Windows keeps
// in a folder (Thumbs.db, desktop.ini). A site folder often holds them by
// accident, and a build must never publish a secret that sits beside the
// chapters. Jekyll leaves the dotfiles and backups out.
func Hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		(len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) ||
		strings.HasPrefix(name, "~$") || windowsFiles[strings.ToLower(name)]
}

var windowsFiles = map[string]bool{"thumbs.db": true, "ehthumbs.db": true, "desktop.ini": true}

// Stat describes a file or folder. Links are refused, so it never follows
// one.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	return f.check(name)
}

// check refuses a path when a folder on the way or the file itself is a
// symbolic link or is neither a folder nor a regular file. It returns the
// file's information.
func (f *FS) check(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var info fs.FileInfo
	for _, p := range prefixes(name) {
		if _, ok := f.folders.Load(p); ok && p != name {
			continue
		}
		var err error
		if info, err = f.lstat(p); err != nil {
			return nil, err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, f.linkError(p)
		}
		if p != name && !info.IsDir() {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		if p != name {
			f.folders.Store(p, true)
		}
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, irregular(name, info.Mode())
	}
	return info, nil
}

// prefixes lists "a", "a/b", "a/b/c" for "a/b/c", and "." alone.
func prefixes(name string) []string {
	if name == "." {
		return []string{"."}
	}
	var out []string
	for i, c := range name {
		if c == '/' {
			out = append(out, name[:i])
		}
	}
	return append(out, name)
}

func (f *FS) linkError(p string) error {
	target, err := fs.ReadLink(f.base, p)
	if err != nil {
		return fileerr.Errorf(p, 0, 0, "is a symbolic link; links are not followed: copy the file into the site instead")
	}
	where := "inside the site"
	if f.outside(p, target) {
		where = "outside the site folder"
	}
	return fileerr.Errorf(p, 0, 0, "is a symbolic link to %s (%s); links are not followed, so a site publishes only its own files: copy the file here instead", target, where)
}

// outside reports whether link p's target lies outside the site folder.
func (f *FS) outside(p, target string) bool {
	if filepath.IsAbs(target) {
		rel, err := filepath.Rel(f.dir, target)
		return f.dir == "" || err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	joined := path.Join(path.Dir(p), filepath.ToSlash(target))
	return joined == ".." || strings.HasPrefix(joined, "../")
}

// Entry checks an entry met in a walk of fsys: nil for a folder or a regular
// file, else the reason it is not read (through FS, naming where a link
// points).
func Entry(fsys fs.FS, p string, e fs.DirEntry) error {
	if e.IsDir() || e.Type().IsRegular() {
		return nil
	}
	if _, err := fs.Stat(fsys, p); err != nil {
		return fileerr.New(p, 0, 0, err)
	}
	return irregular(p, e.Type())
}

// EntrySize checks a file met in a walk of fsys against its size limit,
// as opening it would: a build reports a file too large to copy with the
// pages' problems, not after them. Only an FS has limits.
func EntrySize(fsys fs.FS, p string, e fs.DirEntry) error {
	f, ok := fsys.(*FS)
	if !ok {
		return nil
	}
	info, err := e.Info()
	if err != nil {
		return nil // opening it says why
	}
	return f.checkSize(p, info.Size())
}

func irregular(name string, m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link, which is not followed,"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return fileerr.Errorf(name, 0, 0, "is %s: only regular files and folders are read from a site", what)
}

// openFile opens a file that check found regular. On disk it opens without
// blocking, and checks again what it opened, so a file swapped for a pipe
// in between is refused rather than waited on.
func (f *FS) openFile(name string) (fs.File, error) {
	var file fs.File
	var err error
	if f.root != nil {
		r, in := f.at(name)
		file, err = r.OpenFile(in, os.O_RDONLY|nonBlock, 0)
		err = sitePath(err, name)
	} else {
		file, err = f.base.Open(name)
	}
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = irregular(name, info.Mode())
	}
	if err == nil {
		err = f.checkSize(name, info.Size())
	}
	if err != nil {
		file.Close()
		return nil, err
	}
	return &limitedFile{File: file, name: name, limit: f.limit(name), left: f.limit(name)}, nil
}

func (f *FS) checkSize(name string, size int64) error {
	if limit := f.limit(name); size > limit {
		return sizeError(name, size, limit)
	}
	return nil
}

func sizeError(name string, size, limit int64) error {
	kind, key := "files", "file"
	if IsText(name) {
		kind, key = "text files", "textFile"
	}
	return fileerr.Errorf(name, 0, 0, "is %s, over the limit of %s for %s; if it belongs in the site, raise limits.%s in site.yaml", FormatSize(size), FormatSize(limit), kind, key)
}

func (f *FS) limit(name string) int64 {
	if IsText(name) {
		return f.text.Load()
	}
	return f.file.Load()
}

// IsText reports whether the build parses a file of this name, so that the
// text limit applies to it.
func IsText(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".yaml", ".yml", ".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

// limitedFile stops reading at the limit, for a file that grows after it
// was opened.
type limitedFile struct {
	fs.File
	name        string
	limit, left int64
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, _ := l.File.Read(one[:]); n > 0 {
			return 0, sizeError(l.name, l.limit+1, l.limit)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.File.Read(p)
	l.left -= int64(n)
	return n, err
}

// ErrSize says a size in site.yaml cannot be read.
var ErrSize = errors.New(`a size like 16MB, 512KB or 1GB`)

// ParseSize reads "16MB", "512 KB", "1GB" or a number of bytes. Units are
// powers of 1024, as in the defaults.
func ParseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"BYTES", 1}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, ErrSize
	}
	return n * mult, nil
}

// FormatSize writes a size the way ParseSize reads it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1fKB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
