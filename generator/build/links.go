package build

import (
	"errors"
	"time"

	"lentera/generator/linkcheck"
	"lentera/generator/markup"
	"lentera/generator/publish"
	"lentera/generator/render"
	"lentera/generator/site"
)

// checkLinks checks the site paths and #fragments of every converted page
// against what the build publishes.
func checkLinks(docs render.Docs, out linkcheck.Output) error {
	return phase("links", errors.Join(linkcheck.Check(allLinks(docs), out, render.Editions[1:])...))
}

func allLinks(docs render.Docs) []linkcheck.Link {
	var links []linkcheck.Link
	for _, d := range docs {
		links = append(links, d.Links...)
	}
	return links
}

// linkTargets are the pages whose ids some link's #fragment needs: when
// pages are written as they are rendered, only these stay in memory for
// the link check.
func linkTargets(docs render.Docs) map[string]bool {
	return linkcheck.Wanted(allLinks(docs), render.Editions[1:])
}

// finalOutput is what a build that got through rendering publishes: its
// files, and the pages that the gather phase is still to render.
func finalOutput(files []publish.File, gathered []render.Job) linkcheck.Output {
	out := make(linkcheck.Output, len(files)+len(gathered))
	for _, f := range files {
		out[f.Path] = f.Body
	}
	for _, j := range gathered {
		out[j.Path] = nil
	}
	out[sitemapPath] = nil // made in the gather phase too
	return out
}

// draftOutput stands in for the output of a build that stopped before
// rendering: every planned page, with its converted text where it has one
// (ids from its layout are missing then), the assets, the calendars and
// the copied files.
func draftOutput(s *site.Site, r *render.Renderer, docs render.Docs, assets []publish.File) linkcheck.Output {
	out := linkcheck.Output{}
	for _, ed := range render.Editions {
		for _, j := range r.Plan(ed) {
			out[j.Path] = nil
			if d := docs[j.Page]; d != nil {
				out[j.Path] = d.HTML(markup.Pass{Edition: ed})
			}
		}
	}
	for _, ed := range render.Editions {
		for _, f := range calendars(s, ed, time.Time{}) {
			out[f.Path] = nil
		}
	}
	for _, f := range assets {
		out[f.Path] = nil
	}
	for _, f := range s.Files {
		out[f.URL[1:]] = nil
	}
	return out
}
