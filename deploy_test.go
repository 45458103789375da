package lentera

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Name string
	On   struct {
		Push struct {
			Branches []string
		}
	}
	Permissions map[string]string
	Jobs        map[string]struct {
		RunsOn    string `yaml:"runs-on"`
		Container string
		Needs     any
		Steps     []struct {
			Name string
			ID   string
			Uses string
			Run  string
			With map[string]any
		}
	}
}

// The GitHub Pages workflow parses, tests before it publishes, builds with
// the repository's Pages address as base URL, and publishes public/.
func TestPagesWorkflow(t *testing.T) {
	src, err := os.ReadFile(".github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	if len(wf.On.Push.Branches) != 1 || wf.On.Push.Branches[0] != "main" {
		t.Errorf("runs on pushes to %v, want main", wf.On.Push.Branches)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v lack pages: write and id-token: write", wf.Permissions)
	}
	// The steps of the build job, in order, each found by what it does.
	build := wf.Jobs["build"]
	order := []struct {
		what  string
		match func(uses, run string) bool
	}{
		{"check out", func(uses, _ string) bool { return strings.HasPrefix(uses, "actions/checkout@") }},
		{"run make test", func(_, run string) bool {
			return strings.Contains(run, "make test") || strings.Contains(run, ".ci/run")
		}},
		{"find the Pages address", func(uses, _ string) bool { return strings.HasPrefix(uses, "actions/configure-pages@") }},
		{"build with the Pages address as base URL", func(_, run string) bool {
			return strings.Contains(run, "generator build") && strings.Contains(run, "--base-url") && strings.Contains(run, "steps.pages.outputs.base_url") && strings.Contains(run, "--out public")
		}},
		{"upload public/", func(uses, _ string) bool { return strings.HasPrefix(uses, "actions/upload-pages-artifact@") }},
	}
	next := 0
	for _, s := range build.Steps {
		if s.Name == "" {
			t.Errorf("a step of the build job has no name: %+v", s)
		}
		if next < len(order) && order[next].match(s.Uses, s.Run) {
			if order[next].what == "upload public/" && s.With["path"] != "public" {
				t.Errorf("the upload step sends %v, not public", s.With["path"])
			}
			next++
		}
	}
	if next < len(order) {
		t.Errorf("the build job does not %s (in this order: check out, test, find the address, build, upload)", order[next].what)
	}
	if ci, err := os.ReadFile(".ci/run"); err != nil || !strings.Contains(string(ci), "make test") {
		t.Errorf(".ci/run does not run make test (%v)", err)
	}
	deploy := wf.Jobs["deploy"]
	if deploy.Needs != "build" || len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("the deploy job does not deploy the build job's pages: %+v", deploy)
	}
}
