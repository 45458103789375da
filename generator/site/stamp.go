package site

import (
	"errors"
	"io/fs"
	"time"

	"lentera/generator/fileerr"
)

// A Stamp is what the file system says of a file without reading it:
// its size, its inode, and the times it was last written and changed. A
// page file whose stamp is the one it had when it was read holds the
// same text: writing a file moves its change time on, which no program
// can set back, and replacing it gives a new inode.
type Stamp struct {
	Size, Modified, Changed int64 // times in nanoseconds
	Dev, Ino                uint64
}

// FileStamp is what a build keeps of a page file it read, so that a later
// run can take the file as unchanged without reading it: its stamp, and
// the digests of its front matter and body.
type FileStamp struct {
	Stamp       Stamp
	Front, Body uint64
}

// SettleTime is how long ago a file must have last changed for its stamp
// to be kept. A file written again within the same tick of the file
// system's clock (a few milliseconds on ext4) keeps its times; so a file
// changed just before it was read is read again next time.
const SettleTime = 2 * time.Second

// Stamp has the loader take each page file's stamp as it reads it, for
// Stamps, and take a file whose stamp is in known, and whose front matter
// it was given (Remember), as unchanged without reading it. Such a page
// has no Source until ReadSource reads it.
func (l *Loader) Stamp(known map[string]FileStamp) {
	if known == nil {
		known = map[string]FileStamp{}
	}
	l.stamps = known
}

// Stamps are the stamps of the page files as last loaded, for the next
// run's Stamp: those read, and those taken as unchanged.
func (l *Loader) Stamps() map[string]FileStamp {
	out := map[string]FileStamp{}
	for p, pf := range l.parsed {
		if pf.stamp != (Stamp{}) {
			out[p] = FileStamp{Stamp: pf.stamp, Front: pf.front, Body: pf.sum}
		}
	}
	return out
}

// readStamped reads page file p, taking its stamp first, or takes it as
// unchanged when the stamp is the one known.
func (l *Loader) readStamped(fsys fs.FS, p string, fronts FrontMatters) (parsedFile, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return parsedFile{}, fileerr.New(p, 0, 0, err)
	}
	stamp, ok := stampOf(info)
	if known, found := l.stamps[p]; ok && found && known.Stamp == stamp {
		if meta, found := fronts[known.Front]; found {
			return parsedFile{meta: meta, front: known.Front, sum: known.Body, stamp: stamp, unread: true, modified: info.ModTime()}, nil
		}
	}
	pf, err := readPage(fsys, p, fronts)
	pf.modified = info.ModTime()
	// A change time of zero is a file system that keeps none.
	if ok && stamp.Changed > 0 && time.Since(time.Unix(0, stamp.Changed)) > SettleTime {
		pf.stamp = stamp
	}
	return pf, err
}

// ReadSource reads the Markdown of a page the loader took as unchanged
// without reading it, for a build that needs it after all. It is safe to
// call for several pages at once.
func (l *Loader) ReadSource(fsys fs.FS, p *Page) error {
	if !p.Unread {
		return nil
	}
	pf, err := readPage(fsys, p.File, l.fronts)
	if err != nil {
		return err
	}
	if pf.sum != p.Sum || pf.front != l.stamps[p.File].Front {
		return fileerr.New(p.File, 0, 0, errors.New("changed while the site was being built: build again"))
	}
	p.Source, p.Unread = pf.body, false
	return nil
}
