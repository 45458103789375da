package build

import (
	"slices"
	"testing"

	"lentera/generator/publish"
)

// TestBuildVersion: the version is the files', whatever order they come
// in, and any file's path or bytes change it.
func TestBuildVersion(t *testing.T) {
	files := []publish.Written{
		publish.Summary(publish.File{Path: "id/index.html", Body: []byte("<p>Halo")}),
		publish.Summary(publish.File{Path: "en/index.html", Body: []byte("<p>Hello")}),
		publish.Summary(publish.File{Path: "assets/site.css", Body: []byte("p{}")}),
	}
	v := buildVersion(files)
	if len(v) != 12 {
		t.Fatalf("version %q: want 12 hex digits", v)
	}
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	if got := buildVersion(reversed); got != v {
		t.Errorf("reversed files: version %q, want %q", got, v)
	}
	renamed := slices.Clone(files)
	renamed[0].Path = "id/lain.html"
	edited := slices.Clone(files)
	edited[1] = publish.Summary(publish.File{Path: "en/index.html", Body: []byte("<p>Hello!")})
	swapped := slices.Clone(files)
	swapped[0].Sum, swapped[1].Sum = swapped[1].Sum, swapped[0].Sum
	for name, other := range map[string][]publish.Written{"renamed": renamed, "edited": edited, "swapped": swapped, "fewer": files[1:]} {
		if buildVersion(other) == v {
			t.Errorf("%s: same version %q as the files before", name, v)
		}
	}
}
