package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/fileerr"
	"lentera/generator/internal/testsite"
)

// Problems are printed sorted by place, the first maxReported of them, then
// a count of the rest, then the summary.
func TestReportCapsAndSorts(t *testing.T) {
	var errs []error
	for i := range 250 {
		errs = append(errs, fileerr.Errorf(fmt.Sprintf("content/%c.md", 'a'+i%3), i/3+1, i%2+1, "problem %d", i))
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(errs), func(i, j int) { errs[i], errs[j] = errs[j], errs[i] })
	errs = append(errs, summary{errors.New("build failed with 250 errors")})
	var buf bytes.Buffer
	report(&buf, errors.Join(errs...))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != maxReported+2 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), maxReported+2, buf.String())
	}
	// a.md holds problems 0, 3, 6, ...: 84 of them, on lines 1 to 84.
	if lines[0] != "content/a.md:1:1: problem 0" || lines[83] != "content/a.md:84:2: problem 249" || lines[84] != "content/b.md:1:2: problem 1" {
		t.Errorf("not sorted by path and line:\n%s", strings.Join(lines[:90], "\n"))
	}
	if got, want := lines[maxReported], "… and 150 more errors"; got != want {
		t.Errorf("line %d is %q, want %q", maxReported+1, got, want)
	}
	if got := lines[maxReported+1]; got != "build failed with 250 errors" {
		t.Errorf("last line %q, want the summary", got)
	}
}

func TestReportUnderCapPrintsAll(t *testing.T) {
	var buf bytes.Buffer
	report(&buf, errors.Join(fileerr.Errorf("b.md", 2, 0, "two"), fileerr.Errorf("a.md", 9, 0, "one"), errors.New("plain")))
	if want := "plain\na.md:9: one\nb.md:2: two\n"; buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// 5 MB of dead links, in paragraphs of 4 KB over pages of 120 KB (a page
// may hold no more markup than that), gives a few hundred thousand
// errors; the terminal gets a hundred of them and the count of the rest,
// and the previous output stays as it was.
func TestBuildCapsPrintedErrors(t *testing.T) {
	size := 5 << 20
	if testing.Short() {
		size = 200 << 10
	}
	dir := t.TempDir()
	siteDir, out := filepath.Join(dir, "kursus"), filepath.Join(dir, "public")
	testsite.Write(t, siteDir, map[string]string{
		"site.yaml":       "title: Uji\nlanguages: [id]\n",
		"content/id/a.md": "---\ntitle: A\n---\nIsi.\n",
	})
	if code, stdout, stderr := runCmd("build", "--site", siteDir, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	before := outputTree(t, out)
	pages := map[string]string{}
	var page strings.Builder
	links, total := 0, 0
	for total < size {
		fmt.Fprintf(&page, "[x](hilang%d.md) ", links)
		if links++; links%200 == 0 {
			page.WriteString("\n\n")
		}
		if page.Len() >= 120<<10 || total+page.Len() >= size {
			name := "a.md"
			if len(pages) > 0 {
				name = fmt.Sprintf("b%03d.md", len(pages))
			}
			pages["content/id/"+name] = "---\ntitle: A\n---\n" + page.String() + "\n"
			total += page.Len()
			page.Reset()
		}
	}
	testsite.Write(t, siteDir, pages)
	code, _, stderr := runCmd("build", "--site", siteDir, "--out", out)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != maxReported+2 {
		t.Fatalf("%d lines printed, want %d", len(lines), maxReported+2)
	}
	a := filepath.Join(siteDir, "content", "id", "a.md")
	if want := a + `:4:5: dead link "hilang0.md"`; !strings.HasPrefix(lines[0], want) {
		t.Errorf("first line %q, want it to start %q", lines[0], want)
	}
	if want := fmt.Sprintf("… and %d more errors", links-maxReported); lines[maxReported] != want {
		t.Errorf("line %d %q, want %q", maxReported+1, lines[maxReported], want)
	}
	if want := fmt.Sprintf("build failed with %d errors; %s was left as it was", links, out); lines[maxReported+1] != want {
		t.Errorf("last line %q, want %q", lines[maxReported+1], want)
	}
	if after := outputTree(t, out); !bytes.Equal(before, after) {
		t.Error("the failed build changed the output folder")
	}
}

// outputTree is every path and content under dir, in one comparable value.
func outputTree(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&buf, "%s %v\n", rel, info.Mode())
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			buf.Write(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
