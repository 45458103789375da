package build

import "lentera/generator/sitefs"

// openSite makes b.fsys the site, read through sitefs: the folder SiteDir,
// or Options.Site. The folder is opened at the first build and kept, as
// what a build keeps for the next (layouts) may read it again.
func (b *Builder) openSite() error {
	if b.fsys != nil {
		return nil
	}
	if b.opts.Site != nil {
		b.fsys = sitefs.New(b.opts.Site)
		return nil
	}
	fsys, err := sitefs.Open(b.opts.SiteDir)
	if err != nil {
		return err
	}
	b.fsys = fsys
	return nil
}
