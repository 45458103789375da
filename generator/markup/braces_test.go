package markup

import (
	"strings"
	"testing"

	"lentera/generator/site"
)

// Attributes written right after an image, as Pandoc and the lessons
// written for it have them, go onto the image and are not shown as text;
// a size given in pixels replaces the measured one, keeping the shape.
func TestImageAttributes(t *testing.T) {
	src := "![](fig/x.png){alt='A \"tree\" of folders' width=300 .wide .figure}\n\n" +
		"![Old](fig/x.png){alt=\"New {alt}\" title='Tree'}\n\n" +
		"![Tall](fig/x.png){height=100}\n\n" +
		"![Kept](fig/x.png) {alt=spaced}\n\n" +
		"![Unused](fig/x.png){style=\"color:red\" width=50% #f}\n"
	s, page := fixture(t, src)
	in := Input{Site: s, Page: page, URLs: site.NewURLs(""), T: func(k string) string { return k }, Embed: stubEmbed,
		ImageSize: func(string) (int, int, bool) { return 800, 400, true }}
	doc, err := New(Options{}).Convert(in, Pass{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	imgs := strings.Split(got, "<img ")[1:]
	if len(imgs) != 5 {
		t.Fatalf("%d images, want 5:\n%s", len(imgs), got)
	}
	for i, wants := range [][]string{
		{`alt="A &quot;tree&quot; of folders"`, `width="300"`, `height="150"`, `class="wide figure"`},
		{`alt="New {alt}"`, `title="Tree"`, `width="800"`, `height="400"`},
		{`alt="Tall"`, `width="200"`, `height="100"`},
		{`alt="Kept"`, `width="800"`, `> {alt=spaced}`},
		{`alt="Unused"`, `width="800"`, `height="400"`},
	} {
		for _, want := range wants {
			if !strings.Contains(imgs[i], want) {
				t.Errorf("image %d lacks %s: <img %s", i+1, want, imgs[i])
			}
		}
	}
	for _, absent := range []string{"{alt='A", "Old", "color:red", `id="f"`, "{style"} {
		if strings.Contains(got, absent) {
			t.Errorf("page has %s:\n%s", absent, got)
		}
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.Error())
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{"attribute style is left out", `width="50%" is left out`, "#f is left out"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if len(warned) != 3 {
		t.Errorf("%d warnings, want 3:\n%s", len(warned), all)
	}
}

// A list of attributes that does not read is an error at its line.
func TestImageAttributesMalformed(t *testing.T) {
	_, err := convertPage(t, "Text.\n\n![A](fig/x.png){alt='x' #}\n")
	if err == nil || !strings.Contains(err.Error(), "a.md:6: attributes of image fig/x.png: # must be followed by an id") {
		t.Fatalf("error %v, want one at line 6", err)
	}
}
