package serve

import (
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name    string
		ignored bool
	}{
		{"a.md", false},
		{"_index.md", false},
		{"10-base.css", false},
		{"2024.yaml", false},
		{"a.md~", true},
		{".a.md.swp", true},
		{".a.md.swo", true},
		{".a.md.swx", true},
		{"4913", true},
		{"5036", true},
		{".#a.md", true},
		{"#a.md#", true},
		{"a.md___jb_tmp___", true},
		{"a.md___jb_old___", true},
		{".goutputstream-X1Y2", true},
		{"a.md.kate-swp", true},
		{".DS_Store", true},
		{"sedX1b2Q9", true},
		{"sed.md", false},
		{"swp", false},
		{"#", false},
	}
	for _, tt := range tests {
		if got := ignored(tt.name); got != tt.ignored {
			t.Errorf("ignored(%q) = %v, want %v", tt.name, got, tt.ignored)
		}
	}
}

// watchSite watches a site folder and returns its batches.
func watchSite(t *testing.T, dir string, tm timing) <-chan batch {
	t.Helper()
	w, err := newWatcher(dir, "public", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan batch)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx, tm, out)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		w.close()
	})
	return out
}

func nextBatch(t *testing.T, batches <-chan batch) []string {
	t.Helper()
	select {
	case b := <-batches:
		if b.all {
			return []string{"(all)"}
		}
		return slices.Sorted(maps.Keys(b.paths))
	case <-time.After(wait):
		t.Fatal("no batch")
		return nil
	}
}

// TestWatchSavePatterns does what editors and people do to files and checks
// that each burst comes out as one batch naming the site paths changed.
func TestWatchSavePatterns(t *testing.T) {
	dir := t.TempDir()
	for name, body := range tinySite {
		writeFile(t, dir, name, body)
	}
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A quiet time long enough that each step below, a few file
	// operations, is one burst even on a slow machine.
	batches := watchSite(t, dir, timing{quiet: 150 * time.Millisecond, maxWait: time.Minute})

	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{"vim: probe, backup by rename, write, drop backup", func() {
			must(os.WriteFile(p("content/id/.a.md.swp"), []byte("swap"), 0o644))
			must(os.WriteFile(p("content/id/4913"), nil, 0o644))
			must(os.Remove(p("content/id/4913")))
			must(os.Rename(p("content/id/a.md"), p("content/id/a.md~")))
			must(os.WriteFile(p("content/id/a.md"), []byte(chapterA("vim")), 0o644))
			must(os.Remove(p("content/id/a.md~")))
			must(os.Remove(p("content/id/.a.md.swp")))
		}, []string{"content/id/a.md"}},
		{"write a temporary file and rename it over", func() {
			must(os.WriteFile(p("content/en/a.md___jb_tmp___"), []byte("x"), 0o644))
			must(os.Rename(p("content/en/a.md___jb_tmp___"), p("content/en/a.md")))
		}, []string{"content/en/a.md"}},
		{"delete and re-create", func() {
			must(os.Remove(p("content/id/a.md")))
			must(os.WriteFile(p("content/id/a.md"), []byte(chapterA("again")), 0o644))
		}, []string{"content/id/a.md"}},
		{"site.yaml replaced by rename", func() {
			must(os.WriteFile(p("site.yaml.new"), []byte(tinySite["site.yaml"]), 0o644))
			must(os.Rename(p("site.yaml.new"), p("site.yaml")))
		}, []string{"site.yaml"}},
		{"new nested folders with files", func() {
			must(os.MkdirAll(p("content/id/baru/dalam"), 0o755))
			must(os.WriteFile(p("content/id/baru/dalam/b.md"), []byte("b"), 0o644))
			must(os.WriteFile(p("content/id/baru/_index.md"), []byte("i"), 0o644))
		}, []string{"content/id/baru/_index.md", "content/id/baru/dalam/b.md"}},
		{"an edit inside the new folder", func() {
			must(os.WriteFile(p("content/id/baru/dalam/b.md"), []byte("b2"), 0o644))
		}, []string{"content/id/baru/dalam/b.md"}},
		{"layouts/ and assets/ created later; files outside the site's inputs", func() {
			must(os.MkdirAll(p("layouts/partials"), 0o755))
			must(os.WriteFile(p("layouts/partials/footer.html"), []byte("f"), 0o644))
			must(os.MkdirAll(p("assets/css"), 0o755))
			must(os.WriteFile(p("assets/css/20-x.css"), []byte("a{}"), 0o644))
			must(os.MkdirAll(p("data"), 0o755))
			must(os.WriteFile(p("data/kpi.yaml"), []byte("x: 1"), 0o644))
			must(os.MkdirAll(p("public/id"), 0o755))
			must(os.WriteFile(p("public/id/index.html"), []byte("out"), 0o644))
			must(os.WriteFile(p("notes.txt"), []byte("n"), 0o644))
		}, []string{"assets/css/20-x.css", "layouts/partials/footer.html"}},
		{"a folder moved out of the site", func() {
			must(os.Rename(p("content/id/baru"), p("baru-moved")))
		}, []string{"content/id/baru/_index.md", "content/id/baru/dalam/b.md"}},
		{"a folder moved back in", func() {
			must(os.Rename(p("baru-moved"), p("content/en/baru")))
		}, []string{"content/en/baru/_index.md", "content/en/baru/dalam/b.md"}},
		{"chmod alone is no change; the write after it is", func() {
			must(os.Chmod(p("content/id/a.md"), 0o600))
			must(os.WriteFile(p("content/en/_index.md"), []byte("w"), 0o644))
		}, []string{"content/en/_index.md"}},
	}
	for _, step := range steps {
		step.do()
		if got := nextBatch(t, batches); !slices.Equal(got, step.want) {
			t.Errorf("%s: batch %q, want %q", step.name, got, step.want)
		}
	}
}

// TestWatchEndlessWrites checks maxWait: a file written without pause still
// gets built, instead of the burst never ending.
func TestWatchEndlessWrites(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "content/id/log.md", "")
	batches := watchSite(t, dir, timing{quiet: time.Hour, maxWait: 100 * time.Millisecond})
	f, err := os.OpenFile(filepath.Join(dir, "content/id/log.md"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(wait)
	for {
		select {
		case b := <-batches:
			if !b.paths["content/id/log.md"] {
				t.Errorf("batch %v", b.paths)
			}
			return
		case <-tick.C:
			if _, err := f.WriteString("x"); err != nil {
				t.Fatal(err)
			}
		case <-deadline:
			t.Fatal("a burst that never goes quiet was never handed on")
		}
	}
}
